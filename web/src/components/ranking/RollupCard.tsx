import { Card, Empty, Skeleton, Table } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { type ChartOption, EChart } from "../charts/EChart.tsx";
import { QueryErrorResult } from "../QueryErrorResult.tsx";
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
export function RollupCard<T extends object>(props: Props<T>) {
  const { t } = useTranslation();
  const { title, baseName, columns, rows, rowKey, chart, loading, error, onRetry, testId, extra } = props;
  let body: ReactNode;
  if (loading) body = <Skeleton active paragraph={{ rows: 6 }} />;
  else if (error) body = <QueryErrorResult error={error} onRetry={onRetry} />;
  else if (!rows || rows.length === 0) body = <Empty description={t("stats.empty")} />;
  else {
    body = (
      <>
        {chart ? <EChart option={chart} testId={`${testId}-chart`} /> : null}
        <Table<T>
          size="small"
          rowKey={rowKey}
          dataSource={rows}
          scroll={{ x: "max-content" }}
          pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          columns={columns.map((c, i) => ({
            key: String(i),
            title: c.header,
            render: (_: unknown, row: T) => c.value(row) ?? "—",
          }))}
        />
      </>
    );
  }
  return (
    <Card
      size="small"
      title={title}
      extra={
        <>
          {extra}
          <TableExport baseName={baseName} columns={columns} rows={rows ?? []} testId={`${testId}-export`} />
        </>
      }
      data-testid={testId}
    >
      {body}
    </Card>
  );
}
