import type { TFunction } from "i18next";
import type { StoredContent } from "../../api/programs.ts";
import { beijingTime } from "../../format/time.ts";
import { type PrintBlock, type PrintDoc, safeFileName } from "./print-model.ts";

export interface ProgramPrintInput {
  content: StoredContent;
  unitName: string;
  /** The published version printed, or null for the working draft. */
  version: { number: number; publishedAt: string } | null;
}

type Section = StoredContent["sections"][number];

function measuresTable(t: TFunction, section: Section): PrintBlock {
  const none = t("common.none");
  return {
    kind: "table",
    empty: t("print.program.noMeasures"),
    table: {
      columns: [
        { header: t("print.program.number"), width: 7, align: "center" },
        { header: t("print.program.measure"), width: 43 },
        { header: t("program.departments"), width: 18 },
        { header: t("program.lead"), width: 10, align: "center" },
        { header: t("program.dueDate"), width: 12, align: "center" },
        { header: t("program.status"), width: 10, align: "center" },
      ],
      rows: section.items.map((item, i) => [
        String(i + 1),
        item.text ? `${item.title}\n${item.text}` : item.title,
        item.departments.length > 0 ? item.departments.join("、") : none,
        item.lead ?? none,
        item.dueDate ?? none,
        t(`measureStatus.${item.status}`),
      ]),
    },
  };
}

function sectionBlocks(t: TFunction, section: Section): PrintBlock[] {
  const blocks: PrintBlock[] = [{ kind: "heading", text: section.heading || t(`sectionKind.${section.kind}`) }];
  if (section.text) blocks.push({ kind: "paragraph", text: section.text });
  if (section.kind === "measures") blocks.push(measuresTable(t, section));
  else for (const item of section.items) blocks.push({ kind: "paragraph", lead: item.title, text: item.text });
  return blocks;
}

/** A creation program (创建工作方案) as a document: its facts, then each section, measures as a table. */
export function programPrintDoc(t: TFunction, { content, unitName, version }: ProgramPrintInput): PrintDoc {
  return {
    title: content.title,
    subtitle: unitName,
    fileName: `${safeFileName(t("print.program.fileName", { unit: unitName }))}.docx`,
    blocks: [
      {
        kind: "facts",
        items: [
          { label: t("print.unit"), value: unitName },
          { label: t("program.period"), value: `${content.startYear}—${content.endYear}` },
          { label: t("program.targetLevel"), value: t(`targetLevel.${content.targetLevel}`) },
          {
            label: t("print.program.version"),
            value: version
              ? t("print.program.versionN", { n: version.number, date: beijingTime(version.publishedAt).slice(0, 10) })
              : t("print.program.draft"),
          },
        ],
      },
      ...content.sections.flatMap((section) => sectionBlocks(t, section)),
    ],
  };
}
