import { useQuery } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { Card, Empty, Skeleton, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { applicationQuery } from "../api/applications.ts";
import { criteriaQuery } from "../api/criteria.ts";
import { reportQuery } from "../api/reports.ts";
import { roundQuery } from "../api/rounds.ts";
import { ApplicationPrintLink } from "../components/print/PrintLink.tsx";
import { QueryErrorResult } from "../components/QueryErrorResult.tsx";
import { criteriaChoices } from "../components/report/criteria-items.ts";
import { ReportDocument } from "../components/report/ReportDocument.tsx";
import { ReportWorkbench } from "../components/report/ReportWorkbench.tsx";
import { useMembership } from "./use-membership.ts";

const route = getRouteApi("/_app/t/$tenant/applications/$applicationId/report");

/**
 * The unit's report (汇报材料) on an application: its own staff import and edit it while the application is
 * editable; everyone else who may read the application (and the unit once it is locked) reads it.
 */
export function ReportPage() {
  const { t } = useTranslation();
  const { applicationId } = route.useParams();
  const { tenant } = useMembership();
  // The workbench owns the draft once loaded: a refetch on focus must not replace what is being typed.
  const view = useQuery({ ...reportQuery(tenant, applicationId), refetchOnWindowFocus: false });
  const app = useQuery(applicationQuery(tenant, applicationId));
  const round = useQuery({ ...roundQuery(tenant, app.data?.roundId ?? ""), enabled: app.isSuccess });
  const system = useQuery({ ...criteriaQuery(tenant, round.data?.criteriaSystemId ?? ""), enabled: round.isSuccess });

  const failed = view.error ?? app.error ?? round.error ?? system.error;
  if (failed) return <QueryErrorResult error={failed} onRetry={() => void view.refetch()} />;
  if (!view.data || !app.data || !round.data || !system.data) return <Skeleton active paragraph={{ rows: 12 }} />;
  const v = view.data;
  const choices = criteriaChoices(system.data);

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="report-page">
      <Card
        size="small"
        title={t("report.pageTitle")}
        extra={
          <Space wrap size={8}>
            <ApplicationPrintLink tenant={tenant} applicationId={applicationId} />
            <Link to="/t/$tenant/applications/$applicationId" params={{ tenant, applicationId }}>
              ← {t("report.backToApplication")}
            </Link>
          </Space>
        }
      >
        <Typography.Text style={{ overflowWrap: "anywhere" }}>
          {app.data.unit.name} · {round.data.title}
        </Typography.Text>
      </Card>
      {v.editable ? (
        <ReportWorkbench key={v.applicationVersion} tenant={tenant} view={v} choices={choices} />
      ) : v.report ? (
        <Card>
          <ReportDocument
            content={v.report.content}
            figures={v.report.figures}
            links={v.report.links}
            choices={choices}
          />
        </Card>
      ) : (
        <Card>
          <Empty description={t("report.notSubmitted")} data-testid="report-empty" />
        </Card>
      )}
    </Space>
  );
}
