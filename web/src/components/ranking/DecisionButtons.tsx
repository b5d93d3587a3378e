import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Space, Typography } from "antd";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { applicationQuery, applicationsKey, returnApplication } from "../../api/applications.ts";
import { ApiFailure } from "../../api/client.ts";
import { errorText } from "../../api/errors.ts";
import { type DecisionInput, decideApplication, rankingKey, rankingQuery } from "../../api/ranking.ts";
import { ReasonModal } from "../ReasonModal.tsx";

/** Refusals of a decision that the Worker names, explained in the UI language. */
const EXPLAINED = {
  quota_full: "ranking.decision.error.quota_full",
  application_vetoed: "ranking.decision.error.application_vetoed",
  below_onsite_gate: "ranking.decision.error.below_onsite_gate",
  stale_version: "ranking.decision.error.stale_version",
  wrong_phase: "ranking.decision.error.wrong_phase",
} as const;

/** How many of a pool's applications the city has recommended so far: the ranking filtered to them, counted. */
export function useQuotaUsed(tenant: string, roundId: string, pool: string | null): number | undefined {
  const used = useQuery({
    ...rankingQuery(tenant, roundId, { pool: pool ?? undefined, status: "city_recommended" }, 1),
    enabled: pool !== null,
  });
  return used.data?.total;
}

/** A refusal as one explanation: what the rule is, then the Worker's own words. */
export function decisionErrorText(error: unknown, language: string, t: TFunction): string {
  const server = errorText(error, language);
  if (!(error instanceof ApiFailure)) return server;
  // A phase refusal is `round_<phase>`: the round is not (or no longer) in 市级评审.
  const code = error.code.startsWith("round_") ? "wrong_phase" : error.code;
  if (!Object.hasOwn(EXPLAINED, code)) return server;
  return `${t(EXPLAINED[code as keyof typeof EXPLAINED])}（${server}）`;
}

/** A quota pool as the decision shows it: `city:<id>` or `sector:<id>`, its name and quota. */
export interface PoolQuota {
  pool: string;
  name: string;
  quota: number;
}

interface Props {
  tenant: string;
  roundId: string;
  applicationId: string;
  unitName: string;
  status: string;
  /** The application's quota pool, when the round sets one. */
  pool: PoolQuota | undefined;
}

/** 推荐 / 不推荐 (with a reason) / 退回 (with a reason) on one application, within its pool's quota. */
export function DecisionButtons({ tenant, roundId, applicationId, unitName, status, pool }: Props) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState<"not_recommend" | "return" | null>(null);
  const used = useQuotaUsed(tenant, roundId, pool?.pool ?? null);
  const decidable = ["submitted", "city_recommended", "city_not_recommended"].includes(status);
  if (!decidable) return null;

  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: rankingKey(tenant, roundId) }),
      queryClient.invalidateQueries({ queryKey: applicationsKey(tenant) }),
      queryClient.invalidateQueries({ queryKey: ["t", tenant, "todo"] }),
    ]);
  };
  /** The application's current version: a decision is made on what the reader last saw. */
  const current = () => queryClient.fetchQuery({ ...applicationQuery(tenant, applicationId), staleTime: 0 });
  const decide = async (input: DecisionInput) => {
    const app = await current();
    try {
      return await decideApplication(tenant, applicationId, app.version, input);
    } finally {
      await refresh();
    }
  };
  const quotaLine =
    pool !== undefined ? t("ranking.decision.quota", { name: pool.name, used: used ?? "…", quota: pool.quota }) : null;

  const recommend = () =>
    modal.confirm({
      title: t("ranking.decision.recommendTitle", { unit: unitName }),
      content: (
        <Space orientation="vertical">
          {quotaLine ? <span data-testid="decision-quota">{quotaLine}</span> : null}
          <span>{t("ranking.decision.recommendHint")}</span>
        </Space>
      ),
      okText: t("ranking.decision.recommend"),
      cancelText: t("common.cancel"),
      onOk: async () => {
        try {
          const decided = await decide({ decision: "recommend" });
          const quota = decided.quota ? t("ranking.decision.quota", decided.quota) : "";
          void message.success(`${t("ranking.decision.recommended", { unit: unitName })} ${quota}`);
        } catch (error) {
          modal.error({
            title: t("ranking.decision.refused"),
            content: <span data-testid="decision-error">{decisionErrorText(error, i18n.language, t)}</span>,
          });
        }
      },
    });

  return (
    <Space size={4} wrap data-testid="decision-buttons">
      {status !== "city_recommended" ? (
        <Button size="small" type="primary" onClick={recommend} data-testid="decision-recommend">
          {t("ranking.decision.recommend")}
        </Button>
      ) : null}
      {status !== "city_not_recommended" ? (
        <Button size="small" onClick={() => setAsking("not_recommend")} data-testid="decision-not-recommend">
          {t("ranking.decision.notRecommend")}
        </Button>
      ) : null}
      {status === "submitted" ? (
        <Button size="small" danger onClick={() => setAsking("return")} data-testid="decision-return">
          {t("application.return")}
        </Button>
      ) : null}
      {quotaLine ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {quotaLine}
        </Typography.Text>
      ) : null}
      <ReasonModal
        open={asking === "not_recommend"}
        title={t("ranking.decision.notRecommendTitle", { unit: unitName })}
        description={t("ranking.decision.notRecommendHint")}
        okText={t("ranking.decision.notRecommend")}
        danger
        reasonRequired
        onConfirm={async (reason) => {
          try {
            await decide({ decision: "not_recommend", reason });
          } catch (error) {
            throw new Error(decisionErrorText(error, i18n.language, t));
          }
          void message.success(t("ranking.decision.notRecommended", { unit: unitName }));
        }}
        onClose={() => setAsking(null)}
      />
      <ReasonModal
        open={asking === "return"}
        title={t("application.returnTitle")}
        description={t("application.returnHint")}
        okText={t("application.return")}
        danger
        reasonRequired
        onConfirm={async (reason) => {
          try {
            await returnApplication(tenant, await current(), reason ?? "");
          } finally {
            await refresh();
          }
          void message.success(t("application.returned"));
        }}
        onClose={() => setAsking(null)}
      />
    </Space>
  );
}
