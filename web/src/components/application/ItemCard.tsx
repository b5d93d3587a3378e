import { App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type Application, type ApplicationItem, saveItem } from "../../api/applications.ts";
import type { CriteriaItem } from "../../api/criteria.ts";
import { errorText } from "../../api/errors.ts";
import { EvidenceFiles } from "./EvidenceFiles.tsx";
import { GapList } from "./GapList.tsx";
import { useAppWrite } from "./use-app-write.ts";

export interface Choice {
  value: string;
  label: string;
}

interface Props {
  tenant: string;
  app: Application;
  item: CriteriaItem;
  entry: ApplicationItem;
  editable: boolean;
  measures: Choice[];
  records: Choice[];
}

/** One criteria item of an application: self-assessment, 说明, links, linked measures and records, files, gaps. */
export function ItemCard({ tenant, app, item, entry, editable, measures, records }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const write = useAppWrite(tenant, app.id);
  const [points, setPoints] = useState(entry.selfPoints);
  const [grade, setGrade] = useState(entry.selfGrade);
  const [note, setNote] = useState(entry.note);
  const [links, setLinks] = useState(entry.links.join("\n"));
  const [measureKeys, setMeasureKeys] = useState(entry.measureKeys);
  const [recordIds, setRecordIds] = useState(entry.recordIds);
  const [saving, setSaving] = useState(false);
  const graded = item.mode === "graded";
  const save = async () => {
    setSaving(true);
    try {
      await write(() =>
        saveItem(tenant, app, item.code, {
          selfPoints: graded ? null : points,
          selfGrade: graded ? grade : null,
          note,
          links: links
            .split("\n")
            .map((l) => l.trim())
            .filter(Boolean),
          measureKeys,
          recordIds,
        }),
      );
      void message.success(t("application.savedItem"));
    } catch (error) {
      void message.error(errorText(error, i18n.language));
    } finally {
      setSaving(false);
    }
  };
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
        </Space>
      }
    >
      {item.guidance ? <Typography.Paragraph type="secondary">{item.guidance}</Typography.Paragraph> : null}
      <Row gutter={16}>
        <Col span={16}>
          <Form layout="vertical" disabled={!editable}>
            {graded ? (
              <Form.Item label={t("application.selfGrade")}>
                <Select
                  allowClear
                  style={{ width: 160 }}
                  value={grade ?? undefined}
                  onChange={(g: string | undefined) => setGrade(g ?? null)}
                  options={item.grades.map((g) => ({ value: g.grade, label: `${g.grade}（${g.share * 100}%）` }))}
                  data-testid="item-grade"
                />
              </Form.Item>
            ) : (
              <Form.Item label={t("application.selfPoints")}>
                <InputNumber
                  min={0}
                  max={item.maxPoints}
                  step={0.5}
                  value={points}
                  onChange={(v) => setPoints(v === null ? null : Math.round(v * 2) / 2)}
                  data-testid="item-points"
                />
              </Form.Item>
            )}
            <Form.Item label={t("application.note")}>
              <Input.TextArea
                rows={3}
                value={note}
                maxLength={item.evidence.maxNoteChars}
                showCount
                onChange={(e) => setNote(e.target.value)}
                data-testid="item-note"
              />
            </Form.Item>
            <Form.Item label={t("application.links")} extra={t("application.linksHint")}>
              <Input.TextArea rows={1} autoSize value={links} onChange={(e) => setLinks(e.target.value)} />
            </Form.Item>
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item label={t("application.measures")}>
                  <Select mode="multiple" value={measureKeys} onChange={setMeasureKeys} options={measures} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item label={t("application.records")}>
                  <Select mode="multiple" value={recordIds} onChange={setRecordIds} options={records} />
                </Form.Item>
              </Col>
            </Row>
          </Form>
          <Space orientation="vertical" style={{ width: "100%" }}>
            <Typography.Text>{t("application.files")}</Typography.Text>
            <EvidenceFiles tenant={tenant} app={app} code={item.code} files={entry.files} editable={editable} />
            {editable ? (
              <Button type="primary" loading={saving} onClick={() => void save()} data-testid="item-save">
                {t("application.saveItem")}
              </Button>
            ) : null}
          </Space>
        </Col>
        <Col span={8}>
          <GapList gaps={entry.gaps} />
        </Col>
      </Row>
    </Card>
  );
}
