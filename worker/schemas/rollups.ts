import { z } from "@hono/zod-openapi";
import { MEASURE_STATUSES } from "../domain/record-rules.ts";
import { RecordKind } from "./records.ts";

export const YearQuery = z
  .strictObject({
    year: z.coerce.number().int().min(2000).max(2100).optional().openapi({ description: "defaults to this year" }),
  })
  .openapi("YearQuery");

/** No parameters: anything sent is refused rather than silently ignored. */
export const NoQuery = z.strictObject({}).openapi("NoQuery");

const Tally = { units: z.number().int(), withProgram: z.number().int() };

export const ProgramRollup = z
  .object({
    year: z.number().int(),
    totals: z.object(Tally),
    byCity: z.array(
      z
        .object({ id: z.string().nullable(), code: z.string().nullable(), name: z.string().nullable(), ...Tally })
        .openapi({ description: "id null: units directly under the province (省直)" }),
    ),
    bySector: z.array(z.object({ id: z.string().nullable(), name: z.string().nullable(), ...Tally })),
    byKind: z.array(z.object({ id: z.string().nullable(), name: z.string().nullable(), ...Tally })),
  })
  .openapi("ProgramRollup");

export const MeasureRollup = z
  .object({
    byDepartment: z.array(
      z.object({
        department: z.string(),
        total: z.number().int(),
        done: z.number().int(),
        inProgress: z.number().int(),
        notStarted: z.number().int(),
        blocked: z.number().int(),
      }),
    ),
    byStatus: z.array(z.object({ status: z.enum(MEASURE_STATUSES), count: z.number().int() })),
  })
  .openapi("MeasureRollup");

export const RecordRollup = z
  .object({
    year: z.number().int(),
    byKind: z.array(z.object({ kind: RecordKind, count: z.number().int(), people: z.number(), hours: z.number() })),
    byMonth: z.array(z.object({ month: z.string(), kind: RecordKind, count: z.number().int() })),
  })
  .openapi("RecordRollup");
