import { Input, type TableColumnsType } from "antd";
import { memo } from "react";
import { useTranslation } from "react-i18next";
import type { VetoRule } from "../../api/criteria.ts";
import { NumberInput } from "../NumberInput.tsx";
import { replaceAt } from "../program/draft.ts";
import { blankVetoRule, DEFAULT_LOOKBACK_MONTHS } from "./blank.ts";
import { InlineError } from "./InlineError.tsx";
import { OrderedTable } from "./OrderedTable.tsx";
import { vetoProblems } from "./validation.ts";

interface Props {
  rules: VetoRule[];
  onChange: (rules: VetoRule[]) => void;
}

/** The API's bound on the number of veto rules; the add button stops there. */
const MAX_RULES = 40;

/**
 * 一票否决 as an editable table: id, the finding, how many months back it counts, and an optional count
 * (e.g. ≥ 3 staff held criminally liable) below which the finding does not veto; add, move, remove (confirmed).
 * Memoised like the item tables, so typing in an item does not re-render the rules.
 */
export const VetoRulesEditor = memo(function VetoRulesEditor({ rules, onChange }: Props) {
  const { t } = useTranslation();
  const problems = vetoProblems(rules);
  const patch = (index: number, change: Partial<VetoRule>) => {
    const rule = rules[index];
    if (rule) onChange(replaceAt(rules, index, { ...rule, ...change }));
  };
  const columns: TableColumnsType<VetoRule> = [
    {
      title: t("criteria.code"),
      width: 110,
      render: (_, rule, i) => (
        <>
          <Input
            value={rule.id}
            status={problems[i]?.id ? "error" : undefined}
            onChange={(e) => patch(i, { id: e.target.value })}
            data-testid="veto-id"
          />
          <InlineError problem={problems[i]?.id} testId="veto-id-error" />
        </>
      ),
    },
    {
      title: t("criteria.vetoText"),
      render: (_, rule, i) => (
        <>
          <Input.TextArea
            autoSize
            maxLength={500}
            value={rule.text}
            placeholder={t("criteria.vetoTextPlaceholder")}
            status={problems[i]?.text ? "error" : undefined}
            onChange={(e) => patch(i, { text: e.target.value })}
            data-testid="veto-text"
          />
          <InlineError problem={problems[i]?.text} testId="veto-text-error" />
        </>
      ),
    },
    {
      title: t("criteria.vetoLookbackMonths"),
      width: 130,
      render: (_, rule, i) => (
        <NumberInput
          min={1}
          max={120}
          precision={0}
          value={rule.lookbackMonths}
          suffix={t("criteria.months")}
          // Cleared: back to the usual period rather than an empty one the API would refuse.
          onChange={(v) => patch(i, { lookbackMonths: v ?? DEFAULT_LOOKBACK_MONTHS })}
          data-testid="veto-lookback"
        />
      ),
    },
    {
      title: t("criteria.vetoThresholdCount"),
      width: 130,
      render: (_, rule, i) => (
        <NumberInput
          min={1}
          max={1000}
          precision={0}
          value={rule.threshold}
          placeholder={t("criteria.vetoNoThreshold")}
          // Empty is meaningful here: any single finding vetoes.
          onChange={(v) => patch(i, { threshold: v ?? null })}
          data-testid="veto-threshold"
        />
      ),
    },
  ];
  return (
    <div data-testid="veto-rules">
      <OrderedTable<VetoRule>
        rows={rules}
        onChange={onChange}
        columns={columns}
        newRow={() => blankVetoRule(rules)}
        addLabel={t("criteria.addVetoRule")}
        emptyText={t("criteria.noVetoRules")}
        deleteQuestion={t("criteria.vetoRemoveConfirm")}
        max={MAX_RULES}
        testId="veto"
      />
    </div>
  );
});
