import { Table, type TableColumnsType, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { localizedMessage } from "../../api/errors.ts";
import type { BulkReport } from "../../api/people.ts";

type Line = BulkReport["rows"][number];

const OUTCOME_COLORS = { created: "success", valid: "processing", refused: "error" } as const;

interface Props {
  report: BulkReport;
  /** Sheet row number of each row sent (the API numbers rows 1.. in the order sent). */
  sheetLines: number[];
}

/** Per-row outcome of a bulk import: why a row is refused, and each created row's one-time link. */
export function BulkReportTable({ report, sheetLines }: Props) {
  const { t, i18n } = useTranslation();
  const columns: TableColumnsType<Line> = [
    { title: t("bulk.colRow"), key: "row", width: 70, render: (_, line) => sheetLines[line.row - 1] ?? line.row },
    { title: t("people.email"), dataIndex: "email", width: 200 },
    {
      title: t("bulk.colOutcome"),
      key: "outcome",
      width: 100,
      render: (_, line) => <Tag color={OUTCOME_COLORS[line.outcome]}>{t(`bulk.outcome.${line.outcome}`)}</Tag>,
    },
    {
      title: t("bulk.colDetail"),
      key: "detail",
      render: (_, line) =>
        line.activationLink ? (
          <Typography.Text copyable={{ text: line.activationLink }} code style={{ wordBreak: "break-all" }}>
            {line.activationLink}
          </Typography.Text>
        ) : (
          line.reasons.map((reason) => localizedMessage(reason, i18n.language)).join("；") || t("common.none")
        ),
    },
  ];
  return (
    <Table<Line>
      rowKey="row"
      size="small"
      columns={columns}
      dataSource={report.rows}
      pagination={report.rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: 700, y: 360 }}
      data-testid="bulk-report"
    />
  );
}
