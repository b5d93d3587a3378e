import { z } from "@hono/zod-openapi";
import { TENANT_STATUSES } from "../domain/vocabulary.ts";
import { freeText, nameText } from "./common.ts";

export const TenantSlug = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,30}[a-z0-9]$/, "3–32 lower-case letters, digits or hyphens, starting with a letter")
  .openapi({ example: "zhejiang" });

export const CreateTenantBody = z
  .strictObject({
    slug: TenantSlug,
    name: nameText(60, 2).openapi({ example: "浙江省文明办" }),
    rootCode: z
      .string()
      .regex(/^\d{6}$/, "a 6-digit division code (GB/T 2260)")
      .openapi({ example: "330000" }),
    adminEmail: z
      .email()
      .max(254)
      .optional()
      .openapi({ description: "first admin's email; asked at activation if absent" }),
    adminName: nameText(60).optional(),
  })
  .openapi("CreateTenantBody");

export const CreatedTenant = z
  .object({ slug: z.string(), activationLink: z.string().openapi({ description: "shown once; works once" }) })
  .openapi("CreatedTenant");

export const AdminTenantList = z
  .object({
    items: z.array(
      z.object({
        slug: z.string(),
        name: z.string(),
        status: z.enum(TENANT_STATUSES),
        createdAt: z.string(),
        units: z.number().int(),
        members: z.number().int(),
      }),
    ),
  })
  .openapi("AdminTenantList");

export const TenantStatusBody = z
  .strictObject({ reason: freeText(500, { min: 2, trim: true }).optional() })
  .openapi("TenantStatusBody");

export const DivisionQuery = z.strictObject({
  parent: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});

export const DivisionList = z
  .object({ items: z.array(z.object({ code: z.string(), name: z.string() })) })
  .openapi("DivisionList");

export const PublicTenant = z
  .object({
    slug: z.string(),
    name: z.string(),
    displayName: z.string(),
    status: z.enum(TENANT_STATUSES),
    logoUrl: z.string().nullable(),
  })
  .openapi("PublicTenant");
