import { z } from "@hono/zod-openapi";
import { COVERAGE_STATUSES, REMOVED_LINE_REASONS } from "../domain/vocabulary.ts";
import { freeText, IdParam, lineText, nameText } from "./common.ts";
import { MAX_PARSE_CHARACTERS } from "./programs.ts";

// The unit's report (汇报材料): the importer's draft, the stored report on an application, its links to
// criteria items, coverage of the criteria by the unit's material, and the office's synonym list.

// ---------------------------------------------------------------------------------------------------
// Import (POST /reports/parse): the issue fixes this shape; `removed` and `changes` are additive.

export const ParseReportBody = z
  .strictObject({
    text: z.string().trim().min(1, "请粘贴汇报材料文本 / paste the report text").max(MAX_PARSE_CHARACTERS),
    keep: z
      .array(z.string().max(2000))
      .max(500)
      .default([])
      .openapi({ description: "removed lines (as listed in removedLines) the user restored: kept as text" }),
  })
  .openapi("ParseReportBody");

const ParsedReportItem = z.object({ title: z.string(), text: z.string() });
const ParsedReportSection = z.object({ heading: z.string(), text: z.string(), items: z.array(ParsedReportItem) });

export const ReportFigureDraft = z.object({
  text: z.string().openapi({ description: "the sentence the figure came from" }),
  value: z.number(),
  unit: z.string().openapi({ example: "次" }),
  label: z.string().openapi({ description: "what is counted, as the unit words it", example: "组织集体学习" }),
  section: z.number().int().openapi({ description: "index of the document's section the figure was found in" }),
  item: z.number().int().nullable().openapi({ description: "index of the item in that section, or null" }),
});

export const ParsedReportDocument = z.object({
  title: z.string(),
  sections: z.array(ParsedReportSection),
  figures: z.array(ReportFigureDraft),
  placeholders: z.array(z.string()).openapi({ description: "anonymised placeholders to fill: xx县, 20xx年, 200*年" }),
});

export const ParsedReport = z
  .object({
    documents: z
      .array(ParsedReportDocument)
      .openapi({ description: "one per report when a paste holds several (篇1 篇2…)" }),
    removedLines: z.array(z.string()),
    converted: z.object({
      traditional: z.number().int().openapi({ description: "characters converted from traditional to simplified" }),
      pinyin: z.number().int().openapi({ description: "inline pinyin annotations stripped: 創(chuàng)建" }),
    }),
    removed: z
      .array(z.object({ line: z.string(), reason: z.enum(REMOVED_LINE_REASONS) }))
      .openapi({ description: "removedLines with why each was dropped, in input order" }),
    changes: z.array(z.object({ before: z.string(), after: z.string() })).openapi({
      description: "every kept line that cleaning changed (conversion, pinyin, punctuation), before and after",
    }),
  })
  .openapi("ParsedReport");

// ---------------------------------------------------------------------------------------------------
// The report on an application

/** Most characters a stored report may hold, whatever the round's length rule (a draft may run over it). */
export const MAX_REPORT_CHARACTERS = 30_000;

/** A paragraph id: stable across saves so links to criteria items survive edits. */
const ParagraphId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, "段落编号无效 / invalid paragraph id");

export const ReportItem = z.strictObject({ id: ParagraphId, title: lineText(500), text: freeText(10_000) });
export const ReportSection = z.strictObject({
  id: ParagraphId,
  heading: lineText(500),
  text: freeText(10_000),
  items: z.array(ReportItem).max(100),
});
export const ReportContent = z
  .strictObject({ title: lineText(200), sections: z.array(ReportSection).max(60) })
  .openapi("ReportContent");

export const ReportFigure = z
  .strictObject({
    id: ParagraphId,
    /** The paragraph it was found in, when it still exists. */
    paragraphId: ParagraphId.nullable(),
    text: freeText(1000).openapi({ description: "the sentence the figure came from" }),
    label: nameText(60).openapi({ description: "what is counted, as the unit words it: 组织集体学习" }),
    value: z.number().min(0).max(1e12),
    unit: nameText(10),
    confirmed: z.boolean(),
  })
  .openapi("ReportFigure");

