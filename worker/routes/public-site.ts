import { createRoute } from "@hono/zod-openapi";
import { auditEvent, runAuditedThenRead } from "../data/audit.ts";
import type { Db } from "../data/db.ts";
import { publicAwardsPage, publicSummaryStatements, publicTitle, publicUnitStatements } from "../data/public-awards.ts";
import {
  objectionContextStatements,
  objectionInsert,
  objectionStatusLookup,
  publicNoticeList,
  publicNoticeStatements,
} from "../data/public-notices.ts";
import { counterLookup, counterOf, counterUpsert } from "../data/throttle.ts";
import { isUniqueViolation } from "../data/unique-violation.ts";
import { paging } from "../domain/paging.ts";
import { addressKey, objectionFingerprint, objectionReference } from "../domain/public-titles.ts";
import { beijingToday } from "../domain/record-rules.ts";
import { afterFailure, lockedForSeconds, type ThrottleKind, throttleKey } from "../domain/throttle.ts";
import { ApiError } from "../errors.ts";
import { publicCache } from "../middleware/public-cache.ts";
import { createRouter } from "../router.ts";
import { errorResponses, jsonBody, jsonResponse } from "../schemas/common.ts";
import {
  ObjectionBody,
  ObjectionReceipt,
  ObjectionReferenceParams,
  ObjectionStatusView,
  PublicAwardList,
  PublicAwardsQuery,
  PublicNoticeList,
  PublicOfficeSummary,
  PublicTenantParams,
  PublicUnit,
  PublicUnitParams,
} from "../schemas/public.ts";

const CACHED =
  "Public (no login) and cached at the edge: the key carries the office's public version, so a change shows on the next read; `X-Wenming-Cache` says hit or miss. Any origin may read it. A suspended or unknown office answers 404.";

const awards = createRoute({
  method: "get",
  path: "/t/{tenant}/awards",
  tags: ["public"],
  summary:
    "Awarded units (称号) of an office: current titles unless status=all; filter and search by name or pinyin initials",
  description: CACHED,
  middleware: [publicCache(Object.keys(PublicAwardsQuery.shape))] as const,
  request: { params: PublicTenantParams, query: PublicAwardsQuery },
  responses: { 200: jsonResponse("A page of titles", PublicAwardList), ...errorResponses(400, 404) },
});

const summary = createRoute({
  method: "get",
  path: "/t/{tenant}/summary",
  tags: ["public"],
  summary: "An office's public page: titles held today by level, city and sector, open notices, terms",
  description: CACHED,
  middleware: [publicCache()] as const,
  request: { params: PublicTenantParams },
  responses: { 200: jsonResponse("Headline numbers", PublicOfficeSummary), ...errorResponses(400, 404) },
});

const unit = createRoute({
  method: "get",
  path: "/t/{tenant}/units/{unitId}",
  tags: ["public"],
  summary: "A unit's public page: its titles and their history (动态管理); only units that hold or held a title",
  description: CACHED,
  middleware: [publicCache()] as const,
  request: { params: PublicUnitParams },
  responses: { 200: jsonResponse("The unit's titles", PublicUnit), ...errorResponses(400, 404) },
});

const notices = createRoute({
  method: "get",
  path: "/t/{tenant}/notices",
  tags: ["public"],
  summary:
    "Notices (公示) of rounds in their notice phase, with the units still listed and whether objections are open",
  description: CACHED,
  middleware: [publicCache()] as const,
  request: { params: PublicTenantParams },
  responses: { 200: jsonResponse("Notices", PublicNoticeList), ...errorResponses(400, 404) },
});

