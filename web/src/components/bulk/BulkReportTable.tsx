import { Table, type TableColumnsType, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { localizedMessage } from "../../api/errors.ts";
import type { BulkLine } from "./bulk-spec.ts";

const OUTCOME_COLORS = { created: "success", valid: "processing", refused: "error" } as const;

interface Props<Line extends BulkLine> {
  lines: Line[];
  /** Sheet row number of each row sent (the API numbers rows 1.. in the order sent). */
  sheetLines: number[];
  /** The column that says which row this is about (the person's email, the unit's name…). */
  subject: { title: string; render: (line: Line) => ReactNode };
}

/** Per-row outcome of a bulk import: why a row is refused, or a created row's one-time link where it has one. */
export function BulkReportTable<Line extends BulkLine>({ lines, sheetLines, subject }: Props<Line>) {
  const { t, i18n } = useTranslation();
  const columns: TableColumnsType<Line> = [
    { title: t("bulk.colRow"), key: "row", width: 70, render: (_, line) => sheetLines[line.row - 1] ?? line.row },
    { title: subject.title, key: "subject", width: 220, render: (_, line) => subject.render(line) },
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
      dataSource={lines}
      pagination={lines.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: 700, y: 360 }}
      data-testid="bulk-report"
    />
  );
}
