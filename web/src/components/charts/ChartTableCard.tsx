import { Card, Empty, Skeleton, Table } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { QueryErrorResult } from "../QueryErrorResult.tsx";
import { type ChartOption, EChart } from "./EChart.tsx";
import { ExportButton } from "./ExportButton.tsx";
import type { ExportColumn } from "./export-xlsx.ts";

interface Props<T> {
  title: string;
  fileName: string;
  /** One definition for the table on screen and the XLSX export. */
  columns: ExportColumn<T>[];
  rows: T[] | undefined;
  rowKey: (row: T) => string;
  chart?: ChartOption;
  loading: boolean;
  error: Error | null;
  onRetry: () => void;
  testId: string;
  /** What the card's header offers instead of the XLSX export button (e.g. XLSX and CSV, beside filters). */
  actions?: ReactNode;
}

/** A chart over its table, exportable: the shape of every rollup on the dashboards. */
export function ChartTableCard<T extends object>(props: Props<T>) {
  const { t } = useTranslation();
  const { title, fileName, columns, rows, rowKey, chart, loading, error, onRetry, testId, actions } = props;
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
      extra={actions ?? <ExportButton fileName={fileName} columns={columns} rows={rows ?? []} />}
      data-testid={testId}
    >
      {body}
    </Card>
  );
}