export const ReportLink = z.strictObject({ paragraphId: ParagraphId, itemCode: nameText(20) }).openapi("ReportLink");

export const SaveReportBody = z
  .strictObject({
    version: z.number().int().min(1).openapi({ description: "the application's version, as for item saves" }),
    content: ReportContent,
    figures: z.array(ReportFigure).max(200),
    links: z.array(ReportLink).max(1000),
  })
  .openapi("SaveReportBody");

export const CriteriaSuggestion = z.object({
  itemCode: z.string(),
  score: z.number(),
  terms: z.array(z.string()).openapi({ description: "the words that matched: why it is suggested" }),
});

export const ReportView = z
  .object({
    applicationId: z.string(),
    applicationVersion: z.number().int(),
    editable: z.boolean().openapi({ description: "whether the caller may change it now" }),
    maxChars: z.number().int(),
    required: z.boolean(),
    /** Null before the unit first saves a report. */
    report: z
      .object({
        content: ReportContent,
        figures: z.array(ReportFigure),
        links: z.array(ReportLink),
        length: z.number().int().openapi({ description: "characters as Chinese users count them" }),
        placeholders: z.array(z.string()),
        updatedAt: z.string(),
      })
      .nullable(),
    suggestions: z
      .array(z.object({ paragraphId: z.string(), items: z.array(CriteriaSuggestion) }))
      .openapi({ description: "criteria items suggested for each paragraph (round's system and synonym list)" }),
  })
  .openapi("ReportView");

export const ReportParams = z.object({ id: IdParam });

// ---------------------------------------------------------------------------------------------------
// Coverage: program ↔ criteria ↔ records ↔ report

const CoverageStatus = z.enum(COVERAGE_STATUSES);

export const ApplicationCoverage = z
  .object({
    applicationId: z.string(),
    criteriaSystemId: z.string(),
    summary: z.object({ covered: z.number().int(), thin: z.number().int(), empty: z.number().int() }),
    items: z.array(
      z.object({
        itemCode: z.string(),
        title: z.string(),
        categoryCode: z.string(),
        status: CoverageStatus,
        measures: z.array(z.object({ key: z.string(), title: z.string() })),
        records: z.array(z.object({ id: z.string(), title: z.string(), date: z.string() })),
        paragraphs: z.array(z.object({ id: z.string(), heading: z.string() })),
        suggestions: z
          .object({
            measures: z.array(z.object({ key: z.string(), title: z.string(), terms: z.array(z.string()) })),
            records: z.array(z.object({ id: z.string(), title: z.string(), terms: z.array(z.string()) })),
          })
          .openapi({ description: "unlinked measures and records of the unit that look like they fit" }),
      }),
    ),
  })
  .openapi("ApplicationCoverage");

export const RoundCoverage = z
  .object({
    roundId: z.string(),
    applications: z.number().int().openapi({ description: "applications in the caller's scope counted" }),
    items: z.array(
      z.object({
        itemCode: z.string(),
        title: z.string(),
        categoryCode: z.string(),
        covered: z.number().int(),
        thin: z.number().int(),
        empty: z.number().int(),
      }),
    ),
  })
  .openapi("RoundCoverage");

// ---------------------------------------------------------------------------------------------------
// The office's synonym list (近义词表) for suggestions

export const Synonym = z.strictObject({ term: nameText(30, 2), means: nameText(60, 2) }).openapi("Synonym");

export const SynonymList = z.object({ items: z.array(Synonym), version: z.number().int() }).openapi("SynonymList");

export const SaveSynonymsBody = z
  .strictObject({ items: z.array(Synonym).max(500), version: z.number().int().min(1) })
  .openapi("SaveSynonymsBody");