const lodge = createRoute({
  method: "post",
  path: "/t/{tenant}/objections",
  tags: ["public"],
  summary: "Lodge an objection (异议) about a listed unit while its notice is open; answers a reference to look it up",
  description:
    "Public (no login), same-origin JSON only (use the office's hosted form to embed it). Limited per client address (429 with Retry-After). The same text about the same unit twice answers the first reference.",
  request: { params: PublicTenantParams, body: jsonBody(ObjectionBody) },
  responses: {
    202: jsonResponse("Received", ObjectionReceipt),
    ...errorResponses(400, 403, 404, 409, 413, 415, 429),
  },
});

const lookup = createRoute({
  method: "get",
  path: "/objections/{reference}",
  tags: ["public"],
  summary: "An objection's status by its reference, and the office's reply once decided (never internal notes)",
  description: "Public (no login), not cached. Unknown references are limited per client address (429).",
  request: { params: ObjectionReferenceParams },
  responses: { 200: jsonResponse("Status", ObjectionStatusView), ...errorResponses(400, 404, 429) },
});

/** The caller's address as a throttle key: hashed, the counters table keeps no IP. */
async function clientKey(kind: ThrottleKind, address: string | undefined) {
  return throttleKey(kind, await addressKey(address ?? "unknown"));
}

/** Counts one more attempt against the caller's address, as a statement for the request's last batch. */
function countAttempt(db: Db, kind: ThrottleKind, key: string, counter: ReturnType<typeof counterOf>, now: Date) {
  return counterUpsert(db, key, afterFailure(kind, counter, now));
}

function refuseIfLimited(kind: ThrottleKind, counter: ReturnType<typeof counterOf>, now: Date) {
  const wait = lockedForSeconds(kind, counter, now);
  if (wait > 0) throw new ApiError("rate_limited", { headers: { "Retry-After": String(wait) } });
}

