import { Button, Card, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { CoverageItem } from "../../api/coverage.ts";
import { CoverageStatusTag } from "./CoverageStatusTag.tsx";

/** A measure or record the unit may link to the item in one click. */
export type LinkTarget = { kind: "measure"; key: string } | { kind: "record"; id: string };

interface Props {
  item: CoverageItem;
  /** Set when the unit may still change its application: the suggestions then offer 关联. */
  onLink?: ((target: LinkTarget) => void) | undefined;
  /** The suggestion being linked now (its key or id). */
  linking: string | null;
}

function Linked({ label, entries }: { label: string; entries: Array<{ key: string; text: string }> }) {
  const { t } = useTranslation();
  return (
    <div>
      <Typography.Text type="secondary">{label}：</Typography.Text>
      {entries.length === 0 ? <Typography.Text type="secondary">{t("coverage.none")}</Typography.Text> : null}
      {entries.map((entry) => (
        <div key={entry.key} style={{ overflowWrap: "anywhere" }}>
          {entry.text}
        </div>
      ))}
    </div>
  );
}

function Suggestion(props: {
  title: string;
  terms: string[];
  id: string;
  onLink: (() => void) | undefined;
  linking: string | null;
}) {
  const { t } = useTranslation();
  return (
    <Space wrap size={4} data-testid="coverage-suggestion">
      <Typography.Text style={{ overflowWrap: "anywhere" }}>{props.title}</Typography.Text>
      <Typography.Text type="secondary">{t("coverage.matched")}</Typography.Text>
      {props.terms.map((term) => (
        <Tag key={term} color="blue">
          {term}
        </Tag>
      ))}
      {props.onLink ? (
        <Button
          size="small"
          type="link"
          onClick={props.onLink}
          loading={props.linking === props.id}
          disabled={props.linking !== null && props.linking !== props.id}
          data-testid="coverage-link"
        >
          {t("coverage.linkAction")}
        </Button>
      ) : null}
    </Space>
  );
}

/** One criteria item: its status, what is linked to it, and what of the unit's material looks like it fits. */
export function CoverageItemCard({ item, onLink, linking }: Props) {
  const { t } = useTranslation();
  const { measures, records } = item.suggestions;
  return (
    <Card
      size="small"
      data-testid="coverage-item"
      data-item={item.itemCode}
      title={
        <Space wrap size={4} style={{ whiteSpace: "normal" }}>
          <Typography.Text type="secondary">{item.itemCode}</Typography.Text>
          <span>{item.title}</span>
        </Space>
      }
      extra={<CoverageStatusTag status={item.status} />}
    >
      <Space orientation="vertical" size={6} style={{ width: "100%" }}>
        <Linked label={t("coverage.measures")} entries={item.measures.map((m) => ({ key: m.key, text: m.title }))} />
        <Linked
          label={t("coverage.records")}
          entries={item.records.map((r) => ({ key: r.id, text: `${r.date} ${r.title}` }))}
        />
        <Linked
          label={t("coverage.paragraphs")}
          entries={item.paragraphs.map((p) => ({ key: p.id, text: p.heading }))}
        />
        {measures.length + records.length > 0 ? (
          <div data-testid="coverage-suggestions">
            <Typography.Text strong>{t("coverage.suggested")}</Typography.Text>
            {measures.map((m) => (
              <div key={`m-${m.key}`}>
                <Tag>{t("coverage.measure")}</Tag>
                <Suggestion
                  id={m.key}
                  title={m.title}
                  terms={m.terms}
                  linking={linking}
                  onLink={onLink ? () => onLink({ kind: "measure", key: m.key }) : undefined}
                />
              </div>
            ))}
            {records.map((r) => (
              <div key={`r-${r.id}`}>
                <Tag>{t("coverage.record")}</Tag>
                <Suggestion
                  id={r.id}
                  title={r.title}
                  terms={r.terms}
                  linking={linking}
                  onLink={onLink ? () => onLink({ kind: "record", id: r.id }) : undefined}
                />
              </div>
            ))}
          </div>
        ) : null}
      </Space>
    </Card>
  );
}
