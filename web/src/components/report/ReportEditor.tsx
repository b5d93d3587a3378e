import { Button, Card, Input, Space } from "antd";
import { useTranslation } from "react-i18next";
import type { ReportSection } from "../../api/reports.ts";
import { move, removeAt, replaceAt } from "../program/draft.ts";
import { OrderButtons } from "../program/OrderButtons.tsx";
import type { CriteriaChoice } from "./criteria-items.ts";
import { linksOf, newParagraphId, type ReportDraft, withLinks } from "./draft.ts";
import { ParagraphFields } from "./ParagraphFields.tsx";
import { ParagraphLinks, type Suggestions } from "./ParagraphLinks.tsx";
import { PlaceholderAlert } from "./PlaceholderAlert.tsx";

interface Props {
  draft: ReportDraft;
  onChange: (draft: ReportDraft) => void;
  /** The saved report's suggestions by paragraph id. */
  suggestions: ReadonlyMap<string, Suggestions>;
  choices: CriteriaChoice[];
  /** Placeholders still in the text, to fill. */
  placeholders: string[];
}

/** The report's title, its sections and their items, each paragraph with its links to criteria items. */
export function ReportEditor({ draft, onChange, suggestions, choices, placeholders }: Props) {
  const { t } = useTranslation();
  const { content } = draft;
  const setSections = (sections: ReportSection[]) => onChange({ ...draft, content: { ...content, sections } });
  const links = (paragraphId: string) => (
    <ParagraphLinks
      codes={linksOf(draft.links, paragraphId)}
      suggestions={suggestions.get(paragraphId)}
      choices={choices}
      onChange={(codes) => onChange({ ...draft, links: withLinks(draft.links, paragraphId, codes) })}
    />
  );
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="report-editor">
      {placeholders.length > 0 ? (
        <PlaceholderAlert
          title={t("report.placeholdersOpen")}
          placeholders={placeholders}
          testId="report-open-placeholders"
          tagTestId="open-placeholder"
        />
      ) : null}
      <Input
        value={content.title}
        maxLength={200}
        placeholder={t("report.title")}
        aria-label={t("report.title")}
        onChange={(e) => onChange({ ...draft, content: { ...content, title: e.target.value } })}
        data-testid="report-title"
      />
      {content.sections.map((section, i) => {
        const setSection = (changed: ReportSection) => setSections(replaceAt(content.sections, i, changed));
        return (
          <Card
            key={section.id}
            size="small"
            title={t("report.sectionN", { n: i + 1 })}
            extra={
              <OrderButtons
                index={i}
                count={content.sections.length}
                onMove={(delta) => setSections(move(content.sections, i, delta))}
                onDelete={() => setSections(removeAt(content.sections, i))}
                deleteQuestion={t("report.deleteSection")}
                testId="report-section"
              />
            }
            data-testid="report-section"
            data-paragraph={section.id}
          >
            <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
              <ParagraphFields
                heading={section.heading}
                text={section.text}
                headingLabel={t("report.heading")}
                onChange={(patch) => setSection({ ...section, ...patch })}
                links={links(section.id)}
                testId="section-paragraph"
              />
              {section.items.map((item, j) => (
                <div
                  key={item.id}
                  style={{ borderInlineStart: "3px solid #f0f0f0", paddingInlineStart: 8 }}
                  data-testid="report-item"
                  data-paragraph={item.id}
                >
                  <div style={{ display: "flex", justifyContent: "flex-end", marginBottom: 4 }}>
                    <OrderButtons
                      index={j}
                      count={section.items.length}
                      onMove={(delta) => setSection({ ...section, items: move(section.items, j, delta) })}
                      onDelete={() => setSection({ ...section, items: removeAt(section.items, j) })}
                      deleteQuestion={t("report.deleteItem")}
                      testId="report-item"
                    />
                  </div>
                  <ParagraphFields
                    heading={item.title}
                    text={item.text}
                    headingLabel={t("report.itemTitle")}
                    onChange={(patch) =>
                      setSection({
                        ...section,
                        items: replaceAt(section.items, j, {
                          ...item,
                          title: patch.heading ?? item.title,
                          text: patch.text ?? item.text,
                        }),
                      })
                    }
                    links={links(item.id)}
                    testId="item-paragraph"
                  />
                </div>
              ))}
              <Button
                type="dashed"
                size="small"
                onClick={() =>
                  setSection({
                    ...section,
                    items: [...section.items, { id: newParagraphId("i"), title: "", text: "" }],
                  })
                }
                data-testid="report-add-item"
              >
                + {t("report.addItem")}
              </Button>
            </Space>
          </Card>
        );
      })}
      <Button
        type="dashed"
        block
        onClick={() =>
          setSections([...content.sections, { id: newParagraphId("s"), heading: "", text: "", items: [] }])
        }
        data-testid="report-add-section"
      >
        + {t("report.addSection")}
      </Button>
    </Space>
  );
}
