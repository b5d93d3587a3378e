import { Card, Col, Form, Input, Row, Select, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { Application, ApplicationItem } from "../../api/applications.ts";
import type { CriteriaItem } from "../../api/criteria.ts";
import { NumberInput } from "../NumberInput.tsx";
import { EvidenceFiles } from "./EvidenceFiles.tsx";
import { GapList } from "./GapList.tsx";
import type { ItemDraft } from "./item-draft.ts";

export interface Choice {
  value: string;
  label: string;
}

interface Props {
  tenant: string;
  app: Application;
  item: CriteriaItem;
  entry: ApplicationItem;
  /** What the form shows: the page's draft of this item, or what is stored. */
  value: ItemDraft;
  onChange: (patch: Partial<ItemDraft>) => void;
  /** The draft differs from what is stored. */
  unsaved: boolean;
  editable: boolean;
  measures: Choice[];
  records: Choice[];
}

/**
 * One criteria item of an application: self-assessment, 说明, links, linked measures and records (saved with the
 * page's one save), evidence files (stored at once on upload), and what it still lacks.
 */
export function ItemCard({ tenant, app, item, entry, value, onChange, unsaved, editable, measures, records }: Props) {
  const { t } = useTranslation();
  const graded = item.mode === "graded";
  return (
    <Card
      size="small"
      id={`item-${item.code}`}
      data-testid={`item-${item.code}`}
      title={
        <Space wrap>
          <Typography.Text strong>{item.code}</Typography.Text>
          <span style={{ whiteSpace: "normal" }}>{item.title}</span>
          <Tag>{t(`method.${item.method}`)}</Tag>
          <Tag>{t("application.max", { n: item.maxPoints })}</Tag>
          {unsaved ? (
            <Tag color="orange" data-testid="item-unsaved">
              {t("application.unsaved")}
            </Tag>
          ) : null}
        </Space>
      }
      styles={{ title: { whiteSpace: "normal" } }}
    >
      {item.guidance ? <Typography.Paragraph type="secondary">{item.guidance}</Typography.Paragraph> : null}
      <Row gutter={[16, 8]}>
        <Col xs={24} md={16}>
          <Form layout="vertical" disabled={!editable}>
            {graded ? (
              <Form.Item label={t("application.selfGrade")}>
                <Select
                  allowClear
                  style={{ width: 160 }}
                  value={value.selfGrade ?? undefined}
                  onChange={(g: string | undefined) => onChange({ selfGrade: g ?? null })}
                  options={item.grades.map((g) => ({ value: g.grade, label: `${g.grade}（${g.share * 100}%）` }))}
                  data-testid="item-grade"
                />
              </Form.Item>
            ) : (
              <Form.Item label={t("application.selfPoints")}>
                <NumberInput
                  min={0}
                  max={item.maxPoints}
                  step={0.5}
                  value={value.selfPoints}
                  onChange={(v) => onChange({ selfPoints: v === null ? null : Math.round(v * 2) / 2 })}
                  data-testid="item-points"
                />
              </Form.Item>
            )}
            <Form.Item label={t("application.note")}>
              <Input.TextArea
                rows={3}
                value={value.note}
                maxLength={item.evidence.maxNoteChars}
                showCount
                onChange={(e) => onChange({ note: e.target.value })}
                data-testid="item-note"
              />
            </Form.Item>
            <Form.Item label={t("application.links")} extra={t("application.linksHint")}>
              <Input.TextArea
                rows={1}
                autoSize
                value={value.links}
                onChange={(e) => onChange({ links: e.target.value })}
              />
            </Form.Item>
            <Row gutter={12}>
              <Col xs={24} sm={12}>
                <Form.Item label={t("application.measures")}>
                  <Select
                    mode="multiple"
                    value={value.measureKeys}
                    onChange={(measureKeys: string[]) => onChange({ measureKeys })}
                    options={measures}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item label={t("application.records")}>
                  <Select
                    mode="multiple"
                    value={value.recordIds}
                    onChange={(recordIds: string[]) => onChange({ recordIds })}
                    options={records}
                  />
                </Form.Item>
              </Col>
            </Row>
          </Form>
          <Space orientation="vertical" style={{ width: "100%" }}>
            <Typography.Text>{t("application.files")}</Typography.Text>
            <EvidenceFiles tenant={tenant} app={app} code={item.code} files={entry.files} editable={editable} />
          </Space>
        </Col>
        <Col xs={24} md={8}>
          <GapList gaps={entry.gaps} />
        </Col>
      </Row>
    </Card>
  );
}
