import { Empty, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { StoredContent } from "../../api/programs.ts";
import { MeasureTable } from "./MeasureTable.tsx";

/** A program read as a document: its title, period and aim, then each section under its heading. */
export function ProgramDocumentView({ content }: { content: StoredContent }) {
  const { t } = useTranslation();
  return (
    <article data-testid="program-view">
      <Typography.Title level={3} style={{ textAlign: "center", marginTop: 0 }} data-testid="program-view-title">
        {content.title}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ textAlign: "center" }}>
        {`${t("program.period")}：${content.startYear}–${content.endYear}　${t("program.targetLevel")}：${t(`targetLevel.${content.targetLevel}`)}`}
      </Typography.Paragraph>
      {content.sections.length === 0 ? <Empty description={t("program.noSections")} /> : null}
      {content.sections.map((section) => (
        <section key={section.id} style={{ marginTop: 24 }}>
          <Typography.Title level={4}>{section.heading || t(`sectionKind.${section.kind}`)}</Typography.Title>
          {section.text ? (
            <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }}>{section.text}</Typography.Paragraph>
          ) : null}
          {section.kind === "measures" ? (
            <MeasureTable items={section.items} />
          ) : (
            section.items.map((item) => (
              <Typography.Paragraph key={item.id} style={{ whiteSpace: "pre-wrap" }}>
                {item.title ? <strong>{item.title}</strong> : null} {item.text}
              </Typography.Paragraph>
            ))
          )}
        </section>
      ))}
    </article>
  );
}
