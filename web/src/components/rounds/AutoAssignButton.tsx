import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Alert, Button, Modal, Radio, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../../api/errors.ts";
import { type AutoAssignResult, autoAssignPanels, autoAssignStages } from "../../api/panels.ts";
import { rankingKey } from "../../api/ranking.ts";
import { type Round, roundsKey } from "../../api/rounds.ts";
import type { Stage } from "../../api/scoring.ts";
import { todoKey } from "../../api/todo.ts";

/**
 * 自动分配评审组 (tenant admin): in a stage's review phase or the one before it, fills every application's panel of
 * the chosen stage up to the round's panel size. A dialog says what it does, then shows how many seats were filled
 * and which applications still lack reviewers, each linked to its review page.
 */
export function AutoAssignButton({ tenant, round }: { tenant: string; round: Round }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const stages = autoAssignStages(round.phase);
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<Stage | null>(null);
  const stage = chosen && stages.includes(chosen) ? chosen : stages[0];
  const assign = useMutation({
    mutationFn: (s: Stage) => autoAssignPanels(tenant, round.id, s),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: roundsKey(tenant) }),
        queryClient.invalidateQueries({ queryKey: rankingKey(tenant, round.id) }),
        queryClient.invalidateQueries({ queryKey: ["t", tenant, "scoring"] }),
        queryClient.invalidateQueries({ queryKey: todoKey(tenant) }),
      ]),
  });
  if (!stage) return null;
  const result: AutoAssignResult | undefined = assign.data;
  const close = () => {
    setOpen(false);
    assign.reset();
  };
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="round-auto-assign">
        {t("scoring.autoAssign.button")}
      </Button>
      <Modal
        open={open}
        title={t("scoring.autoAssign.title")}
        onCancel={close}
        destroyOnHidden
        footer={
          result ? (
            <Button type="primary" onClick={close} data-testid="auto-assign-close">
              {t("scoring.autoAssign.close")}
            </Button>
          ) : (
            <Space wrap>
              <Button onClick={close} disabled={assign.isPending}>
                {t("common.cancel")}
              </Button>
              <Button
                type="primary"
                loading={assign.isPending}
                onClick={() => assign.mutate(stage)}
                data-testid="auto-assign-confirm"
              >
                {t("scoring.autoAssign.confirm")}
              </Button>
            </Space>
          )
        }
      >
        {result ? (
          <AssignResult tenant={tenant} result={result} panelSize={round.settings.review.panelSize} />
        ) : (
          <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
            <Radio.Group
              optionType="button"
              value={stage}
              onChange={(e) => setChosen(e.target.value as Stage)}
              disabled={assign.isPending}
              options={stages.map((s) => ({ value: s, label: t(`scoring.stageName.${s}`) }))}
              data-testid="auto-assign-stage"
            />
            <Typography.Paragraph style={{ marginBottom: 0 }}>
              {t("scoring.autoAssign.explain", {
                stage: t(`scoring.stageName.${stage}`),
                size: round.settings.review.panelSize,
              })}
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              {t("scoring.autoAssign.keeps")}
            </Typography.Paragraph>
            {assign.error ? (
              <Alert
                type="error"
                showIcon
                title={errorText(assign.error, i18n.language)}
                data-testid="auto-assign-error"
              />
            ) : null}
          </Space>
        )}
      </Modal>
    </>
  );
}

/** How many seats were filled, and the applications whose panels are still short of reviewers. */
function AssignResult({ tenant, result, panelSize }: { tenant: string; result: AutoAssignResult; panelSize: number }) {
  const { t } = useTranslation();
  const short = result.shortPanels;
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="auto-assign-result">
      <Alert
        type={short.length > 0 ? "warning" : "success"}
        showIcon
        title={t("scoring.autoAssign.assigned", { count: result.assigned })}
        description={short.length > 0 ? t("scoring.autoAssign.short", { count: short.length }) : undefined}
      />
      {short.length > 0 ? (
        <ul style={{ margin: 0, paddingInlineStart: 20, maxHeight: 280, overflowY: "auto" }}>
          {short.map((p) => (
            <li key={p.applicationId} data-testid="auto-assign-short">
              <Space wrap size={4}>
                <Link
                  to="/t/$tenant/applications/$applicationId/review"
                  params={{ tenant, applicationId: p.applicationId }}
                  style={{ overflowWrap: "anywhere" }}
                >
                  {p.unitName}
                </Link>
                <Typography.Text type="secondary">
                  {t("scoring.autoAssign.seats", { seats: p.seats, size: panelSize })}
                </Typography.Text>
              </Space>
            </li>
          ))}
        </ul>
      ) : null}
    </Space>
  );
}
