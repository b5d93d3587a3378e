import { z } from "@hono/zod-openapi";
import { CRITERIA_CODE } from "../domain/criteria-code.ts";
import { CRITERIA_LIMITS } from "../domain/criteria-limits.ts";
import { GRADE_LABEL_MAX } from "../domain/grade-scale.ts";
import { freeText, IdParam, nameText } from "./common.ts";

/** 测评方法: how an item is assessed. */
export const AssessmentMethod = z.enum(["material", "onsite", "survey", "online"]);

export const ScoringMode = z.enum(["points", "graded"]);

const Code = z
  .string()
  .trim()
  .regex(CRITERIA_CODE, "编码只能由字母、数字和 . - _ 组成，最多 20 个字符 / letters, digits, . - _ (≤ 20)");

/** A grade of graded scoring and the share of the item's maximum it earns (A = 100 %, B = 66 % …). */
export const Grade = z.strictObject({
  grade: nameText(GRADE_LABEL_MAX),
  share: z.number().min(0).max(1),
});

/** Evidence a unit must attach for an item: at least N files, a 说明 of at most M characters. */
export const EvidenceRule = z.strictObject({
  minFiles: z.number().int().min(0).max(20).default(0),
  maxNoteChars: z.number().int().min(50).max(5000).default(500),
});

export const CriteriaItem = z.strictObject({
  code: Code,
  title: nameText(300),
  maxPoints: z.number().positive().max(100),
  mode: ScoringMode.default("points"),
  grades: z.array(Grade).max(6).default([]),
  method: AssessmentMethod,
  guidance: freeText(2000).default(""),
  evidence: EvidenceRule.default({ minFiles: 0, maxNoteChars: 500 }),
});

export const CriteriaCategory = z.strictObject({
  code: Code,
  title: nameText(100),
  items: z.array(CriteriaItem).min(1).max(CRITERIA_LIMITS.itemsPerCategory),
});

/** 一票否决: a finding that excludes a unit whatever its score. */
export const VetoRule = z.strictObject({
  id: Code,
  text: freeText(500, { min: 2, trim: true }),
  lookbackMonths: z.number().int().min(1).max(120).default(24),
  threshold: z.number().int().min(1).max(1000).nullable().default(null),
});

/** The whole system as edited, exported and imported: categories → items, bonus and deduction items, vetoes. */
export const CriteriaContent = z
  .strictObject({
    name: nameText(100, 2),
    version: z.number().int().min(1).max(1000),
    maxTotal: z.number().positive().max(1000),
    categories: z.array(CriteriaCategory).min(1).max(CRITERIA_LIMITS.categories),
    bonusItems: z.array(CriteriaItem).max(CRITERIA_LIMITS.bonusItems).default([]),
    bonusCap: z.number().min(0).max(100).default(0),
    deductionItems: z.array(CriteriaItem).max(CRITERIA_LIMITS.deductionItems).default([]),
    deductionCap: z.number().min(0).max(100).default(0),
    vetoRules: z.array(VetoRule).max(CRITERIA_LIMITS.vetoRules).default([]),
  })
  .openapi("CriteriaContent");

export type CriteriaDocument = z.output<typeof CriteriaContent>;
export type CriteriaItemShape = z.output<typeof CriteriaItem>;

export const CriteriaSystemSummary = z
  .object({ id: z.string(), name: z.string(), version: z.number().int(), frozen: z.boolean() })
  .openapi("CriteriaSystemSummary");

export const CriteriaSystemList = z.object({ items: z.array(CriteriaSystemSummary) }).openapi("CriteriaSystemList");

const ItemView = z.object({
  code: z.string(),
  title: z.string(),
  maxPoints: z.number(),
  mode: ScoringMode,
  method: AssessmentMethod,
  grades: z.array(z.object({ grade: z.string(), share: z.number() })),
  guidance: z.string(),
  evidence: z.object({ minFiles: z.number().int(), maxNoteChars: z.number().int() }),
});

export const CriteriaSystemView = z
  .object({
    id: z.string(),
    name: z.string(),
    version: z.number().int(),
    frozen: z.boolean(),
    rev: z.number().int().openapi({ description: "optimistic-locking counter for edits" }),
    maxTotal: z.number(),
    categories: z.array(z.object({ code: z.string(), title: z.string(), items: z.array(ItemView) })),
    bonusItems: z.array(ItemView),
    bonusCap: z.number(),
    deductionItems: z.array(ItemView),
    deductionCap: z.number(),
    vetoRules: z.array(
      z.object({
        id: z.string(),
        text: z.string(),
        lookbackMonths: z.number().int(),
        threshold: z.number().int().nullable(),
      }),
    ),
    methodShares: z
      .array(z.object({ method: AssessmentMethod, points: z.number(), share: z.number() }))
      .openapi({ description: "each method's share of the base points" }),
  })
  .openapi("CriteriaSystem");

export const SaveCriteriaBody = z
  .strictObject({ rev: z.number().int().min(1), content: CriteriaContent })
  .openapi("SaveCriteriaBody");

export const CopyCriteriaBody = z
  .strictObject({ name: nameText(100, 2), version: z.number().int().min(1).max(1000) })
  .openapi("CopyCriteriaBody");

export const CriteriaParams = z.object({ tenant: z.string().min(1).max(64), id: IdParam });

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const MAX_XLSX_BYTES = 2 * 1024 * 1024;