export const publicSiteRoutes = createRouter()
  .openapi(awards, async (c) => {
    const { db, publicTenant } = c.var;
    const query = c.req.valid("query");
    const today = beijingToday(new Date());
    const page = paging(query.page, query.pageSize);
    const { statement, total } = publicAwardsPage(db, publicTenant.id, query, today, page);
    const [rows] = await db.batch([statement]);
    const items = rows.map((row) => ({
      unitId: row.unitId,
      unitName: row.unitName,
      city: row.city,
      sector: row.sector,
      ...publicTitle(row, today),
    }));
    return c.json({ items, total: await total.of(rows, page.offset), page: page.page, pageSize: page.pageSize }, 200);
  })
  .openapi(summary, async (c) => {
    const { db, publicTenant } = c.var;
    const [[counts], byLevel, byCity, bySector, terms, [open]] = await db.batch(
      publicSummaryStatements(db, publicTenant.id, beijingToday(new Date())),
    );
    return c.json(
      {
        slug: publicTenant.slug,
        name: publicTenant.displayName ?? publicTenant.name,
        current: counts?.current ?? 0,
        warned: counts?.warned ?? 0,
        openNotices: open?.n ?? 0,
        byLevel,
        byCity,
        bySector,
        terms: terms.map((t) => `${t.termStartYear}-${t.termEndYear}`),
      },
      200,
    );
  })
  .openapi(unit, async (c) => {
    const { db, publicTenant } = c.var;
    const today = beijingToday(new Date());
    const [[found], titles, history] = await db.batch(
      publicUnitStatements(db, publicTenant.id, { id: c.req.valid("param").unitId }),
    );
    // A unit that never held a title has no public page: it looks like an unknown id.
    if (!found || titles.length === 0) throw new ApiError("not_found");
    return c.json(
      {
        ...found,
        titles: titles.map((t) => ({
          ...publicTitle(t, today),
          warningDeadline: t.warningDeadline,
          publicReason: t.publicReason,
        })),
        history: history.map(({ termStartYear, termEndYear, ...event }) => ({
          ...event,
          term: `${termStartYear}-${termEndYear}`,
        })),
      },
      200,
    );
  })
  .openapi(notices, async (c) => {
    const { db, publicTenant } = c.var;
    const [noticeRows, entryRows] = await db.batch(publicNoticeStatements(db, publicTenant.id));
    return c.json({ items: publicNoticeList(noticeRows, entryRows, new Date()) }, 200);
  })
  .openapi(lodge, async (c) => {
    const { db } = c.var;
    const body = c.req.valid("json");
    // A bot filled the field people never see: it gets what a person would, and nothing is kept.
    if (body.website) return c.json({ reference: objectionReference() }, 202);
    const now = new Date();
    const key = await clientKey("objection", c.req.header("cf-connecting-ip"));
    const fingerprint = await objectionFingerprint(body.entryId, body.text);
    const [counterRows, [entry], [earlier]] = await db.batch([
      counterLookup(db, key),
      ...objectionContextStatements(db, c.req.valid("param").tenant, body.entryId, fingerprint),
    ]);
    const counter = counterOf(counterRows);
    refuseIfLimited("objection", counter, now);
    const counted = countAttempt(db, "objection", key, counter, now);
    const instant = now.toISOString();
    // Refusals and repeats count against the address too; only a new objection is stored.
    const refuse = async (error: ApiError) => {
      await db.batch([counted]);
      return error;
    };
    if (entry?.status !== "listed") throw await refuse(new ApiError("not_found"));
    if (entry.phase !== "notice" || instant < entry.startsAt || instant >= entry.endsAt) {
      throw await refuse(
        new ApiError("notice_closed", { current: { startsAt: entry.startsAt, endsAt: entry.endsAt } }),
      );
    }
    if (earlier) {
      await db.batch([counted]);
      return c.json({ reference: earlier.reference }, 202);
    }
    const reference = objectionReference();
    const { id, statement } = objectionInsert(db, {
      tenantId: entry.tenantId,
      roundId: entry.roundId,
      entryId: body.entryId,
      reference,
      fingerprint,
      text: body.text,
      name: body.name ?? null,
      contact: body.contact,
      onBehalfOfUnit: body.onBehalfOfUnit ?? null,
      sealStatement: body.sealStatement ?? null,
      lodgedAt: instant,
    });
    try {
      await runAuditedThenRead(
        db,
        [counted, statement],
        auditEvent(
          { tenantId: entry.tenantId, userId: null, role: null },
          {
            action: "objection.lodge",
            targetType: "objection",
            targetId: id,
            after: { entryId: body.entryId, reference, fingerprint, lodgedAt: instant },
          },
        ),
        {},
        [],
      );
    } catch (error) {
      // The same objection lodged twice at the same moment: the first one's reference answers both.
      if (!isUniqueViolation(error, "objections.fingerprint", "objections_fingerprint")) throw error;
      const [, [first]] = await db.batch(
        objectionContextStatements(db, c.req.valid("param").tenant, body.entryId, fingerprint),
      );
      if (!first) throw error;
      return c.json({ reference: first.reference }, 202);
    }
    return c.json({ reference }, 202);
  })
  .openapi(lookup, async (c) => {
    const { db } = c.var;
    const now = new Date();
    const key = await clientKey("objectionLookup", c.req.header("cf-connecting-ip"));
    const [counterRows, [found]] = await db.batch([
      counterLookup(db, key),
      objectionStatusLookup(db, c.req.valid("param").reference),
    ]);
    const counter = counterOf(counterRows);
    refuseIfLimited("objectionLookup", counter, now);
    if (!found) {
      await db.batch([countAttempt(db, "objectionLookup", key, counter, now)]);
      throw new ApiError("not_found");
    }
    const decided = (found.status === "upheld" || found.status === "not_upheld") && found.decidedAt;
    return c.json(
      {
        reference: found.reference,
        status: found.status,
        lodgedAt: found.lodgedAt,
        outcome: decided
          ? { result: found.status as "upheld" | "not_upheld", decidedAt: found.decidedAt ?? "", reply: found.reply }
          : null,
      },
      200,
    );
  });
