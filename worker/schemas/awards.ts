import { z } from "@hono/zod-openapi";
import { AWARD_STATUSES, HELD_STATUSES } from "../domain/eligibility.ts";
import { beijingToday } from "../domain/record-rules.ts";
import { AWARD_EVENT_KINDS, TITLE_LEVELS } from "../domain/vocabulary.ts";
import { IdParam, nameText, TenantParams } from "./common.ts";

export const TitleLevel = z.enum(TITLE_LEVELS);
export const AwardStatus = z.enum(AWARD_STATUSES).openapi({
  description: "active 有效, warned 黄牌警告, revoked 撤销, lapsed 自动终止",
});

/** A title's state today: its status, or `expired` once a held title is past its valid-until date (computed). */
export const TitleState = z.enum([...AWARD_STATUSES, "expired"]).openapi({
  description: "active 有效, warned 黄牌警告, revoked 撤销, lapsed 自动终止, expired 已过有效期 (computed on read)",
});

/** One entry of a title's history (动态管理), as the office and the unit's staff see it. */
export const AwardEventView = z
  .object({
    kind: z.enum(AWARD_EVENT_KINDS).openapi({
      description:
        "named 命名, recorded 补录, kept 保留, warned 黄牌警告, restored 恢复, revoked 撤销, lapsed 自动终止",
    }),
    effectiveOn: z.string().openapi({ description: "YYYY-MM-DD, Beijing" }),
    reason: z.string().nullable().openapi({ description: "the office's record (not public)" }),
    publicReason: z.string().nullable(),
    deadline: z.string().nullable().openapi({ description: "a warning's deadline to fix" }),
    round: z.object({ id: z.string(), title: z.string() }).nullable(),
  })
  .openapi("AwardEvent");

const Year = z.number().int().min(1980).max(2100);

/** A day that has come: a title already conferred cannot be dated after today (Beijing). */
const PastDay = z.iso
  .date()
  .refine((day) => day >= "1980-01-01", "日期不能早于 1980 年 / the date cannot be before 1980")
  .refine((day) => day <= beijingToday(new Date()), "日期不能晚于今天 / the date cannot be in the future");

/**
 * A title the unit already holds, recorded by hand (from before the system). Titles that rounds confer
 * will be written by the naming step, with their round; this body has no round and no id of anything.
 */
export const RecordAwardBody = z
  .strictObject({
    level: TitleLevel,
    termStartYear: Year,
    termEndYear: Year.optional().openapi({ description: "defaults to the office's title term (届) from the start" }),
    namedOn: PastDay.openapi({ example: "2023-12-28", description: "the day it was conferred (命名)" }),
    validUntil: z.iso.date().optional().openapi({ description: "defaults to 31 December of the term's last year" }),
    status: z
      .enum(HELD_STATUSES)
      .default("active")
      .openapi({ description: "a title under a yellow card (黄牌警告) is still held" }),
    documentRef: nameText(100).optional().openapi({ example: "德市文明委〔2023〕12号" }),
  })
  .refine((b) => b.termEndYear === undefined || b.termEndYear >= b.termStartYear, {
    path: ["termEndYear"],
    message: "届期结束年份不能早于开始年份 / the term cannot end before it starts",
  })
  .refine((b) => b.termEndYear === undefined || b.termEndYear - b.termStartYear < 6, {
    path: ["termEndYear"],
    message: "一届不超过 6 年 / a term lasts at most 6 years",
  })
  .refine((b) => Number(b.namedOn.slice(0, 4)) >= b.termStartYear - 1, {
    path: ["namedOn"],
    message: "命名日期早于届期开始 / the naming precedes the term",
  })
  .refine((b) => b.validUntil === undefined || b.validUntil >= b.namedOn, {
    path: ["validUntil"],
    message: "有效期不能早于命名日期 / valid-until cannot precede the naming",
  })
  .openapi("RecordAwardBody");

export const AwardView = z
  .object({
    id: z.string(),
    level: TitleLevel,
    termStartYear: z.number().int(),
    termEndYear: z.number().int(),
    namedOn: z.string(),
    validUntil: z.string(),
    status: AwardStatus,
    documentRef: z.string().nullable(),
    round: z.object({ id: z.string(), title: z.string() }).nullable(),
    held: z.boolean().openapi({ description: "the title is held today (active or warned, within its term)" }),
    warningDeadline: z.string().nullable().openapi({ description: "while warned: the day to have fixed things by" }),
    publicReason: z.string().nullable().openapi({ description: "why it was warned, revoked or lapsed (public)" }),
    version: z.number().int().openapi({ description: "for outcomes (POST …/awards/{awardId}/outcome)" }),
    state: TitleState,
    expired: z.boolean().openapi({ description: "active or warned, but past its valid-until date (Beijing today)" }),
    history: z.array(AwardEventView).openapi({ description: "the title's history, oldest first" }),
  })
  .openapi("Award");

export const AwardList = z.object({ items: z.array(AwardView) }).openapi("AwardList");

export const UnitAwardParams = TenantParams.extend({ id: IdParam });

export const IneligibleReasonCode = z.enum([
  "title_missing",
  "title_expired",
  "title_not_yet_valid",
  "title_revoked",
  "title_lapsed",
  "too_few_consecutive_terms",
]);

/** A unit's standing against a round's title gate, so the SPA can say why it cannot apply before it tries. */
export const EligibilityView = z
  .object({
    eligible: z.boolean(),
    date: z.string().openapi({ description: "the day titles are judged on: applications open, else today" }),
    requiresTitle: TitleLevel.nullable(),
    orConsecutiveTerms: z.number().int().nullable(),
    basis: z.enum(["no_requirement", "current_title", "consecutive_terms"]).nullable(),
    warned: z.boolean().openapi({ description: "the qualifying title is under a yellow card" }),
    reasons: z.array(
      z.object({
        code: IneligibleReasonCode,
        level: TitleLevel,
        awardId: z.string().optional(),
        validUntil: z.string().optional(),
        namedOn: z.string().optional(),
        required: z.number().int().optional(),
        held: z.number().int().optional(),
      }),
    ),
    requirement: z
      .object({ zh: z.string(), en: z.string() })
      .nullable()
      .openapi({ description: "what the round asks for, in both languages" }),
  })
  .openapi("Eligibility");

export const EligibilityQuery = z.strictObject({
  unitId: IdParam.optional().openapi({ description: "reviewers and admins: a unit in their scope" }),
});

export type RecordAwardInput = z.infer<typeof RecordAwardBody>;
export type EligibilityShape = z.infer<typeof EligibilityView>;
