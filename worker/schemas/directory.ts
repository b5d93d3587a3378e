import { z } from "@hono/zod-openapi";
import { CodedRef, IdParam, JurisdictionLevel } from "./common.ts";

export const TenantList = z
  .object({
    items: z.array(
      z.object({
        slug: z.string(),
        name: z.string(),
        current: z.number().int().openapi({ description: "titles held today" }),
        openNotices: z.number().int().openapi({ description: "notices taking objections today" }),
      }),
    ),
  })
  .openapi("TenantList");

export const JurisdictionQuery = z.strictObject({
  parent: IdParam.optional().openapi({ description: "parent node id; roots when absent" }),
});

export const JurisdictionList = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        code: z.string(),
        name: z.string(),
        level: JurisdictionLevel,
        parentId: z.string().nullable(),
      }),
    ),
  })
  .openapi("JurisdictionList");

/** What a list's filter bar offers the caller: cities under their scope, the tenant's sectors and kinds. */
export const UnitFilterOptions = z
  .object({ cities: z.array(CodedRef), sectors: z.array(CodedRef), kinds: z.array(CodedRef) })
  .openapi("UnitFilterOptions");

export type UnitFilterOptionsShape = z.infer<typeof UnitFilterOptions>;
