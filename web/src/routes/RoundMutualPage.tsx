// 互评: the round's mutual items, peer assignment and the peers' points per unit.
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { Card, Skeleton, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { mutualSettingsQuery } from "../api/mutual.ts";
import { roundQuery } from "../api/rounds.ts";
import { MutualProgressCard } from "../components/mutual/MutualProgressCard.tsx";
import { MutualSettingsCard } from "../components/mutual/MutualSettingsCard.tsx";
import { QueryErrorResult } from "../components/QueryErrorResult.tsx";
import { RoundCardTitle } from "../components/rounds/RoundCardTitle.tsx";
import { useMembership } from "./use-membership.ts";

const route = getRouteApi("/_app/t/$tenant/rounds/$roundId/mutual");

/** The round owner sets mutual assessment up and assigns peers here; reviewers read it and follow the progress. */
export function RoundMutualPage() {
  const { t } = useTranslation();
  const { roundId } = route.useParams();
  const { tenant } = useMembership();
  const round = useQuery(roundQuery(tenant, roundId));
  const settings = useQuery(mutualSettingsQuery(tenant, roundId));

  const failed = round.error ?? settings.error;
  if (failed) return <QueryErrorResult error={failed} onRetry={() => void settings.refetch()} />;
  if (!round.data || !settings.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Card title={<RoundCardTitle tenant={tenant} round={round.data} />}>
        <h1 style={{ margin: 0, fontSize: 20 }}>{t("mutual.pageTitle")}</h1>
        <Typography.Paragraph type="secondary" style={{ margin: "8px 0 0" }}>
          {t("mutual.hint")}
        </Typography.Paragraph>
      </Card>
      <MutualSettingsCard tenant={tenant} roundId={roundId} view={settings.data} />
      {settings.data.configured ? <MutualProgressCard tenant={tenant} roundId={roundId} view={settings.data} /> : null}
    </Space>
  );
}
