import { z } from "@hono/zod-openapi";
import { IdParam, nameText } from "./common.ts";

const IsoDate = z.iso.date().openapi({ example: "2026-10-01" });

/** Per-office rules; stored as JSON on the tenant and validated by this schema on the way in and out. */
export const TenantSettings = z.object({
  noticeDays: z.number().int().min(1).max(30).openapi({ description: "公示 length" }),
  noticeWorkingDays: z.boolean().openapi({ description: "count only working days" }),
  holidays: z.array(IsoDate).max(200).openapi({ description: "public holidays skipped when counting working days" }),
  termYears: z.number().int().min(1).max(5).openapi({ description: "title term (届) in years" }),
});

export const SettingsView = TenantSettings.extend({
  name: z.string(),
  displayName: z.string().nullable(),
  logoUrl: z.string().nullable(),
  version: z.number().int(),
}).openapi("Settings");

export const UpdateSettingsBody = z
  .strictObject({
    ...TenantSettings.shape,
    displayName: nameText(60, 2).nullable(),
    version: z.number().int().min(1),
  })
  .openapi("UpdateSettingsBody");

export const ClassificationItem = z.object({
  id: IdParam.optional().openapi({ description: "absent for a new entry" }),
  code: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,29}$/, "代码只能由小写字母、数字和连字符组成 / lower-case letters, digits and hyphens")
    .openapi({ example: "education" }),
  name: nameText(30),
  archived: z.boolean(),
});

export const ClassificationList = z
  .object({ items: z.array(ClassificationItem.extend({ id: z.string(), inUse: z.number().int() })) })
  .openapi("ClassificationList");

export const UpdateClassificationsBody = z
  .strictObject({ items: z.array(ClassificationItem.strict()).min(1).max(60) })
  .openapi("UpdateClassificationsBody");

export const ClassificationKindParam = z.object({
  tenant: z.string().min(1).max(64),
  list: z.enum(["sectors", "unit-kinds"]),
});

/** Logo images the public pages may show: raster only (SVG can carry script). */
export const LOGO_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
export const MAX_LOGO_BYTES = 256 * 1024;
