import { Affix, Button, Card, Flex, Statistic, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { totalScore } from "../../../../worker/domain/criteria.ts";
import type { Application } from "../../api/applications.ts";
import type { CriteriaSystem } from "../../api/criteria.ts";
import { CompletenessBar } from "./CompletenessBar.tsx";
import { filled, type ItemDraft } from "./item-draft.ts";

interface Props {
  app: Application;
  system: CriteriaSystem;
  draftFor: (code: string) => ItemDraft | undefined;
  changed: number;
  editable: boolean;
  saving: boolean;
  onSave: () => void;
  /** The submit action, beside the save. */
  submit: ReactNode;
}

/**
 * What stays in view while the unit works down the form: the self total as typed, completeness, how many items
 * lack a self score or evidence, and the one save for everything changed.
 */
export function ApplicationSummary({ app, system, draftFor, changed, editable, saving, onSave, submit }: Props) {
  const { t } = useTranslation();
  const base = system.categories.flatMap((c) => c.items);
  const scores = new Map(
    [...base, ...system.bonusItems, ...system.deductionItems].map((item) => {
      const value = draftFor(item.code);
      return [item.code, { points: value?.selfPoints, grade: value?.selfGrade }];
    }),
  );
  const total = changed > 0 ? totalScore(system, scores).total : app.selfTotal;
  const unfilled = base.filter((item) => {
    const value = draftFor(item.code);
    return !value || !filled(value);
  }).length;
  const lacking = app.items.filter((i) => i.gaps.length > 0).length;
  return (
    <Affix offsetTop={0}>
      <Card size="small" data-testid="application-summary">
        <Flex wrap gap="small 24px" align="center" justify="space-between">
          <Flex wrap gap="small 24px" align="center">
            <Statistic
              title={changed > 0 ? t("application.selfTotalDraft") : t("application.selfTotal")}
              value={total}
              data-testid="self-total"
            />
            <Flex vertical gap={4}>
              <Typography.Text type="secondary">{t("application.completeness")}</Typography.Text>
              <CompletenessBar {...app.completeness} />
            </Flex>
            <Flex vertical gap={4}>
              <Typography.Text type={unfilled > 0 ? "warning" : "secondary"} data-testid="summary-unfilled">
                {t("application.unfilled", { n: unfilled })}
              </Typography.Text>
              <Typography.Text type={lacking > 0 ? "warning" : "secondary"} data-testid="summary-lacking">
                {t("application.lacking", { n: lacking })}
              </Typography.Text>
            </Flex>
          </Flex>
          {editable ? (
            <Flex wrap gap="small">
              <Button
                type="primary"
                ghost
                disabled={changed === 0}
                loading={saving}
                onClick={onSave}
                data-testid="application-save"
              >
                {t("application.saveChanges", { n: changed })}
              </Button>
              {submit}
            </Flex>
          ) : null}
        </Flex>
      </Card>
    </Affix>
  );
}
