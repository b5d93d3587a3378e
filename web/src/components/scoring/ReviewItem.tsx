import { Card, Col, Row, Space, Typography } from "antd";
import { memo } from "react";
import { useTranslation } from "react-i18next";
import type { ApplicationItem } from "../../api/applications.ts";
import type { CriteriaItem } from "../../api/criteria.ts";
import type { ScoreForm } from "../../api/scoring.ts";
import type { DraftItem, ItemKind } from "./draft.ts";
import type { FieldNav } from "./field-nav.ts";
import { ItemDocument } from "./ItemDocument.tsx";
import { ScoreField } from "./ScoreField.tsx";
import type { LinkedNames } from "./use-linked-names.ts";

interface Props {
  tenant: string;
  item: CriteriaItem;
  kind: ItemKind;
  entry: ApplicationItem | undefined;
  names: LinkedNames;
  // The reviewer's score, when there is a form to score on (flat props, so the memo holds while typing elsewhere).
  value?: DraftItem | undefined;
  problems?: string[] | undefined;
  editable?: boolean;
  onChange?: (code: string, patch: Partial<DraftItem>) => void;
  /** Without it the item is only read (no form). */
  nav?: FieldNav;
  /** The item's points from the questionnaire or peer units: no reviewer score, only the source's points. */
  sourced?: ScoreForm["sourced"][number] | undefined;
}

/** What a source gave the item, in place of the reviewer's score field. */
function SourcedPoints({ sourced }: { sourced: ScoreForm["sourced"][number] }) {
  const { t } = useTranslation();
  const n = Math.round(sourced.points * 100) / 100;
  return (
    <Space orientation="vertical" size={4} data-testid={`sourced-${sourced.itemCode}`}>
      <Typography.Text strong>
        {sourced.source === "survey"
          ? t("surveyResults.formSurveyPoints", { points: n, answers: sourced.answers })
          : t("surveyResults.formMutualPoints", { points: n })}
      </Typography.Text>
      <Typography.Text type="secondary">
        {sourced.source === "survey" && sourced.belowMinimum
          ? t("surveyResults.formBelowMinimum")
          : t("surveyResults.formNotYours")}
      </Typography.Text>
    </Space>
  );
}

/** The document of one item with the reviewer's score beside it (under it on a phone). */
export const ReviewItem = memo(function ReviewItem(props: Props) {
  const { tenant, item, kind, entry, names, value, problems, editable = false, onChange, nav, sourced } = props;
  const scoring = nav !== undefined && onChange !== undefined;
  return (
    <Card
      size="small"
      id={`review-item-${item.code}`}
      data-testid={`review-item-${item.code}`}
      // Off-screen items skip layout and paint until scrolled to: a 64-item form stays quick.
      style={{ contentVisibility: "auto", containIntrinsicSize: "auto 260px" }}
      title={
        <Space size={8} style={{ whiteSpace: "normal" }}>
          <Typography.Text strong style={{ whiteSpace: "nowrap" }}>
            {item.code}
          </Typography.Text>
          <span>{item.title}</span>
        </Space>
      }
    >
      <Row gutter={[24, 12]}>
        <Col xs={24} lg={scoring ? 14 : 24} style={{ minWidth: 0 }}>
          <ItemDocument tenant={tenant} item={item} entry={entry} names={names} />
        </Col>
        {scoring && sourced ? (
          <Col xs={24} lg={10} style={{ minWidth: 0 }}>
            <SourcedPoints sourced={sourced} />
          </Col>
        ) : scoring ? (
          <Col xs={24} lg={10} style={{ minWidth: 0 }}>
            <ScoreField
              item={item}
              kind={kind}
              value={value}
              problems={problems}
              editable={editable}
              onChange={onChange}
              nav={nav}
            />
          </Col>
        ) : null}
      </Row>
    </Card>
  );
});
