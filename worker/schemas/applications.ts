import { z } from "@hono/zod-openapi";
import { APPLICATION_STATUSES, CHANNELS } from "../domain/vocabulary.ts";
import { freeText, IdParam, nameText, pagingQuery } from "./common.ts";

export const ApplicationStatus = z.enum(APPLICATION_STATUSES);

export const ApplyBody = z
  .strictObject({
    channel: z.enum(CHANNELS),
    channelSectorId: IdParam.optional().openapi({ description: "the 系统 channel, when channel is sector" }),
  })
  .openapi("ApplyBody");

const Url = z.url({ protocol: /^https?$/ }).max(500);

export const SaveItemBody = z
  .strictObject({
    version: z.number().int().min(1),
    selfPoints: z.number().min(0).max(100).multipleOf(0.5).nullable().optional(),
    selfGrade: nameText(4).nullable().optional(),
    note: freeText(5000),
    links: z.array(Url).max(10).default([]),
    measureKeys: z.array(z.string().min(1).max(64)).max(20).default([]),
    recordIds: z.array(IdParam).max(50).default([]),
  })
  .openapi("SaveApplicationItemBody");

/** The most items one batch save may carry: more than any criteria system holds (the demo's has 64). */
export const MAX_ITEMS_PER_SAVE = 200;

export const SaveItemsBody = z
  .strictObject({
    version: z.number().int().min(1),
    items: z
      .array(SaveItemBody.omit({ version: true }).extend({ code: z.string().min(1).max(20) }))
      .min(1)
      .max(MAX_ITEMS_PER_SAVE),
  })
  .openapi("SaveApplicationItemsBody");

export const VersionBody = z.strictObject({ version: z.number().int().min(1) }).openapi("VersionBody");

export const ReturnBody = z
  .strictObject({ version: z.number().int().min(1), reason: freeText(500, { min: 2, trim: true }) })
  .openapi("ReturnApplicationBody");

const EvidenceFile = z.object({ id: z.string(), name: z.string(), contentType: z.string(), size: z.number().int() });

export const ApplicationItemView = z.object({
  itemCode: z.string(),
  selfPoints: z.number().nullable(),
  selfGrade: z.string().nullable(),
  note: z.string(),
  links: z.array(z.string()),
  measureKeys: z.array(z.string()),
  recordIds: z.array(z.string()),
  files: z.array(EvidenceFile),
  gaps: z.array(z.string()).openapi({ description: "what this item still lacks before submission" }),
});

export const ApplicationView = z
  .object({
    id: z.string(),
    roundId: z.string(),
    unit: z.object({ id: z.string(), name: z.string() }),
    channel: z.enum(CHANNELS),
    channelSectorId: z.string().nullable(),
    status: ApplicationStatus,
    returnReason: z.string().nullable(),
    submittedAt: z.string().nullable(),
    version: z.number().int(),
    selfTotal: z.number(),
    completeness: z.object({ complete: z.number().int(), required: z.number().int() }),
    items: z.array(ApplicationItemView),
  })
  .openapi("Application");

export const ApplicationListQuery = z.strictObject({
  city: IdParam.optional(),
  sector: IdParam.optional(),
  kind: IdParam.optional(),
  status: ApplicationStatus.optional(),
  ...pagingQuery,
});

export const ApplicationPage = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        unit: z.object({ id: z.string(), name: z.string() }),
        city: z.object({ id: z.string(), name: z.string() }).nullable(),
        sector: z.object({ id: z.string(), name: z.string() }).nullable(),
        kind: z.object({ id: z.string(), name: z.string() }).nullable(),
        channel: z.enum(CHANNELS),
        status: ApplicationStatus,
        submittedAt: z.string().nullable(),
        completeness: z.object({ complete: z.number().int(), required: z.number().int() }),
      }),
    ),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi("ApplicationPage");

export const RoundIdParams = z.object({ tenant: z.string().min(1).max(64), roundId: IdParam });
export const ApplicationParams = z.object({ tenant: z.string().min(1).max(64), id: IdParam });
export const ItemParams = ApplicationParams.extend({ code: z.string().min(1).max(20) });
export const FileParams = ApplicationParams.extend({ fileId: IdParam });

export const EVIDENCE_TYPES = ["image/png", "image/jpeg", "image/webp", "application/pdf"] as const;
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES_PER_ITEM = 10;
