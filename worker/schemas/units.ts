import { z } from "@hono/zod-openapi";
import { UNIT_STATUSES } from "../domain/vocabulary.ts";
import { bulkReport } from "./bulk.ts";
import { CodedRef, cleanText, IdParam, JurisdictionLevel, lineText, pagingQuery, Ref } from "./common.ts";

export const UnitStatus = z.enum(UNIT_STATUSES);

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
  reviewNote: z.string().nullable().openapi({ description: "why the unit was rejected, for its staff" }),
  version: z.number().int(),
  createdAt: z.string(),
}).openapi("UnitDetail");

export const ReviewUnitBody = z.strictObject({ version: z.number().int().min(1) }).openapi("ApproveUnitBody");

export const RejectUnitBody = z
  .strictObject({
    version: z.number().int().min(1),
    reason: cleanText(z.string().trim().min(2, "请说明理由 / give a reason").max(500), "free"),
  })
  .openapi("RejectUnitBody");

export const BulkUnitRow = z.strictObject({
  name: lineText(300),
  creditCode: z.string().max(40),
  jurisdictionCode: z.string().max(20),
  sector: z.string().max(60),
  kind: z.string().max(60),
  contactName: lineText(60).optional(),
  contactPhone: z.string().max(40).optional(),
});

export const BulkUnitsBody = z
  .strictObject({ rows: z.array(BulkUnitRow).min(1).max(1000), dryRun: z.boolean().optional() })
  .openapi("BulkUnitsBody");

export const BulkUnitsReport = bulkReport("BulkUnitsReport", { name: z.string() });

export type UnitSummaryShape = z.infer<typeof UnitSummary>;
export type UnitDetailShape = z.infer<typeof UnitDetail>;
export type UnitListQueryShape = z.input<typeof UnitListQuery>;
