/** The office's side of notice (公示), objections (异议) and naming (命名表彰). */
import { z } from "@hono/zod-openapi";
import { EXCLUSION_REASONS } from "../domain/shortlist.ts";
import { NOTICE_ENTRY_STATUSES, OBJECTION_STATUSES } from "../domain/vocabulary.ts";
import { freeText, IdParam, nameText } from "./common.ts";

const Day = z.iso.date();

/** Moves a round from provincial review to notice, publishing its shortlist. */
export const PublishNoticeBody = z
  .strictObject({
    version: z.number().int().min(1).openapi({ description: "the round's version" }),
    startsOn: Day.optional().openapi({ description: "first day (Beijing); defaults to today" }),
    title: nameText(120, 2).optional().openapi({
      description: "defaults to 「<round title>」拟命名单位公示 (re-check: 「<round title>」复查拟保留称号单位公示)",
    }),
    contact: nameText(200, 5).openapi({ example: "联系电话：028-86000000；地址：成都市…" }),
  })
  .openapi("PublishNoticeBody");

export const NoticeEntryView = z.object({
  entryId: z.string(),
  applicationId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  city: z.string().nullable(),
  sector: z.string().nullable(),
  position: z.number().int(),
  status: z.enum(NOTICE_ENTRY_STATUSES),
  removedReason: z.string().nullable(),
  objections: z.object({ open: z.number().int(), total: z.number().int() }),
});

/** A round's notice as the office sees it; `notice` is null before the round reaches notice. */
export const RoundNoticeView = z
  .object({
    notice: z
      .object({
        id: z.string(),
        title: z.string(),
        startsOn: z.string(),
        endsOn: z.string(),
        startsAt: z.string(),
        endsAt: z.string(),
        contact: z.string(),
        issuer: z.string(),
        open: z.boolean(),
        ended: z.boolean(),
      })
      .nullable(),
    entries: z.array(NoticeEntryView),
    /** Before notice: who would be listed if published now (the shortlist), and who would not and why. */
    shortlist: z.array(
      z.object({
        applicationId: z.string(),
        unitName: z.string(),
        aggregate: z.number().nullable(),
        rank: z.number().int().nullable(),
        city: z.string().nullable(),
        sector: z.string().nullable(),
      }),
    ),
    excluded: z.array(
      z.object({
        applicationId: z.string(),
        unitName: z.string(),
        reason: z.enum(EXCLUSION_REASONS),
        rank: z.number().int().nullable(),
        aggregate: z.number().nullable(),
      }),
    ),
  })
  .openapi("RoundNotice");

export const ObjectionView = z
  .object({
    id: z.string(),
    reference: z.string(),
    roundId: z.string(),
    entryId: z.string(),
    applicationId: z.string(),
    unitName: z.string(),
    text: z.string(),
    name: z.string().nullable(),
    contact: z.string(),
    onBehalfOfUnit: z.string().nullable(),
    sealStatement: z.string().nullable(),
    status: z.enum(OBJECTION_STATUSES),
    assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
    notes: z.string(),
    finding: z.string().nullable(),
    reply: z.string().nullable(),
    lodgedAt: z.string(),
    decidedAt: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi("Objection");

export const ObjectionList = z.object({ items: z.array(ObjectionView) }).openapi("ObjectionList");

export const ObjectionParams = z.object({ tenant: z.string().min(1).max(64), id: IdParam });

/** Assign, start investigating, keep notes: everything but the finding. */
export const UpdateObjectionBody = z
  .strictObject({
    version: z.number().int().min(1),
    assigneeUserId: IdParam.nullable().optional(),
    investigating: z.literal(true).optional().openapi({ description: "received → investigating" }),
    notes: freeText(4000).optional().openapi({ description: "internal; never shown to the public" }),
  })
  .openapi("UpdateObjectionBody");

/** 调查结论: upheld takes the unit off the shortlist with the finding as the reason; not upheld keeps it. */
export const ObjectionFindingBody = z
  .strictObject({
    version: z.number().int().min(1),
    result: z.enum(["upheld", "not_upheld"]),
    finding: freeText(2000, { min: 5, trim: true }),
    reply: freeText(1000, { trim: true }).optional().openapi({ description: "what the person sees on lookup" }),
  })
  .openapi("ObjectionFindingBody");

/** Moves a round from notice to named: what remains on the shortlist becomes titles. */
export const NamingBody = z
  .strictObject({
    version: z.number().int().min(1),
    documentRef: nameText(100, 4).openapi({ example: "川文明委〔2026〕5号" }),
    namedOn: Day.optional().openapi({ description: "defaults to today (Beijing)" }),
    termStartsNextYear: z
      .boolean()
      .default(false)
      .openapi({ description: "the term (届) starts in the year after the naming (a naming late in the year)" }),
  })
  .openapi("NamingBody");
