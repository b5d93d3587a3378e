// The A4 poster of one unit's survey link and QR code, for printing.
import "../components/survey/poster.css";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { Button, Skeleton, Space } from "antd";
import { useTranslation } from "react-i18next";
import { surveyPosterQuery, surveyUrl } from "../api/survey.ts";
import { QueryErrorResult } from "../components/QueryErrorResult.tsx";
import { useMembership } from "./use-membership.ts";

const route = getRouteApi("/_app/t/$tenant/applications/$applicationId/survey/poster");

/**
 * What a unit puts up in its hall: the unit, the round, the window, the QR code and the link. The QR code is the
 * Worker's SVG shown as an image (never inserted as markup), so nothing in it can run.
 */
export function SurveyPosterPage() {
  const { t } = useTranslation();
  const { applicationId } = route.useParams();
  const { tenant } = useMembership();
  const poster = useQuery(surveyPosterQuery(tenant, applicationId));

  if (poster.isError) return <QueryErrorResult error={poster.error} onRetry={() => void poster.refetch()} />;
  if (poster.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  const p = poster.data;
  const url = surveyUrl(p.path);
  return (
    <div>
      <Space className="wm-no-print" wrap style={{ width: "100%", justifyContent: "space-between", marginBottom: 12 }}>
        <Link to="/t/$tenant/applications/$applicationId" params={{ tenant, applicationId }}>
          {t("survey.backToApplication")}
        </Link>
        <Button type="primary" onClick={() => window.print()} data-testid="survey-print">
          {t("survey.print")}
        </Button>
      </Space>
      <article className="wm-poster" data-testid="survey-poster">
        <h1>{t("survey.posterTitle")}</h1>
        <div>{p.roundTitle}</div>
        <div className="wm-poster-unit" data-testid="survey-poster-unit">
          {p.unitName}
        </div>
        <div>{t("survey.posterInvite")}</div>
        <img
          className="wm-poster-qr"
          src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(p.qrSvg)}`}
          alt={t("survey.qrAlt")}
          data-testid="survey-poster-qr"
        />
        <div>{t("survey.posterWindow", { from: p.opensOn, to: p.closesOn })}</div>
        <p className="wm-poster-link">
          {t("survey.posterLink")}
          <br />
          {url}
        </p>
        <p>{t("survey.privacy")}</p>
      </article>
    </div>
  );
}
