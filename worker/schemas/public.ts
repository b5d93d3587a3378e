/**
 * The public API (no login): awarded units, open notices, objections and their lookup. An office may embed
 * these in its own website. Nothing here carries a score, a reviewer, an e-mail or an internal note.
 */
import { z } from "@hono/zod-openapi";
import { AWARD_EVENT_KINDS, OBJECTION_STATUSES, TITLE_LEVELS } from "../domain/vocabulary.ts";
import { freeText, IdParam, nameText, pagingQuery } from "./common.ts";

export const PublicTenantParams = z.object({ tenant: z.string().min(1).max(64).openapi({ example: "sichuan" }) });

/** A title's standing as the public sees it: `expired` is computed on read from its valid-until date. */
export const PUBLIC_TITLE_STATUSES = ["active", "warned", "revoked", "lapsed", "expired"] as const;
export const PublicTitleStatus = z.enum(PUBLIC_TITLE_STATUSES).openapi({
  description: "active 有效, warned 黄牌警告, revoked 撤销, lapsed 自动终止, expired 期满 (past valid-until)",
});

/** A term (届) as `2024-2026`, or its first year. */
export const TermText = z
  .string()
  .regex(/^\d{4}(-\d{4})?$/, "届期格式为 2024 或 2024-2026 / a term is 2024 or 2024-2026")
  .openapi({ example: "2024-2026" });

export const PublicAwardsQuery = z.strictObject({
  level: z.enum(TITLE_LEVELS).optional(),
  city: IdParam.optional().openapi({ description: "a city's id, from the office summary" }),
  sector: IdParam.optional().openapi({ description: "a sector's id, from the office summary" }),
  term: TermText.optional(),
  q: nameText(40).optional().openapi({ description: "part of the unit's name, or its pinyin initials (dykx)" }),
  status: z.enum(["current", "all"]).default("current").openapi({ description: "current titles only unless all" }),
  ...pagingQuery,
});

export const PublicAward = z.object({
  unitId: z.string().openapi({ description: "for the unit's public page" }),
  unitName: z.string(),
  level: z.enum(TITLE_LEVELS),
  term: z.string().openapi({ example: "2024-2026" }),
  city: z.string().nullable(),
  sector: z.string().nullable(),
  namedAt: z.string().openapi({ description: "YYYY-MM-DD, the naming day" }),
  validUntil: z.string().openapi({ description: "YYYY-MM-DD" }),
  status: PublicTitleStatus,
  documentRef: z.string().nullable().openapi({ description: "命名文号" }),
});

