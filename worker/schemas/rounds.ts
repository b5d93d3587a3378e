import { z } from "@hono/zod-openapi";
import { AGGREGATION_MODES, PHASES, ROUND_KINDS, TIE_BREAKS, TITLE_LEVELS } from "../domain/vocabulary.ts";
import { freeText, IdParam, nameText } from "./common.ts";

export const RoundLevel = z.enum(TITLE_LEVELS);
export const RoundKind = z.enum(ROUND_KINDS);
export const Phase = z.enum(PHASES);

const Day = z.iso.date();

/** Round settings that only the round's own rules read: dates, eligibility, quotas, notice, tie-breaks. */
export const RoundSettings = z.strictObject({
  dates: z
    .strictObject({
      applicationsOpen: Day.nullable().default(null),
      applicationsClose: Day.nullable().default(null),
      cityReviewClose: Day.nullable().default(null),
      provinceReviewClose: Day.nullable().default(null),
      noticeStart: Day.nullable().default(null),
      noticeEnd: Day.nullable().default(null),
      naming: Day.nullable().default(null),
    })
    .default({
      applicationsOpen: null,
      applicationsClose: null,
      cityReviewClose: null,
      provinceReviewClose: null,
      noticeStart: null,
      noticeEnd: null,
      naming: null,
    }),
  eligibility: z
    .strictObject({
      requiresTitle: RoundLevel.nullable()
        .default(null)
        .openapi({ description: "e.g. a 省级 round requires an active 市级 title" }),
      orConsecutiveTerms: z.number().int().min(1).max(5).nullable().default(null),
      minScoreForOnsite: z.number().min(0).max(1000).nullable().default(null),
      minScoreToName: z.number().min(0).max(1000).nullable().default(null),
    })
    .default({ requiresTitle: null, orConsecutiveTerms: null, minScoreForOnsite: null, minScoreToName: null }),
  quotas: z
    .strictObject({
      perCity: z
        .array(z.strictObject({ cityId: IdParam, quota: z.number().int().min(0).max(10_000) }))
        .max(200)
        .default([]),
      perSector: z
        .array(z.strictObject({ sectorId: IdParam, quota: z.number().int().min(0).max(10_000) }))
        .max(100)
        .default([]),
    })
    .default({ perCity: [], perSector: [] }),
  /** Sectors whose 系统 channel units may apply through instead of their city. */
  sectorChannels: z.array(IdParam).max(60).default([]),
  /** 汇报材料: how long the unit's report may be (characters as Chinese users count them) and whether it is required. */
  report: z
    .strictObject({
      maxChars: z.number().int().min(500).max(20_000).default(3000),
      required: z.boolean().default(false),
    })
    .default({ maxChars: 3000, required: false }),
  noticeDays: z.number().int().min(1).max(30).default(7),
  noticeWorkingDays: z.boolean().default(false),
  tieBreak: z
    .array(z.enum(TIE_BREAKS))
    .max(TIE_BREAKS.length)
    .default(["onsite", "first_category", "fewer_deductions"]),
  review: z
    .strictObject({
      /** Reviewers per application at each stage (评审组人数). */
      panelSize: z.number().int().min(1).max(9).default(3),
      aggregation: z.enum(AGGREGATION_MODES).default("trimmed"),
      /** 回避: reviewers avoid units under the same parent body (主管部门) as their own unit. */
      avoidSameParentBody: z.boolean().default(true),
      /** 回避: at the provincial stage, reviewers avoid units of their own city. */
      avoidOwnCityAtProvince: z.boolean().default(true),
      /** A reviewer's total further than this from their panel's mean is flagged. */
      outlierThreshold: z.number().min(0).max(1000).default(10),
      /** 部门意见: departments that must sign off each application before it can be named. */
      signoffDepartments: z.array(nameText(30)).max(12).default([]),
    })
    .default({
      panelSize: 3,
      aggregation: "trimmed",
      avoidSameParentBody: true,
      avoidOwnCityAtProvince: true,
      outlierThreshold: 10,
      signoffDepartments: [],
    }),
});

export const RoundBody = z
  .strictObject({
    title: nameText(120, 2),
    level: RoundLevel,
    kind: RoundKind,
    year: z.number().int().min(2000).max(2100),
    criteriaSystemId: IdParam,
    settings: RoundSettings.default(RoundSettings.parse({})),
  })
  .openapi("RoundBody");

export const UpdateRoundBody = RoundBody.omit({ criteriaSystemId: true })
  .extend({ version: z.number().int().min(1) })
  .strict()
  .openapi("UpdateRoundBody");

export const AdvanceBody = z
  .strictObject({ version: z.number().int().min(1), reason: freeText(500, { trim: true }).optional() })
  .openapi("AdvanceBody");

export const RoundSummary = z
  .object({
    id: z.string(),
    title: z.string(),
    level: RoundLevel,
    kind: RoundKind,
    phase: Phase,
    criteriaSystemId: z.string(),
  })
  .openapi("RoundSummary");

export const RoundList = z
  .object({ items: z.array(RoundSummary.extend({ year: z.number().int(), version: z.number().int() })) })
  .openapi("RoundList");

export const RoundView = RoundSummary.extend({
  year: z.number().int(),
  version: z.number().int(),
  settings: RoundSettings,
  sources: z
    .object({ survey: z.boolean(), mutual: z.boolean() })
    .openapi({ description: "whether the round has a questionnaire (问卷调查) and mutual assessment (互评)" }),
  timeline: z.array(
    z.object({
      fromPhase: z.string(),
      toPhase: z.string(),
      at: z.string().openapi({ description: "UTC; shown in Beijing time" }),
      actor: z.string().nullable(),
      reason: z.string().nullable(),
    }),
  ),
}).openapi("Round");

export const RoundParams = z.object({ tenant: z.string().min(1).max(64), id: IdParam });
