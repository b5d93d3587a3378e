import { Space, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ApplicationItem } from "../../api/applications.ts";
import type { CriteriaItem } from "../../api/criteria.ts";
import { LinkedParagraphs } from "../report/LinkedParagraphs.tsx";
import { EvidenceList } from "./EvidenceList.tsx";
import type { LinkedNames } from "./use-linked-names.ts";

interface Props {
  tenant: string;
  item: CriteriaItem;
  entry: ApplicationItem | undefined;
  names: LinkedNames;
}

/** The rule of an item: its method, its maximum or grade scale, and what evidence it asks for. */
export function ItemRule({ item }: { item: CriteriaItem }) {
  const { t } = useTranslation();
  const scale =
    item.mode === "graded"
      ? item.grades.map((g) => `${g.grade} ${Math.round(g.share * item.maxPoints * 100) / 100}`).join(" / ")
      : null;
  return (
    <Space wrap size={[4, 4]}>
      <Tag color="blue">{t(`method.${item.method}`)}</Tag>
      <Tag>{t("scoring.maxPoints", { n: item.maxPoints })}</Tag>
      {scale ? <Tag data-testid="grade-scale">{t("scoring.gradeScale", { scale })}</Tag> : null}
      {item.evidence.minFiles > 0 ? <Tag>{t("scoring.minFiles", { n: item.evidence.minFiles })}</Tag> : null}
    </Space>
  );
}

/** One labelled fact of the answer: a plain definition-list row (lighter than antd's Descriptions × 70 items). */
function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ display: "flex", gap: 12, minWidth: 0 }}>
      <dt style={{ flex: "0 0 64px", color: "rgba(0,0,0,0.45)" }}>{label}</dt>
      <dd style={{ margin: 0, flex: "1 1 auto", minWidth: 0 }}>{children}</dd>
    </div>
  );
}

/** What the unit answered for one item, to read: self-assessment, 说明, links, linked work by name, evidence. */
export function ItemDocument({ tenant, item, entry, names }: Props) {
  const { t } = useTranslation();
  const none = t("scoring.notGiven");
  const self =
    item.mode === "graded"
      ? (entry?.selfGrade ?? none)
      : entry?.selfPoints === null || entry?.selfPoints === undefined
        ? none
        : t("scoring.selfOf", { points: entry.selfPoints, max: item.maxPoints });
  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 8, minWidth: 0 }}>
      <ItemRule item={item} />
      {item.guidance ? (
        <p style={{ margin: 0, whiteSpace: "pre-wrap", color: "rgba(0,0,0,0.45)" }}>{item.guidance}</p>
      ) : null}
      <dl style={{ margin: 0, display: "flex", flexDirection: "column", gap: 6 }}>
        <Fact label={item.mode === "graded" ? t("scoring.selfGrade") : t("scoring.selfPoints")}>
          <span data-testid="self-score">{self}</span>
        </Fact>
        <Fact label={t("scoring.note")}>
          {entry?.note ? (
            <p style={{ margin: 0, whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{entry.note}</p>
          ) : (
            <Typography.Text type="secondary">{none}</Typography.Text>
          )}
        </Fact>
        {entry && entry.links.length > 0 ? (
          <Fact label={t("scoring.links")}>
            <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
              {entry.links.map((href) => (
                <a
                  key={href}
                  href={href}
                  target="_blank"
                  rel="noreferrer noopener"
                  style={{ overflowWrap: "anywhere" }}
                >
                  {href}
                </a>
              ))}
            </Space>
          </Fact>
        ) : null}
        {entry && entry.measureKeys.length > 0 ? (
          <Fact label={t("scoring.measures")}>
            <Space wrap size={[4, 4]}>
              {entry.measureKeys.map((key) => {
                const m = names.measures.get(key);
                return (
                  <Tag key={key} title={m?.programTitle} style={{ whiteSpace: "normal" }} data-testid="linked-measure">
                    {m?.title ?? (names.loading ? t("scoring.loadingName") : t("scoring.unknownMeasure"))}
                  </Tag>
                );
              })}
            </Space>
          </Fact>
        ) : null}
        {entry && entry.recordIds.length > 0 ? (
          <Fact label={t("scoring.records")}>
            <Space wrap size={[4, 4]}>
              {entry.recordIds.map((id) => {
                const r = names.records.get(id);
                return (
                  <Tag key={id} style={{ whiteSpace: "normal" }} data-testid="linked-record">
                    {r
                      ? `${r.title}（${r.date}）`
                      : names.loading
                        ? t("scoring.loadingName")
                        : t("scoring.unknownRecord")}
                  </Tag>
                );
              })}
            </Space>
          </Fact>
        ) : null}
        {names.paragraphs.has(item.code) ? (
          <Fact label={t("report.pageTitle")}>
            <LinkedParagraphs paragraphs={names.paragraphs.get(item.code) ?? []} />
          </Fact>
        ) : null}
        <Fact label={t("scoring.files")}>
          <EvidenceList tenant={tenant} files={entry?.files ?? []} />
        </Fact>
      </dl>
    </div>
  );
}
