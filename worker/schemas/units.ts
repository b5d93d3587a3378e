import { z } from "@hono/zod-openapi";
import { CodedRef, IdParam, JurisdictionLevel, pagingQuery, Ref } from "./common.ts";

export const UnitStatus = z.enum(["pending", "active", "suspended", "rejected"]);

export const UnitListQuery = z
  .strictObject({
    city: IdParam.optional().openapi({ description: "a city's jurisdiction id" }),
    sector: IdParam.optional(),
    kind: IdParam.optional(),
    status: UnitStatus.optional(),
    q: z.string().trim().max(100).optional().openapi({ description: "part of the unit's name" }),
    ...pagingQuery,
  })
  .openapi("UnitListQuery");

export const UnitSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    status: UnitStatus,
    jurisdiction: CodedRef.extend({ level: JurisdictionLevel }),
    city: CodedRef.nullable(),
    sector: Ref.nullable(),
    kind: Ref.nullable(),
  })
  .openapi("UnitSummary");

export const UnitPage = z
  .object({
    items: z.array(UnitSummary),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi("UnitPage");

export const UnitDetail = UnitSummary.extend({
  creditCode: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  createdAt: z.string(),
}).openapi("UnitDetail");

export type UnitSummaryShape = z.infer<typeof UnitSummary>;
export type UnitDetailShape = z.infer<typeof UnitDetail>;
export type UnitListQueryShape = z.input<typeof UnitListQuery>;
