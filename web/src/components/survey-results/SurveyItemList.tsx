import { useQueryClient } from "@tanstack/react-query";
import { App, Button, List, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../../api/errors.ts";
import {
  type ApplicationSurvey,
  enterSurveyPoints,
  type SurveyItemPoints,
  surveyResultsKey,
} from "../../api/survey-results.ts";
import { NumberInput } from "../NumberInput.tsx";
import { percent, points } from "./format.ts";

interface Props {
  tenant: string;
  survey: ApplicationSurvey;
}

/** A reviewer's points for an item below the minimum, confirmed before they count. */
function EnterPoints({ tenant, survey, item }: Props & { item: SurveyItemPoints }) {
  const { t, i18n } = useTranslation();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [value, setValue] = useState<number | null>(item.enteredPoints);
  const send = (pointsToEnter: number | null) =>
    modal.confirm({
      title:
        pointsToEnter === null
          ? t("surveyResults.confirmClear", { code: item.itemCode })
          : t("surveyResults.confirmEnter", { code: item.itemCode, points: pointsToEnter }),
      okText: t("common.save"),
      cancelText: t("common.cancel"),
      onOk: async () => {
        try {
          const next = await enterSurveyPoints(tenant, survey.applicationId, {
            itemCode: item.itemCode,
            points: pointsToEnter,
          });
          queryClient.setQueryData([...surveyResultsKey(tenant), "application", survey.applicationId] as const, next);
          void queryClient.invalidateQueries({ queryKey: surveyResultsKey(tenant) });
          void message.success(t("surveyResults.enterDone"));
        } catch (error) {
          modal.error({ title: t("surveyResults.enterFailed"), content: errorText(error, i18n.language) });
        }
      },
    });
  return (
    <Space wrap size={8}>
      <NumberInput
        min={0}
        max={item.maxPoints}
        step={0.5}
        value={value}
        onChange={(n) => setValue(n)}
        placeholder={t("surveyResults.enterPlaceholder")}
        style={{ width: 110 }}
        data-testid={`survey-enter-input-${item.itemCode}`}
      />
      <Button
        type="primary"
        disabled={value === null}
        onClick={() => send(value)}
        data-testid={`survey-enter-${item.itemCode}`}
      >
        {t("surveyResults.enter")}
      </Button>
      {item.enteredPoints !== null ? (
        <Button onClick={() => send(null)} data-testid={`survey-clear-${item.itemCode}`}>
          {t("surveyResults.clear")}
        </Button>
      ) : null}
    </Space>
  );
}

/** Each survey item: answers, satisfaction rate, points of its maximum, 样本不足 and entered points. */
export function SurveyItemList({ tenant, survey }: Props) {
  const { t } = useTranslation();
  return (
    <List
      dataSource={survey.items}
      rowKey={(item) => item.itemCode}
      renderItem={(item) => (
        <List.Item data-testid={`survey-item-${item.itemCode}`}>
          <Space orientation="vertical" size={4} style={{ width: "100%", minWidth: 0 }}>
            <Space size={8} wrap style={{ whiteSpace: "normal" }}>
              <Typography.Text strong>{item.itemCode}</Typography.Text>
              <span>{item.title}</span>
              {item.belowMinimum ? <Tag color="orange">{t("surveyResults.belowMinimum")}</Tag> : null}
            </Space>
            <Space size={16} wrap>
              <span>{t("surveyResults.answers", { n: item.answers })}</span>
              <span>{t("surveyResults.rate", { rate: percent(item.rate) })}</span>
              <Typography.Text strong data-testid={`survey-item-points-${item.itemCode}`}>
                {t("surveyResults.itemPoints", { points: points(item.points), max: points(item.maxPoints) })}
              </Typography.Text>
            </Space>
            {item.enteredPoints !== null ? (
              <Typography.Text type="secondary">
                {t("surveyResults.entered", { points: points(item.enteredPoints) })}
              </Typography.Text>
            ) : null}
            {survey.canEnter && item.belowMinimum ? <EnterPoints tenant={tenant} survey={survey} item={item} /> : null}
          </Space>
        </List.Item>
      )}
    />
  );
}
