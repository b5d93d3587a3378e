import { Empty, List, Typography } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { ApplicationSurvey } from "../../api/survey-results.ts";
import { beijingTime } from "../../format/time.ts";
import { EChart } from "../charts/EChart.tsx";
import { barOption } from "../charts/options.ts";
import { hourLabel } from "./format.ts";

/** Answers per hour as bars, in Beijing time. */
export function SurveyTimeline({ survey }: { survey: ApplicationSurvey }) {
  const { t } = useTranslation();
  const option = useMemo(() => {
    const hours = survey.timeline.map((h) => hourLabel(h.hour));
    const bars = barOption(hours, [
      { name: t("surveyResults.timelineSeries"), data: survey.timeline.map((h) => h.answers) },
    ]);
    // Weeks of hours do not fit under the bars one by one: let the chart pick the labels that fit.
    return { ...bars, xAxis: { type: "category", data: hours, axisLabel: { hideOverlap: true } } };
  }, [survey.timeline, t]);
  if (survey.timeline.length === 0) return <Empty description={t("surveyResults.noAnswers")} />;
  return <EChart option={option} height={240} testId="survey-timeline" />;
}

/** Bursts from one network, named 网络 1, 网络 2 … (never the address). */
export function SurveyBursts({ survey }: { survey: ApplicationSurvey }) {
  const { t } = useTranslation();
  if (survey.bursts.length === 0)
    return (
      <Typography.Text type="secondary" data-testid="survey-no-bursts">
        {t("surveyResults.noBursts")}
      </Typography.Text>
    );
  return (
    <List
      size="small"
      dataSource={survey.bursts}
      rowKey={(b) => `${b.network}-${b.from}`}
      renderItem={(b) => (
        <List.Item data-testid="survey-burst">
          <Typography.Text type="danger">
            {t("surveyResults.burstRow", {
              network: b.network,
              answers: b.answers,
              from: beijingTime(b.from),
              to: beijingTime(b.to).slice(11),
            })}
          </Typography.Text>
        </List.Item>
      )}
    />
  );
}
