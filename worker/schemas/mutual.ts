/**
 * 互评: units of a sector (or city) scoring each other on a round's mutual items; the peers' (trimmed) mean per
 * item enters the ranking as extra points.
 */
import { z } from "@hono/zod-openapi";
import { MUTUAL_GROUPS } from "../domain/vocabulary.ts";
import { IdParam } from "./common.ts";

const Day = z.iso.date();

export const MutualGroup = z.enum(MUTUAL_GROUPS);

/** The round owner's settings; `version` 0 creates them. */
export const SaveMutualBody = z
  .strictObject({
    version: z.number().int().min(0),
    itemCodes: z.array(z.string().min(1).max(20)).min(1).max(20),
    peers: z.number().int().min(1).max(10),
    groupBy: MutualGroup,
    opensOn: Day,
    closesOn: Day,
  })
  .openapi("SaveMutualBody");

export const MutualSettingsView = z
  .object({
    roundId: z.string(),
    configured: z.boolean(),
    version: z.number().int(),
    editable: z.boolean(),
    itemCodes: z.array(z.string()),
    peers: z.number().int(),
    groupBy: MutualGroup,
    opensOn: z.string().nullable(),
    closesOn: z.string().nullable(),
    open: z.boolean(),
    closed: z.boolean().openapi({ description: "the window has ended: who scored whom is visible" }),
    assignedAt: z.string().nullable(),
    assignments: z.number().int(),
    items: z.array(z.object({ code: z.string(), title: z.string(), maxPoints: z.number() })),
    baseItems: z
      .array(z.object({ code: z.string(), title: z.string(), maxPoints: z.number(), survey: z.boolean() }))
      .openapi({
        description: "the system's base items to choose from; `survey`: a questionnaire question maps to it",
      }),
  })
  .openapi("MutualSettings");

export const AssignMutualBody = z.strictObject({ version: z.number().int().min(1) }).openapi("AssignMutualBody");

/** Per ratee in the caller's scope: the peers' mean per item; `raters` only once the window has closed. */
export const MutualProgress = z
  .object({
    closed: z.boolean(),
    rows: z.array(
      z.object({
        applicationId: z.string(),
        unitName: z.string(),
        city: z.string().nullable(),
        sector: z.string().nullable(),
        assigned: z.number().int(),
        scored: z.number().int(),
        points: z.number(),
        items: z.array(
          z.object({
            itemCode: z.string(),
            answers: z.number().int(),
            rate: z.number().nullable(),
            points: z.number(),
          }),
        ),
        raters: z
          .array(z.object({ applicationId: z.string(), unitName: z.string(), submitted: z.boolean() }))
          .nullable()
          .openapi({ description: "who scored this unit; null while the window is open" }),
      }),
    ),
  })
  .openapi("MutualProgress");

/** The rater's own form: the peers assigned to it and what it gave them. */
export const MutualForm = z
  .object({
    applicationId: z.string(),
    configured: z.boolean().openapi({ description: "the round has mutual assessment" }),
    open: z.boolean(),
    editable: z.boolean(),
    closesOn: z.string().nullable(),
    items: z.array(z.object({ code: z.string(), title: z.string(), maxPoints: z.number(), guidance: z.string() })),
    peers: z.array(
      z.object({
        applicationId: z.string(),
        unitName: z.string(),
        submitted: z.boolean(),
        scores: z.array(z.object({ itemCode: z.string(), points: z.number().nullable() })),
      }),
    ),
  })
  .openapi("MutualForm");

export const SaveMutualScoresBody = z
  .strictObject({
    scores: z
      .array(
        z.strictObject({
          rateeApplicationId: IdParam,
          itemCode: z.string().min(1).max(20),
          points: z.number().min(0).max(100),
        }),
      )
      .max(200),
    submit: z.boolean(),
  })
  .openapi("SaveMutualScoresBody");
