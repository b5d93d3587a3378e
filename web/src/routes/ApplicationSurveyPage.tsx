// One application's survey: items, answers over time, bursts, entered points below the minimum.
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { Card, Empty, Skeleton, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { hasCode } from "../api/errors.ts";
import { applicationSurveyQuery } from "../api/survey-results.ts";
import { QueryErrorResult } from "../components/QueryErrorResult.tsx";
import { SurveyItemList } from "../components/survey-results/SurveyItemList.tsx";
import { SurveyBursts, SurveyTimeline } from "../components/survey-results/SurveyTimeline.tsx";
import { useMembership } from "./use-membership.ts";

const route = getRouteApi("/_app/t/$tenant/applications/$applicationId/survey");

export function ApplicationSurveyPage() {
  const { t, i18n } = useTranslation();
  const { applicationId } = route.useParams();
  const { tenant } = useMembership();
  const survey = useQuery(applicationSurveyQuery(tenant, applicationId));

  if (survey.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (survey.isError)
    return hasCode(survey.error, "survey_not_configured") ? (
      <Empty description={survey.error.localized(i18n.language)} data-testid="survey-not-configured" />
    ) : (
      <QueryErrorResult error={survey.error} onRetry={() => void survey.refetch()} />
    );
  const data = survey.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="application-survey">
      <Card
        title={
          <Space wrap style={{ whiteSpace: "normal" }}>
            <span>{data.unitName}</span>
            <Typography.Text type="secondary">{t("surveyResults.appTitle")}</Typography.Text>
          </Space>
        }
        extra={
          <Link to="/t/$tenant/applications/$applicationId" params={{ tenant, applicationId }}>
            {t("surveyResults.back")}
          </Link>
        }
      >
        <Space orientation="vertical" size={4}>
          <Typography.Text strong data-testid="application-survey-counted">
            {t("surveyResults.counted", { n: data.counted })}
          </Typography.Text>
          {data.tooFast > 0 ? (
            <Typography.Text type="secondary">{t("surveyResults.tooFastCount", { n: data.tooFast })}</Typography.Text>
          ) : null}
          <Typography.Text type="secondary">
            {t("surveyResults.rule", {
              n: data.minAnswers,
              rule: t(data.belowMinimum === "zero" ? "surveyResults.ruleZero" : "surveyResults.ruleReviewer"),
            })}
          </Typography.Text>
        </Space>
      </Card>
      <Card size="small" title={t("surveyResults.items")}>
        <SurveyItemList tenant={tenant} survey={data} />
      </Card>
      <Card size="small" title={t("surveyResults.timeline")}>
        <SurveyTimeline survey={data} />
      </Card>
      <Card size="small" title={t("surveyResults.bursts")} data-testid="survey-bursts">
        <SurveyBursts survey={data} />
      </Card>
    </Space>
  );
}
