import { Divider, Space, Statistic, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { FormTotals } from "../../../../worker/domain/scoring/form-totals.ts";
import type { CriteriaSystem } from "../../api/criteria.ts";

interface Props {
  system: CriteriaSystem;
  totals: FormTotals;
  /** Jumps to a category's first item. */
  onCategory?: (code: string) => void;
  compact?: boolean;
}

const n2 = (n: number) => String(Math.round(n * 100) / 100);

/** The running total of the form: base, bonus and deduction (with the system's caps), total, each category. */
export function TotalsPanel({ system, totals, onCategory, compact = false }: Props) {
  const { t } = useTranslation();
  const line = (label: string, value: string, testId: string) => (
    <div style={{ display: "flex", justifyContent: "space-between", gap: 8 }}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      <Typography.Text data-testid={testId}>{value}</Typography.Text>
    </div>
  );
  return (
    <Space orientation="vertical" size={4} style={{ width: "100%" }} data-testid="score-totals">
      <Statistic
        title={t("scoring.total")}
        value={n2(totals.total)}
        suffix={`/ ${system.maxTotal}`}
        styles={compact ? { content: { fontSize: 22 } } : undefined}
        data-testid="score-total"
      />
      {line(t("scoring.base"), n2(totals.base), "score-base")}
      {system.bonusItems.length > 0
        ? line(t("scoring.bonusCapped", { cap: system.bonusCap }), `+${n2(totals.bonus)}`, "score-bonus")
        : null}
      {system.deductionItems.length > 0
        ? line(
            t("scoring.deductionCapped", { cap: system.deductionCap }),
            `−${n2(totals.deduction)}`,
            "score-deduction",
          )
        : null}
      <Divider style={{ margin: "8px 0" }} />
      {system.categories.map((c) => {
        const max = c.items.reduce((sum, i) => sum + i.maxPoints, 0);
        const label = `${c.code} ${c.title}`;
        return (
          <div key={c.code} style={{ display: "flex", justifyContent: "space-between", gap: 8 }}>
            {onCategory ? (
              <Typography.Link onClick={() => onCategory(c.code)} ellipsis style={{ minWidth: 0 }} title={label}>
                {label}
              </Typography.Link>
            ) : (
              <Typography.Text ellipsis style={{ minWidth: 0 }} title={label}>
                {label}
              </Typography.Text>
            )}
            <Typography.Text style={{ whiteSpace: "nowrap" }} data-testid={`category-total-${c.code}`}>
              {`${n2(totals.categories[c.code] ?? 0)} / ${n2(max)}`}
            </Typography.Text>
          </div>
        );
      })}
    </Space>
  );
}
