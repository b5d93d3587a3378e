// 问卷调查: the round's questionnaire, its window and the per-unit links.
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { Alert, Card, Skeleton, Space } from "antd";
import { useTranslation } from "react-i18next";
import { roundQuery } from "../api/rounds.ts";
import { roundSurveyQuery } from "../api/survey.ts";
import { QueryErrorResult } from "../components/QueryErrorResult.tsx";
import { RoundCardTitle } from "../components/rounds/RoundCardTitle.tsx";
import { SurveyEditor } from "../components/survey/SurveyEditor.tsx";
import { SurveyLinks } from "../components/survey/SurveyLinks.tsx";
import { useMembership } from "./use-membership.ts";

const route = getRouteApi("/_app/t/$tenant/rounds/$roundId/survey");

/** The round owner sets the questionnaire here; reviewers read it. Below it, each unit's link and poster. */
export function RoundSurveyPage() {
  const { t } = useTranslation();
  const { roundId } = route.useParams();
  const { tenant } = useMembership();
  const round = useQuery(roundQuery(tenant, roundId));
  const survey = useQuery(roundSurveyQuery(tenant, roundId));

  const failed = round.error ?? survey.error;
  if (failed) return <QueryErrorResult error={failed} onRetry={() => void survey.refetch()} />;
  if (!round.data || !survey.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Card
        title={<RoundCardTitle tenant={tenant} round={round.data} />}
        extra={
          <Link to="/t/$tenant/rounds/$roundId/survey/results" params={{ tenant, roundId }}>
            {t("surveyResults.link")}
          </Link>
        }
      >
        <h1 style={{ margin: 0, fontSize: 20 }}>{t("survey.link")}</h1>
      </Card>
      <SurveyEditor tenant={tenant} roundId={roundId} view={survey.data} />
      {survey.data.configured ? (
        <SurveyLinks tenant={tenant} roundId={roundId} />
      ) : (
        <Alert type="info" showIcon title={t("survey.linksHint")} />
      )}
    </Space>
  );
}
