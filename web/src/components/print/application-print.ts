import type { TFunction } from "i18next";
import type { Application, ApplicationItem } from "../../api/applications.ts";
import type { CriteriaItem, CriteriaSystem } from "../../api/criteria.ts";
import type { ReportContent } from "../../api/reports.ts";
import { beijingTime } from "../../format/time.ts";
import { type PrintBlock, type PrintDoc, safeFileName } from "./print-model.ts";

type PrintedItem = Pick<ApplicationItem, "itemCode" | "selfPoints" | "selfGrade" | "note"> & {
  files: Pick<ApplicationItem["files"][number], "name">[];
};
type CriterionShape = Pick<CriteriaItem, "code" | "title" | "maxPoints">;

/** Only what the document shows, so the builder does not depend on the rest of the application's shape. */
export interface ApplicationPrintInput {
  app: Pick<Application, "unit" | "status" | "submittedAt" | "selfTotal"> & { items: PrintedItem[] };
  roundTitle: string;
  system: Pick<CriteriaSystem, "maxTotal"> & {
    categories: { code: string; title: string; items: CriterionShape[] }[];
    bonusItems: CriterionShape[];
    deductionItems: CriterionShape[];
  };
  /** The unit's report on the application, when it has written one. */
  report: { content: ReportContent } | null;
}

function selfScore(t: TFunction, entry: PrintedItem | undefined): string {
  if (entry?.selfPoints !== null && entry?.selfPoints !== undefined) return String(entry.selfPoints);
  return entry?.selfGrade ?? t("print.application.notScored");
}

/** One group of criteria items as a table: item, points, self-score, 说明, evidence file names. */
function itemsTable(t: TFunction, items: CriterionShape[], entries: Map<string, PrintedItem>): PrintBlock {
  const none = t("common.none");
  return {
    kind: "table",
    empty: t("print.application.noItems"),
    table: {
      columns: [
        { header: t("print.application.item"), width: 30 },
        { header: t("print.application.maxPoints"), width: 8, align: "center" },
        { header: t("print.application.selfScore"), width: 9, align: "center" },
        { header: t("print.application.note"), width: 33 },
        { header: t("print.application.evidence"), width: 20 },
      ],
      rows: items.map((item) => {
        const entry = entries.get(item.code);
        const files = entry?.files.map((f) => f.name) ?? [];
        return [
          `${item.code} ${item.title}`,
          String(item.maxPoints),
          selfScore(t, entry),
          entry?.note || none,
          files.length > 0 ? files.join("\n") : none,
        ];
      }),
    },
  };
}

function reportBlocks(t: TFunction, report: { content: ReportContent }): PrintBlock[] {
  const blocks: PrintBlock[] = [{ kind: "heading", text: t("print.application.report") }];
  if (report.content.title) blocks.push({ kind: "subheading", text: report.content.title });
  for (const section of report.content.sections) {
    if (section.heading) blocks.push({ kind: "subheading", text: section.heading });
    if (section.text) blocks.push({ kind: "paragraph", text: section.text });
    for (const item of section.items) blocks.push({ kind: "paragraph", lead: item.title, text: item.text });
  }
  return blocks;
}

/**
 * An application (申报材料) as a document: unit and round, each category's items with self-score, 说明 and
 * evidence file names, the self total, then the unit's report when there is one.
 */
export function applicationPrintDoc(
  t: TFunction,
  { app, roundTitle, system, report }: ApplicationPrintInput,
): PrintDoc {
  const entries = new Map(app.items.map((i) => [i.itemCode, i]));
  const groups = [
    ...system.categories.map((c) => ({ title: `${c.code} ${c.title}`, items: c.items })),
    { title: t("print.application.bonus"), items: system.bonusItems },
    { title: t("print.application.deduction"), items: system.deductionItems },
  ].filter((g) => g.items.length > 0);
  const total = t("print.application.selfTotalValue", { total: app.selfTotal, max: system.maxTotal });
  return {
    title: t("print.application.title", { unit: app.unit.name }),
    subtitle: roundTitle,
    fileName: `${safeFileName(t("print.application.fileName", { unit: app.unit.name }))}.docx`,
    blocks: [
      {
        kind: "facts",
        items: [
          { label: t("print.unit"), value: app.unit.name },
          { label: t("print.round"), value: roundTitle },
          { label: t("print.application.status"), value: t(`appStatus.${app.status}`) },
          {
            label: t("print.application.submittedAt"),
            value: app.submittedAt ? beijingTime(app.submittedAt) : t("common.none"),
          },
          { label: t("print.application.selfTotal"), value: total },
        ],
      },
      ...groups.flatMap((g): PrintBlock[] => [{ kind: "heading", text: g.title }, itemsTable(t, g.items, entries)]),
      { kind: "facts", items: [{ label: t("print.application.selfTotal"), value: total }] },
      ...(report ? reportBlocks(t, report) : []),
    ],
  };
}
