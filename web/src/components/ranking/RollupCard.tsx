import type { ReactNode } from "react";
import { ChartTableCard } from "../charts/ChartTableCard.tsx";
import type { ChartOption } from "../charts/EChart.tsx";
import type { ExportColumn } from "./export-table.ts";
import { TableExport } from "./TableExport.tsx";

interface Props<T> {
  title: string;
  /** The export's file name, without extension. */
  baseName: string;
  columns: ExportColumn<T>[];
  rows: T[] | undefined;
  rowKey: (row: T) => string;
  chart?: ChartOption;
  loading: boolean;
  error: Error | null;
  onRetry: () => void;
  testId: string;
  extra?: ReactNode;
}

/** A chart over its table, exportable as XLSX and CSV: the shape of every rollup of a round. */
export function RollupCard<T extends object>({ baseName, extra, ...card }: Props<T>) {
  return (
    <ChartTableCard<T>
      {...card}
      fileName={`${baseName}.xlsx`}
      actions={
        <>
          {extra}
          <TableExport
            baseName={baseName}
            columns={card.columns}
            rows={card.rows ?? []}
            testId={`${card.testId}-export`}
          />
        </>
      }
    />
  );
}
