import { useQuery } from "@tanstack/react-query";
import { Alert, Skeleton, Table, type TableColumnsType, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { type CriteriaSystem, criteriaQuery } from "../../api/criteria.ts";
import { applicationScoresQuery, type ReviewerForm } from "../../api/ranking.ts";
import { QueryErrorResult } from "../QueryErrorResult.tsx";
import type { ExportColumn } from "./export-table.ts";
import { TableExport } from "./TableExport.tsx";

interface Props {
  tenant: string;
  applicationId: string;
  criteriaSystemId: string;
  /** Names the export's file. */
  unitName: string;
}

interface Line {
  key: string;
  label: string;
  /** A totals line (base, bonus, deduction, total) rather than one item. */
  summary?: keyof ReviewerForm["totals"];
  maxPoints?: number;
}

/** The system's items in order: base items by category, then bonus and deduction items. */
function itemLines(system: CriteriaSystem | undefined, codes: Set<string>): Line[] {
  if (!system) return [...codes].sort().map((code) => ({ key: code, label: code }));
  const items = [...system.categories.flatMap((c) => c.items), ...system.bonusItems, ...system.deductionItems];
  const known = items.filter((i) => codes.has(i.code));
  const unknown = [...codes].filter((code) => !items.some((i) => i.code === code));
  return [
    ...known.map((i) => ({ key: i.code, label: `${i.code} ${i.title}`, maxPoints: i.maxPoints })),
    ...unknown.map((code) => ({ key: code, label: code })),
  ];
}

/** One application's scores item by item, a column per reviewer (and stage), with each form's totals. */
export function ReviewerScores({ tenant, applicationId, criteriaSystemId, unitName }: Props) {
  const { t } = useTranslation();
  const scores = useQuery(applicationScoresQuery(tenant, applicationId));
  const system = useQuery(criteriaQuery(tenant, criteriaSystemId));
  if (scores.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (scores.isError) return <QueryErrorResult error={scores.error} onRetry={() => void scores.refetch()} />;
  if (scores.data.blind) {
    return (
      <Typography.Text type="secondary" data-testid="scores-blind">
        {t("ranking.blind")}
      </Typography.Text>
    );
  }
  const forms = scores.data.forms;
  if (forms.length === 0) return <Typography.Text type="secondary">{t("ranking.scores.none")}</Typography.Text>;
  const codes = new Set(forms.flatMap((f) => f.items.map((i) => i.itemCode)));
  const lines: Line[] = [
    ...itemLines(system.data, codes),
    { key: "_base", label: t("ranking.scores.base"), summary: "base" },
    { key: "_bonus", label: t("ranking.scores.bonus"), summary: "bonus" },
    { key: "_deduction", label: t("ranking.scores.deduction"), summary: "deduction" },
    { key: "_total", label: t("ranking.scores.total"), summary: "total" },
  ];
  const columns: TableColumnsType<Line> = [
    {
      title: t("ranking.scores.item"),
      key: "item",
      fixed: "left",
      width: 240,
      render: (_, line) =>
        line.summary ? (
          <Typography.Text strong>{line.label}</Typography.Text>
        ) : (
          <span>
            {line.label}
            {line.maxPoints !== undefined ? (
              <Typography.Text type="secondary">{` (${line.maxPoints})`}</Typography.Text>
            ) : null}
          </span>
        ),
    },
    ...forms.map((form, i) => ({
      title: (
        <span>
          {form.reviewer.name}
          <Typography.Text type="secondary" style={{ fontSize: 12, display: "block" }}>
            {t(`ranking.stage.${form.stage}`)}
            {form.status === "draft" ? ` · ${t("ranking.scores.draft")}` : ""}
          </Typography.Text>
        </span>
      ),
      key: `form-${i}`,
      width: 110,
      render: (_: unknown, line: Line) => {
        if (line.summary) {
          const value = cell(form, line);
          return value === null ? null : <Typography.Text strong>{value}</Typography.Text>;
        }
        const score = form.items.find((s) => s.itemCode === line.key);
        if (!score) return <Typography.Text type="secondary">—</Typography.Text>;
        const shown = cell(form, line) ?? "—";
        return score.comment ? (
          <Tooltip title={score.comment}>
            <span style={{ textDecoration: "underline dotted" }}>{shown}</span>
          </Tooltip>
        ) : (
          shown
        );
      },
    })),
  ];
  /** A form's cell for a line: the item's grade or points, or the form's total of that kind. */
  const cell = (form: ReviewerForm, line: Line): string | number | null => {
    if (line.summary) {
      const value = form.totals[line.summary];
      return typeof value === "number" ? value : null;
    }
    const score = form.items.find((s) => s.itemCode === line.key);
    return score ? (score.grade ?? score.points) : null;
  };
  const exportColumns: ExportColumn<Line>[] = [
    { header: t("ranking.scores.item"), value: (line) => line.label },
    ...forms.map((form) => ({
      header: `${form.reviewer.name}（${t(`ranking.stage.${form.stage}`)}）`,
      value: (line: Line) => cell(form, line),
    })),
  ];
  const findings = forms.flatMap((f) => f.vetoFindings.map((v) => ({ reviewer: f.reviewer.name, ...v })));
  return (
    <div data-testid="reviewer-scores">
      <div style={{ display: "flex", justifyContent: "flex-end", marginBottom: 8 }}>
        <TableExport
          baseName={`${unitName}-${t("ranking.scores.fileName")}`}
          columns={exportColumns}
          rows={lines}
          testId="reviewer-scores-export"
        />
      </div>
      {findings.length > 0 ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 8 }}
          title={t("ranking.scores.vetoFindings")}
          description={findings.map((f) => (
            <div key={`${f.reviewer}-${f.ruleId}`}>{`${f.reviewer}：${f.ruleId} ${f.reason}`}</div>
          ))}
        />
      ) : null}
      <Table<Line>
        size="small"
        rowKey="key"
        columns={columns}
        dataSource={lines}
        pagination={false}
        scroll={{ x: "max-content", y: 420 }}
      />
    </div>
  );
}
