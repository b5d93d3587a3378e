// 问卷调查 results across the round: per unit and item, answers, rate and points.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { Card, Empty, Select, Skeleton, Space, Typography } from "antd";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { hasCode } from "../api/errors.ts";
import { unitFiltersQuery } from "../api/queries.ts";
import { roundQuery } from "../api/rounds.ts";
import { surveyResultsQuery } from "../api/survey-results.ts";
import { ExportButton } from "../components/charts/ExportButton.tsx";
import { QueryErrorResult } from "../components/QueryErrorResult.tsx";
import { RoundCardTitle } from "../components/rounds/RoundCardTitle.tsx";
import { ResultsTable, useExportColumns } from "../components/survey-results/ResultsTable.tsx";
import { useMembership } from "./use-membership.ts";

const route = getRouteApi("/_app/t/$tenant/rounds/$roundId/survey/results");

export function SurveyResultsPage() {
  const { t, i18n } = useTranslation();
  const { roundId } = route.useParams();
  const { tenant } = useMembership();
  const [page, setPage] = useState(1);
  const [cityId, setCityId] = useState<string | undefined>(undefined);
  const round = useQuery(roundQuery(tenant, roundId));
  const results = useQuery({ ...surveyResultsQuery(tenant, roundId, page, cityId), placeholderData: keepPreviousData });
  const options = useQuery(unitFiltersQuery(tenant));
  const exportColumns = useExportColumns(results.data);

  if (round.isError) return <QueryErrorResult error={round.error} onRetry={() => void round.refetch()} />;
  if (round.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;

  let body: ReactNode;
  if (results.isPending) body = <Skeleton active paragraph={{ rows: 6 }} />;
  else if (results.isError)
    body = hasCode(results.error, "survey_not_configured") ? (
      <Empty description={results.error.localized(i18n.language)} data-testid="survey-not-configured" />
    ) : (
      <QueryErrorResult error={results.error} onRetry={() => void results.refetch()} />
    );
  else body = <ResultsTable tenant={tenant} results={results.data} loading={results.isFetching} onPage={setPage} />;

  const data = results.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Card title={<RoundCardTitle tenant={tenant} round={round.data} />}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }} data-testid="survey-results-rule">
          {data
            ? t("surveyResults.rule", {
                n: data.minAnswers,
                rule: t(data.belowMinimum === "zero" ? "surveyResults.ruleZero" : "surveyResults.ruleReviewer"),
              })
            : t("surveyResults.title")}
        </Typography.Paragraph>
      </Card>
      <Card
        size="small"
        title={t("surveyResults.title")}
        extra={
          <ExportButton
            fileName={`${t("surveyResults.exportName")}.xlsx`}
            columns={exportColumns}
            rows={data?.rows ?? []}
          />
        }
        data-testid="survey-results"
      >
        <div style={{ marginBottom: 12 }}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: "label" }}
            placeholder={t("surveyResults.filterCity")}
            style={{ width: 180, maxWidth: "100%" }}
            loading={options.isPending}
            options={(options.data?.cities ?? []).map((c) => ({ value: c.id, label: c.name }))}
            value={cityId}
            onChange={(value: string | undefined) => {
              setCityId(value);
              setPage(1);
            }}
            data-testid="survey-results-city"
          />
        </div>
        {body}
      </Card>
    </Space>
  );
}
