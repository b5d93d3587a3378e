/** 动态管理: outcomes applied to titles, one by one or through a re-check (复查) round. */
import { z } from "@hono/zod-openapi";
import { TITLE_OUTCOMES } from "../domain/vocabulary.ts";
import { ApplicationStatus } from "./applications.ts";
import { AwardStatus, TitleLevel, TitleState } from "./awards.ts";
import { freeText, IdParam, nameText } from "./common.ts";
import { Phase } from "./rounds.ts";

export const TitleOutcome = z.enum(TITLE_OUTCOMES).openapi({
  description: "keep 保留, warn 黄牌警告, restore 恢复, revoke 撤销, lapse 自动终止",
});

const outcomeFields = {
  outcome: TitleOutcome,
  reason: freeText(1000, { min: 2, trim: true }).openapi({ description: "the office's record" }),
  publicReason: nameText(200, 2).optional().openapi({ description: "shown publicly; required to warn, revoke, lapse" }),
  deadline: z.iso.date().optional().openapi({ description: "required to warn: the day to have fixed things by" }),
};

/** An outcome body whose `version` is that of `versionOf` (the title, or the re-check application). */
function outcomeBody(versionOf: string) {
  return z
    .strictObject({ ...outcomeFields, version: z.number().int().min(1).openapi({ description: versionOf }) })
    .refine((b) => !["warn", "revoke", "lapse"].includes(b.outcome) || !!b.publicReason, {
      path: ["publicReason"],
      message: "须填写公开理由 / a public reason is required",
    })
    .refine((b) => b.outcome !== "warn" || !!b.deadline, {
      path: ["deadline"],
      message: "黄牌警告须设整改期限 / a warning needs a deadline",
    });
}

/** One title's outcome, applied at once (e.g. a department reports a veto event between rounds). */
export const AwardOutcomeBody = outcomeBody("the award's version").openapi("AwardOutcomeBody");

/** A re-check application's outcome, applied to its title when the round is named. */
export const TitleOutcomeBody = outcomeBody("the application's version").openapi("TitleOutcomeBody");

export const AwardParams = z.object({ tenant: z.string().min(1).max(64), id: IdParam, awardId: IdParam });

export const RoundRecheckParams = z.object({ tenant: z.string().min(1).max(64), id: IdParam });

/** An outcome as a re-check application records it, until naming applies it to the title. */
export const RecordedOutcomeView = z
  .object({
    outcome: TitleOutcome,
    reason: z.string().nullable(),
    publicReason: z.string().nullable(),
    deadline: z.string().nullable(),
  })
  .openapi("RecordedOutcome");

/** One enrolled unit of a re-check round: its title today, its outcome so far, its provincial result. */
export const RecheckEntry = z
  .object({
    applicationId: z.string(),
    status: ApplicationStatus,
    version: z.number().int().openapi({ description: "the application's version, for PUT …/title-outcome" }),
    unit: z.object({ id: z.string(), name: z.string(), city: z.string().nullable() }),
    award: z.object({
      id: z.string(),
      level: TitleLevel,
      termStartYear: z.number().int(),
      termEndYear: z.number().int(),
      status: AwardStatus,
      state: TitleState,
      validUntil: z.string(),
      warningDeadline: z.string().nullable(),
    }),
    outcome: RecordedOutcomeView.nullable(),
    allowed: z.array(TitleOutcome).openapi({ description: "the outcomes the title's state accepts today" }),
    provincial: z
      .object({ aggregate: z.number().nullable(), vetoed: z.boolean() })
      .nullable()
      .openapi({ description: "the provincial scoring result, once there is one" }),
  })
  .openapi("RecheckEntry");

export const RecheckView = z
  .object({
    round: z.object({ id: z.string(), title: z.string(), level: z.string(), phase: Phase, version: z.number().int() }),
    items: z.array(RecheckEntry),
    missing: z
      .number()
      .int()
      .openapi({ description: "enrolled applications without an outcome (block leaving notice)" }),
  })
  .openapi("RecheckView");
