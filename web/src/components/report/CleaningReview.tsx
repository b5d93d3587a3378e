import { Button, Card, Collapse, List, Radio, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { ParsedReport } from "../../api/reports.ts";
import { PlaceholderAlert } from "./PlaceholderAlert.tsx";

interface Props {
  parsed: ParsedReport;
  chosen: number;
  onChoose: (index: number) => void;
  /** Parses again keeping this removed line. */
  onRestore: (line: string) => void;
  onAdopt: () => void;
  onBack: () => void;
  busy: boolean;
}

/** What the importer made of the paste, shown before anything is used: which report, what cleaning removed and changed. */
export function CleaningReview({ parsed, chosen, onChoose, onRestore, onAdopt, onBack, busy }: Props) {
  const { t } = useTranslation();
  const doc = parsed.documents[chosen];
  const items = doc?.sections.reduce((n, s) => n + s.items.length, 0) ?? 0;
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="report-cleaning">
      {parsed.documents.length > 1 ? (
        <Card size="small" title={t("report.pickDocument", { n: parsed.documents.length })}>
          <Radio.Group value={chosen} onChange={(e) => onChoose(Number(e.target.value))} data-testid="report-documents">
            <Space orientation="vertical">
              {parsed.documents.map((d, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the importer's documents have no ids and never reorder
                <Radio key={i} value={i} style={{ whiteSpace: "normal" }} data-testid="report-document">
                  {d.title || t("report.untitled", { n: i + 1 })}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Card>
      ) : null}

      <Card size="small" title={t("report.removedTitle", { n: parsed.removed.length })} data-testid="report-removed">
        {parsed.removed.length === 0 ? (
          <Typography.Text type="secondary">{t("report.removedNone")}</Typography.Text>
        ) : (
          <List
            size="small"
            dataSource={parsed.removed}
            renderItem={(r) => (
              <List.Item
                data-testid="removed-line"
                extra={
                  <Button size="small" loading={busy} onClick={() => onRestore(r.line)} data-testid="removed-restore">
                    {t("report.restore")}
                  </Button>
                }
              >
                <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
                  <Tag data-testid="removed-reason">{t(`report.reason.${r.reason}`)}</Tag>
                  <Typography.Text delete style={{ overflowWrap: "anywhere" }}>
                    {r.line}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        )}
      </Card>

      <Card size="small" title={t("report.convertedTitle")} data-testid="report-converted">
        <Space wrap>
          <Tag color="blue" data-testid="converted-traditional">
            {t("report.convertedTraditional", { n: parsed.converted.traditional })}
          </Tag>
          <Tag color="blue" data-testid="converted-pinyin">
            {t("report.convertedPinyin", { n: parsed.converted.pinyin })}
          </Tag>
        </Space>
        {parsed.changes.length > 0 ? (
          <Collapse
            size="small"
            ghost
            style={{ marginTop: 8 }}
            items={[
              {
                key: "changes",
                label: t("report.changesTitle", { n: parsed.changes.length }),
                children: (
                  <List
                    size="small"
                    dataSource={parsed.changes}
                    renderItem={(c) => (
                      <List.Item data-testid="changed-line">
                        <div style={{ minWidth: 0, overflowWrap: "anywhere" }}>
                          <div>
                            <Tag>{t("report.before")}</Tag>
                            <Typography.Text type="secondary">{c.before}</Typography.Text>
                          </div>
                          <div>
                            <Tag color="green">{t("report.after")}</Tag>
                            <span data-testid="changed-after">{c.after}</span>
                          </div>
                        </div>
                      </List.Item>
                    )}
                  />
                ),
              },
            ]}
          />
        ) : null}
      </Card>

      {doc && doc.placeholders.length > 0 ? (
        <PlaceholderAlert
          title={t("report.placeholdersFound")}
          placeholders={doc.placeholders}
          testId="report-placeholders"
          tagTestId="placeholder"
        />
      ) : null}

      {doc ? (
        <Typography.Text type="secondary" data-testid="report-recognised">
          {t("report.recognised", { sections: doc.sections.length, items, figures: doc.figures.length })}
        </Typography.Text>
      ) : null}
      <Space wrap>
        <Button onClick={onBack}>{t("report.startOver")}</Button>
        <Button type="primary" disabled={!doc} onClick={onAdopt} data-testid="report-adopt">
          {t("report.adopt")}
        </Button>
      </Space>
    </Space>
  );
}
