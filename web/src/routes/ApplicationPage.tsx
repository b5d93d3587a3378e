import { useQuery } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { Alert, Card, Descriptions, Skeleton, Space, Statistic } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { applicationQuery } from "../api/applications.ts";
import type { ApiFailure } from "../api/client.ts";
import { criteriaQuery } from "../api/criteria.ts";
import { roundQuery } from "../api/rounds.ts";
import { ApplicationActions } from "../components/application/ApplicationActions.tsx";
import { AppStatusTag } from "../components/application/AppStatusTag.tsx";
import { CompletenessBar } from "../components/application/CompletenessBar.tsx";
import { ItemList } from "../components/application/ItemList.tsx";
import { MissingList } from "../components/application/MissingList.tsx";
import { MutualCard } from "../components/mutual/MutualCard.tsx";
import { QueryErrorResult } from "../components/QueryErrorResult.tsx";
import { ReportSummaryCard } from "../components/report/ReportSummaryCard.tsx";
import { DESCRIPTION_COLUMNS } from "../components/responsive.ts";
import { PhaseTag } from "../components/rounds/PhaseTag.tsx";
import { SurveyCard } from "../components/survey/SurveyCard.tsx";
import { beijingTime } from "../format/time.ts";
import { useMembership } from "./use-membership.ts";

const route = getRouteApi("/_app/t/$tenant/applications/$applicationId");

/** An application: per item self-assessment and evidence; submit, withdraw, return. */
export function ApplicationPage() {
  const { t } = useTranslation();
  const { applicationId } = route.useParams();
  const { tenant, membership } = useMembership();
  const role = membership?.role;
  const app = useQuery(applicationQuery(tenant, applicationId));
  const round = useQuery({ ...roundQuery(tenant, app.data?.roundId ?? ""), enabled: app.isSuccess });
  const system = useQuery({
    ...criteriaQuery(tenant, round.data?.criteriaSystemId ?? ""),
    enabled: round.isSuccess,
  });
  const [missing, setMissing] = useState<ApiFailure | null>(null);

  const failed = app.error ?? round.error ?? system.error;
  if (failed) return <QueryErrorResult error={failed} onRetry={() => void app.refetch()} />;
  if (!app.data || !round.data || !system.data) return <Skeleton active paragraph={{ rows: 12 }} />;
  const a = app.data;
  const editable = role === "unit_staff" && (a.status === "draft" || a.status === "city_returned");
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Card
        title={
          <Space>
            <Link to="/t/$tenant/rounds/$roundId" params={{ tenant, roundId: a.roundId }}>
              {round.data.title}
            </Link>
            <PhaseTag phase={round.data.phase} />
          </Space>
        }
        extra={<ApplicationActions tenant={tenant} app={a} role={role} onMissing={setMissing} />}
      >
        <Descriptions size="small" column={DESCRIPTION_COLUMNS}>
          <Descriptions.Item label={t("application.unit")}>
            <span data-testid="application-unit">{a.unit.name}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t("applications.status")}>
            <AppStatusTag status={a.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t("applications.submittedAt")}>
            {a.submittedAt ? beijingTime(a.submittedAt) : t("common.none")}
          </Descriptions.Item>
          <Descriptions.Item label={t("application.completeness")}>
            <CompletenessBar {...a.completeness} />
          </Descriptions.Item>
          <Descriptions.Item label={t("coverage.link")}>
            <Link
              to="/t/$tenant/applications/$applicationId/coverage"
              params={{ tenant, applicationId: a.id }}
              data-testid="application-coverage-link"
            >
              {t("common.view")}
            </Link>
          </Descriptions.Item>
        </Descriptions>
        <Statistic title={t("application.selfTotal")} value={a.selfTotal} data-testid="self-total" />
      </Card>
      {a.status === "city_returned" && a.returnReason ? (
        <Alert
          type="warning"
          showIcon
          title={t("application.returnReason", { reason: a.returnReason })}
          data-testid="return-reason"
        />
      ) : null}
      {!editable && role === "unit_staff" && a.status === "submitted" ? (
        <Alert type="info" showIcon title={t("application.readOnly")} data-testid="application-read-only" />
      ) : null}
      {missing ? <MissingList error={missing} onClose={() => setMissing(null)} /> : null}
      <ReportSummaryCard tenant={tenant} applicationId={a.id} />
      {round.data.sources.survey ? <SurveyCard tenant={tenant} applicationId={a.id} /> : null}
      {round.data.sources.mutual ? <MutualCard tenant={tenant} applicationId={a.id} /> : null}
      <ItemList tenant={tenant} app={a} system={system.data} editable={editable} />
    </Space>
  );
}
