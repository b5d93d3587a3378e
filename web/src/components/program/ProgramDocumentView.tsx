import { Descriptions, Empty, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { StoredContent } from "../../api/programs.ts";
import { MeasureTable } from "./MeasureTable.tsx";

/** A program read-only: a published version, or a draft seen by a reviewer. */
export function ProgramDocumentView({ content }: { content: StoredContent }) {
  const { t } = useTranslation();
  return (
    <div data-testid="program-view">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: "title", label: t("program.title"), children: content.title },
          { key: "period", label: t("program.period"), children: `${content.startYear}–${content.endYear}` },
          { key: "level", label: t("program.targetLevel"), children: t(`targetLevel.${content.targetLevel}`) },
        ]}
      />
      {content.sections.length === 0 ? <Empty description={t("program.noSections")} /> : null}
      {content.sections.map((section) => (
        <section key={section.id} style={{ marginTop: 16 }}>
          <Typography.Title level={5}>
            <Tag>{t(`sectionKind.${section.kind}`)}</Tag>
            {section.heading || t("program.untitledSection")}
          </Typography.Title>
          {section.text ? (
            <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }}>{section.text}</Typography.Paragraph>
          ) : null}
          {section.kind === "measures" ? (
            <MeasureTable items={section.items} />
          ) : (
            section.items.map((item) => (
              <Typography.Paragraph key={item.id}>
                <strong>{item.title}</strong> {item.text}
              </Typography.Paragraph>
            ))
          )}
        </section>
      ))}
    </div>
  );
}