export const PublicAwardList = z
  .object({ items: z.array(PublicAward), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
  .openapi("PublicAwardList");

const Count = z.object({ count: z.number().int() });

/** An office's public page: headline numbers, current titles by level, city and sector, and the filter options. */
export const PublicOfficeSummary = z
  .object({
    slug: z.string(),
    name: z.string(),
    current: z.number().int().openapi({ description: "titles held today" }),
    warned: z.number().int(),
    openNotices: z.number().int(),
    byLevel: z.array(Count.extend({ level: z.enum(TITLE_LEVELS) })),
    byCity: z.array(Count.extend({ cityId: z.string(), city: z.string() })),
    bySector: z.array(Count.extend({ sectorId: z.string(), sector: z.string() })),
    terms: z.array(z.string()).openapi({ description: "terms that have titles, latest first" }),
  })
  .openapi("PublicOfficeSummary");

export const PublicUnitParams = PublicTenantParams.extend({ unitId: IdParam });

/** A unit's public page: its titles and what happened to each (动态管理). Only units that hold or held a title. */
export const PublicUnit = z
  .object({
    unitId: z.string(),
    unitName: z.string(),
    city: z.string().nullable(),
    sector: z.string().nullable(),
    titles: z.array(
      z.object({
        level: z.enum(TITLE_LEVELS),
        term: z.string(),
        namedAt: z.string(),
        validUntil: z.string(),
        status: PublicTitleStatus,
        documentRef: z.string().nullable(),
        warningDeadline: z.string().nullable(),
        publicReason: z.string().nullable(),
      }),
    ),
    history: z.array(
      z.object({
        level: z.enum(TITLE_LEVELS),
        term: z.string(),
        kind: z.enum(AWARD_EVENT_KINDS),
        effectiveOn: z.string(),
        publicReason: z.string().nullable(),
        deadline: z.string().nullable(),
      }),
    ),
  })
  .openapi("PublicUnit");

export const PublicNoticeUnit = z.object({
  entryId: z.string().openapi({ description: "names the unit in an objection" }),
  unitName: z.string(),
  city: z.string().nullable(),
  sector: z.string().nullable(),
});

/** Open notices (公示): rounds in their notice phase, with the units still listed. */
export const PublicNoticeList = z
  .object({
    items: z.array(
      z.object({
        roundId: z.string(),
        title: z.string(),
        level: z.enum(TITLE_LEVELS),
        startsAt: z.string().openapi({ description: "UTC instant of 00:00 Beijing time on the first day" }),
        endsAt: z.string().openapi({ description: "UTC instant of 24:00 Beijing time on the last day" }),
        startsOn: z.string().openapi({ description: "YYYY-MM-DD, Beijing" }),
        endsOn: z.string().openapi({ description: "YYYY-MM-DD, Beijing" }),
        open: z.boolean().openapi({ description: "whether objections are accepted now" }),
        contact: z.string().openapi({ description: "the office's contact for objections" }),
        issuer: z.string(),
        units: z.array(PublicNoticeUnit),
      }),
    ),
  })
  .openapi("PublicNoticeList");

/** Objection text limits: specific enough to act on, short enough to read. */
export const OBJECTION_TEXT_MIN = 10;
export const OBJECTION_TEXT_MAX = 2000;

export const ObjectionBody = z
  .strictObject({
    entryId: IdParam,
    text: freeText(OBJECTION_TEXT_MAX, { min: OBJECTION_TEXT_MIN, trim: true }),
    name: nameText(40).optional().openapi({ description: "encouraged, optional" }),
    contact: nameText(100).openapi({ description: "phone or address to reach the person" }),
    onBehalfOfUnit: nameText(100).optional().openapi({ description: "the unit in whose name it is lodged" }),
    sealStatement: nameText(200)
      .optional()
      .openapi({ description: "required with onBehalfOfUnit: 加盖公章 statement" }),
    /** Honeypot: hidden from people; a value means a bot, answered 202 and dropped. */
    website: z.string().max(200).optional(),
  })
  .refine((b) => !b.onBehalfOfUnit || !!b.sealStatement, {
    path: ["sealStatement"],
    message: "以单位名义提出异议须说明加盖公章 / an objection in a unit's name needs its seal statement",
  })
  .openapi("ObjectionBody");

export const ObjectionReceipt = z
  .object({ reference: z.string().openapi({ example: "YY-7KQ2M9XD4P" }) })
  .openapi("ObjectionReceipt");

export const ObjectionReferenceParams = z.object({
  reference: z
    .string()
    .regex(/^YY-[0-9A-Z]{10}$/, "查询编号格式不正确 / not a reference number")
    .openapi({ example: "YY-7KQ2M9XD4P" }),
});

export const ObjectionStatusView = z
  .object({
    reference: z.string(),
    status: z.enum(OBJECTION_STATUSES),
    lodgedAt: z.string().openapi({ description: "UTC; shown in Beijing time" }),
    outcome: z
      .object({
        result: z.enum(["upheld", "not_upheld"]),
        decidedAt: z.string(),
        reply: z.string().nullable().openapi({ description: "the office's reply to the person" }),
      })
      .nullable(),
  })
  .openapi("ObjectionStatus");
