import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { Alert, Button, Card, Empty, Select, Skeleton, Space } from "antd";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { applicationsKey, applyInRound, roundApplicationsQuery } from "../../api/applications.ts";
import { eligibilityQuery } from "../../api/awards.ts";
import { errorText } from "../../api/errors.ts";
import { unitFiltersQuery } from "../../api/queries.ts";
import type { Round } from "../../api/rounds.ts";
import { AppStatusTag } from "../application/AppStatusTag.tsx";
import { CompletenessBar } from "../application/CompletenessBar.tsx";
import { EligibilityNotice } from "../awards/EligibilityNotice.tsx";
import { QueryErrorResult } from "../QueryErrorResult.tsx";

/** Unit staff: their application in this round, or 申报 through their city or an offered sector channel. */
export function MyApplicationCard({ tenant, round }: { tenant: string; round: Round }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const mine = useQuery(roundApplicationsQuery(tenant, round.id, {}, 1));
  const filters = useQuery({ ...unitFiltersQuery(tenant), enabled: round.settings.sectorChannels.length > 0 });
  // Whether the unit holds the title the round requires: asked before offering the apply button.
  const eligibility = useQuery({ ...eligibilityQuery(tenant, round.id), enabled: round.phase === "applications_open" });
  const [channel, setChannel] = useState("city");
  const apply = useMutation({
    mutationFn: () =>
      applyInRound(
        tenant,
        round.id,
        channel === "city" ? { channel: "city" } : { channel: "sector", channelSectorId: channel },
      ),
    onSuccess: (app) => {
      void queryClient.invalidateQueries({ queryKey: applicationsKey(tenant) });
      void navigate({ to: "/t/$tenant/applications/$applicationId", params: { tenant, applicationId: app.id } });
    },
  });
  const sectorName = (id: string) => filters.data?.sectors.find((s) => s.id === id)?.name ?? id;
  const existing = mine.data?.items[0];
  let body: ReactNode;
  if (mine.isPending) body = <Skeleton active paragraph={{ rows: 2 }} />;
  else if (mine.isError) body = <QueryErrorResult error={mine.error} onRetry={() => void mine.refetch()} />;
  else if (existing) {
    body = (
      <Space size="large" wrap>
        <AppStatusTag status={existing.status} />
        <CompletenessBar {...existing.completeness} />
        <Link
          to="/t/$tenant/applications/$applicationId"
          params={{ tenant, applicationId: existing.id }}
          data-testid="my-application"
        >
          {t("apply.open")}
        </Link>
      </Space>
    );
  } else if (round.phase !== "applications_open") {
    body = <Empty description={`${t("apply.notApplied")}（${t("apply.notOpen")}）`} />;
  } else if (eligibility.isPending) {
    body = <Skeleton active paragraph={{ rows: 2 }} />;
  } else if (eligibility.isError) {
    body = <QueryErrorResult error={eligibility.error} onRetry={() => void eligibility.refetch()} />;
  } else if (!eligibility.data.eligible) {
    body = <EligibilityNotice eligibility={eligibility.data} />;
  } else {
    body = (
      <Space orientation="vertical" style={{ width: "100%" }}>
        <EligibilityNotice eligibility={eligibility.data} />
        <Space wrap>
          {t("apply.channel")}
          <Select
            value={channel}
            onChange={setChannel}
            style={{ width: 260 }}
            options={[
              { value: "city", label: t("apply.channelCity") },
              ...round.settings.sectorChannels.map((id) => ({
                value: id,
                label: t("apply.channelSector", { name: sectorName(id) }),
              })),
            ]}
            data-testid="apply-channel"
          />
          <Button type="primary" loading={apply.isPending} onClick={() => apply.mutate()} data-testid="apply">
            {t("apply.apply")}
          </Button>
        </Space>
        {apply.error ? <Alert type="error" showIcon title={errorText(apply.error, i18n.language)} /> : null}
      </Space>
    );
  }
  return <Card title={t("apply.title")}>{body}</Card>;
}
