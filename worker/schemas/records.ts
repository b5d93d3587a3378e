import { z } from "@hono/zod-openapi";
import {
  ATTACHMENT_TYPES,
  MEASURE_STATUSES,
  QUANTITY_UNITS,
  RECORD_KINDS,
  recordDateProblem,
} from "../domain/record-rules.ts";
import { freeText, IdParam, nameText, pagingQuery } from "./common.ts";

export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_RECORD = 10;

export const RecordKind = z.enum(RECORD_KINDS).openapi({
  description: "study 学习, volunteer 志愿服务, activity 主题活动, rule 制度建设, honour 荣誉, other 其他",
});
export const QuantityUnit = z.enum(QUANTITY_UNITS);

/** "Today" is read per request, so the rule follows the calendar without a redeploy. */
const RecordDate = z.iso
  .date()
  .superRefine((date, ctx) => {
    const problem = recordDateProblem(date, new Date());
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .openapi({ example: "2026-03-05", description: "Beijing date, 2000-01-01 … today" });

const MeasureKey = z.string().trim().min(1).max(64);

/** The editable fields; every optional one may be null to clear it. */
const recordFields = {
  date: RecordDate,
  kind: RecordKind,
  title: nameText(200),
  people: z.number().int().min(0).max(100_000).nullable().optional(),
  quantity: z.number().min(0).max(1_000_000).nullable().optional(),
  quantityUnit: QuantityUnit.nullable().optional(),
  programId: IdParam.nullable().optional(),
  measureKey: MeasureKey.nullable().optional(),
  note: freeText(2000, { trim: true }).nullable().optional(),
};

export const CreateRecordBody = z.strictObject(recordFields).openapi("CreateRecordBody");

export const UpdateRecordBody = z
  .strictObject({
    version: z.number().int().min(1),
    date: recordFields.date.optional(),
    kind: recordFields.kind.optional(),
    title: recordFields.title.optional(),
    people: recordFields.people,
    quantity: recordFields.quantity,
    quantityUnit: recordFields.quantityUnit,
    programId: recordFields.programId,
    measureKey: recordFields.measureKey,
    note: recordFields.note,
  })
  .openapi("UpdateRecordBody");

export const DeleteRecordBody = z.strictObject({ version: z.number().int().min(1) }).openapi("DeleteRecordBody");

export const RecordListQuery = z
  .strictObject({
    kind: RecordKind.optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    measureKey: MeasureKey.optional(),
    ...pagingQuery,
  })
  .openapi("RecordListQuery");

export const Attachment = z
  .object({
    id: z.string(),
    name: z.string(),
    contentType: z.enum(ATTACHMENT_TYPES),
    size: z.number().int(),
  })
  .openapi("Attachment");

export const RecordView = z
  .object({
    id: z.string(),
    date: z.string(),
    kind: RecordKind,
    title: z.string(),
    people: z.number().int().nullable(),
    quantity: z.number().nullable(),
    quantityUnit: QuantityUnit.nullable(),
    programId: z.string().nullable(),
    measureKey: z.string().nullable(),
    note: z.string().nullable(),
    createdAt: z.string(),
    version: z.number().int(),
    attachments: z.array(Attachment),
  })
  .openapi("Record");

export const RecordPage = z
  .object({ items: z.array(RecordView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
  .openapi("RecordPage");

const noControlCharacters = (name: string) => [...name].every((ch) => (ch.codePointAt(0) ?? 0) >= 0x20);

export const AttachmentQuery = z
  .strictObject({
    name: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .refine((n) => noControlCharacters(n) && !/[/\\]/.test(n), "文件名含非法字符 / the file name has bad characters")
      .openapi({ example: "学习记录.pdf" }),
  })
  .openapi("AttachmentQuery");

export const UnitParams = z.object({ tenant: z.string().min(1).max(64), unitId: IdParam });
export const RecordParams = z.object({ tenant: z.string().min(1).max(64), id: IdParam });

export const UnitProgress = z
  .object({
    program: z.object({ id: z.string(), title: z.string(), publishedVersion: z.number().int() }).nullable(),
    measuresByStatus: z.array(z.object({ status: z.enum(MEASURE_STATUSES), count: z.number().int() })),
    measures: z.array(
      z.object({
        key: z.string(),
        title: z.string(),
        departments: z.array(z.string()),
        progress: z.number().int(),
        status: z.enum(MEASURE_STATUSES),
        records: z.number().int().openapi({ description: "records linked to this measure" }),
      }),
    ),
    recordsByMonth: z.array(z.object({ month: z.string(), kind: RecordKind, count: z.number().int() })).openapi({
      description: "the last 12 months, months without records left out",
    }),
  })
  .openapi("UnitProgress");
