// The application page's survey card: the answers so far, the unit's poster and, for reviewers, the answers' page.
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Card, Space, Statistic } from "antd";
import { useTranslation } from "react-i18next";
import { surveyPosterQuery } from "../../api/survey.ts";
import { useMembership } from "../../routes/use-membership.ts";

/** Shown (by the application page) only when the round has a questionnaire. */
export function SurveyCard({ tenant, applicationId }: { tenant: string; applicationId: string }) {
  const { t } = useTranslation();
  const { membership } = useMembership();
  const poster = useQuery({ ...surveyPosterQuery(tenant, applicationId), retry: false });
  if (!poster.data) return null;
  const reviewing = membership?.role === "tenant_admin" || membership?.role === "reviewer";
  return (
    <Card title={t("survey.link")} size="small" data-testid="survey-card">
      <Space wrap size="large" align="center" style={{ width: "100%", justifyContent: "space-between" }}>
        <Statistic title={t("survey.answers")} value={poster.data.counted} data-testid="survey-card-counted" />
        <Space wrap>
          <Link
            to="/t/$tenant/applications/$applicationId/survey/poster"
            params={{ tenant, applicationId }}
            data-testid="survey-card-poster"
          >
            {t("survey.posterLinkText")}
          </Link>
          {reviewing ? (
            <Link
              to="/t/$tenant/applications/$applicationId/survey"
              params={{ tenant, applicationId }}
              data-testid="survey-card-details"
            >
              {t("survey.details")}
            </Link>
          ) : null}
        </Space>
      </Space>
    </Card>
  );
}
