import { useQuery } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { applicationQuery } from "../../api/applications.ts";
import { criteriaQuery } from "../../api/criteria.ts";
import { reportQuery } from "../../api/reports.ts";
import { roundQuery } from "../../api/rounds.ts";
import { QueryErrorResult } from "../QueryErrorResult.tsx";
import { applicationPrintDoc } from "./application-print.ts";
import { PrintView } from "./PrintView.tsx";

const route = getRouteApi("/_app/t/$tenant/applications/$applicationId/print");

/** An application with its report, to print or export: every category at once, as a reviewer files it. */
export function ApplicationPrintPage() {
  const { t } = useTranslation();
  const { tenant, applicationId } = route.useParams();
  const app = useQuery(applicationQuery(tenant, applicationId));
  const report = useQuery(reportQuery(tenant, applicationId));
  const round = useQuery({ ...roundQuery(tenant, app.data?.roundId ?? ""), enabled: app.isSuccess });
  const system = useQuery({ ...criteriaQuery(tenant, round.data?.criteriaSystemId ?? ""), enabled: round.isSuccess });

  const failed = app.error ?? report.error ?? round.error ?? system.error;
  if (failed) return <QueryErrorResult error={failed} onRetry={() => void app.refetch()} />;
  const doc =
    app.data && report.data && round.data && system.data
      ? applicationPrintDoc(t, {
          app: app.data,
          roundTitle: round.data.title,
          system: system.data,
          report: report.data.report,
        })
      : undefined;
  return (
    <PrintView
      doc={doc}
      back={
        <Link to="/t/$tenant/applications/$applicationId" params={{ tenant, applicationId }}>
          ← {t("print.back")}
        </Link>
      }
    />
  );
}
