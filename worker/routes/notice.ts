import { createRoute } from "@hono/zod-openapi";
import type { BatchResponse } from "drizzle-orm/batch";
import { auditEvent, runAuditedThenRead } from "../data/audit.ts";
import type { Db } from "../data/db.ts";
import { namingConflicts, selectionNamingStatements } from "../data/naming.ts";
import {
  entryView,
  noticeEntriesOfRound,
  noticeOfRound,
  noticePublishStatements,
  roundDatesSet,
} from "../data/notices.ts";
import {
  handlerLookup,
  type ObjectionRow,
  objectionDecision,
  objectionLookup,
  objectionsOfRound,
  objectionUpdate,
  objectionView,
} from "../data/objections.ts";
import { countsFrom, phaseChangeWrites, phaseCounts, phaseMoved } from "../data/phase-checks.ts";
import { bumpPublicVersion } from "../data/public-cache.ts";
import { recheckNamingStatements } from "../data/recheck.ts";
import { calibratedIn, submittedTotals } from "../data/round-results.ts";
import { type RoundRecord, roundFound, roundLookup } from "../data/rounds.ts";
import type { Scope } from "../data/scope.ts";
import { settingsLookup, settingsOf } from "../data/settings.ts";
import { calibrationFreshness, recheckCandidateReads, shortlistCandidates, shortlistReads } from "../data/shortlist.ts";
import { isUniqueViolation } from "../data/unique-violation.ts";
import { noticeState, noticeWindow } from "../domain/notice-window.ts";
import { phaseCheck } from "../domain/phase-checks.ts";
import { beijingToday } from "../domain/record-rules.ts";
import { recheckShortlist, type Shortlist, shortlist } from "../domain/shortlist.ts";
import { titleTerm } from "../domain/title-term.ts";
import type { Phase } from "../domain/vocabulary.ts";
import { ApiError, invalidFields } from "../errors.ts";
import { requireRole } from "../middleware/tenant-scope.ts";
import { createRouter } from "../router.ts";
import { errorResponses, jsonBody, jsonResponse } from "../schemas/common.ts";
import {
  NamingBody,
  ObjectionFindingBody,
  ObjectionList,
  ObjectionParams,
  ObjectionView,
  PublishNoticeBody,
  RoundNoticeView,
  UpdateObjectionBody,
} from "../schemas/notice.ts";
import { RoundParams, RoundView } from "../schemas/rounds.ts";
import { refusedPhaseChange, viewOf, viewStatements } from "./rounds.ts";

// 公示, 异议 and 命名表彰 as the office works them. Reviewers and tenant admins read (a city reviewer only what
// lies in their city); "the provincial reviewer" — a reviewer whose scope is the tenant's root, or a tenant
// admin — publishes, handles objections and names.

const staff = [requireRole("reviewer", "tenant_admin")];

/** A scope at the tenant's root: its path has one segment (`/510000/`). */
function isProvincial(scope: Scope): boolean {
  return scope.role === "tenant_admin" || /^\/[^/]+\/$/.test(scope.jurisdictionPath ?? "");
}

/** Writes are the provincial reviewer's: anyone else who reached the object gets 403. */
function requireProvincial(scope: Scope): void {
  if (!isProvincial(scope)) throw new ApiError("forbidden");
}

/** 409 naming the round's phase unless it is the one this action belongs to. */
function requireRoundIn(phase: Phase, expected: Phase): void {
  if (phase !== expected) throw new ApiError(`round_${phase}`, { current: { phase } });
}

const readNotice = createRoute({
  method: "get",
  path: "/rounds/{id}/notice",
  tags: ["notice"],
  summary:
    "A round's notice (公示): in provincial review, the shortlist that publishing would list and who would be left off and why (provincial readers); after, its entries with their objection counts (a city reviewer sees their city's)",
  middleware: staff,
  request: { params: RoundParams },
  responses: { 200: jsonResponse("The notice", RoundNoticeView), ...errorResponses(401, 403, 404) },
});

const publishNotice = createRoute({
  method: "post",
  path: "/rounds/{id}/notice",
  tags: ["notice"],
  summary:
    "Publish the shortlist on notice: provincial review → 公示 (the provincial reviewer). The window runs the round's notice days (calendar or working days, skipping the office's holidays) from startsOn. A re-check round lists the titles its outcomes keep (keep, warn, restore). 409 round_<phase> outside provincial review, phase_blocked while forms, results or (re-check) outcomes are outstanding, calibration_stale when a calibrated round's provincial fit is missing or older than a score form, shortlist_empty when nobody qualifies",
  middleware: staff,
  request: { params: RoundParams, body: jsonBody(PublishNoticeBody) },
  responses: { 200: jsonResponse("Published", RoundNoticeView), ...errorResponses(400, 401, 403, 404, 409, 415) },
});

const nameRound = createRoute({
  method: "post",
  path: "/rounds/{id}/naming",
  tags: ["notice"],
  summary:
    "命名表彰: 公示 → named (the provincial reviewer). A selection round's listed entries become titles; a re-check round's outcomes are applied to the titles. 409 phase_blocked while an objection is open, the window runs or (re-check) an outcome is missing; award_exists when a unit already holds the title for that term",
  middleware: staff,
  request: { params: RoundParams, body: jsonBody(NamingBody) },
  responses: { 200: jsonResponse("Named", RoundView), ...errorResponses(400, 401, 403, 404, 409, 415) },
});

const listObjections = createRoute({
  method: "get",
  path: "/rounds/{id}/objections",
  tags: ["notice"],
  summary: "A round's objections (异议), latest first, in the reader's scope",
  middleware: staff,
  request: { params: RoundParams },
  responses: { 200: jsonResponse("Objections", ObjectionList), ...errorResponses(401, 403, 404) },
});

const readObjection = createRoute({
  method: "get",
  path: "/objections/{id}",
  tags: ["notice"],
  summary: "One objection with the handler's internal notes",
  middleware: staff,
  request: { params: ObjectionParams },
  responses: { 200: jsonResponse("The objection", ObjectionView), ...errorResponses(401, 403, 404) },
});

const updateObjection = createRoute({
  method: "patch",
  path: "/objections/{id}",
  tags: ["notice"],
  summary:
    "Assign an objection to a reviewer, start investigating it, keep internal notes (the provincial reviewer, while the round is on notice)",
  middleware: staff,
  request: { params: ObjectionParams, body: jsonBody(UpdateObjectionBody) },
  responses: { 200: jsonResponse("Saved", ObjectionView), ...errorResponses(400, 401, 403, 404, 409, 415) },
});

const decideObjection = createRoute({
  method: "post",
  path: "/objections/{id}/finding",
  tags: ["notice"],
  summary:
    "Record the finding (调查结论): upheld takes the unit off the notice (the application not awarded, the finding its reason; in a re-check round its outcome cleared, to be recorded anew before naming); not upheld keeps it. Once only (409 objection_decided), while the round is on notice",
  middleware: staff,
  request: { params: ObjectionParams, body: jsonBody(ObjectionFindingBody) },
  responses: { 200: jsonResponse("Decided", ObjectionView), ...errorResponses(400, 401, 403, 404, 409, 415) },
});

// ─── The notice's view ─────────────────────────────────────────────────────────────────────────────────────

function rulesOf(settings: RoundRecord["settings"]) {
  return {
    minScoreToName: settings.eligibility.minScoreToName,
    quotas: settings.quotas,
    signoffDepartments: settings.review.signoffDepartments,
  };
}

function noticeStatements(db: Db, scope: Scope, id: string) {
  return [roundLookup(db, scope, id), noticeOfRound(db, scope, id), noticeEntriesOfRound(db, scope, id)] as const;
}

/** What the shortlist is decided from, whatever the round's kind (a selection round has no enrolled titles). */
function shortlistStatements(db: Db, scope: Scope, id: string) {
  return [...shortlistReads(db, scope, id), recheckCandidateReads(db, scope, id)] as const;
}

type Listed = {
  applicationId: string;
  unitId: string;
  unitName: string;
  aggregate: number | null;
  rank: number | null;
  city: string | null;
  sector: string | null;
};

/** Who publishing lists now and who it leaves off: a re-check round lists the titles its outcomes keep. */
function decided(
  round: RoundRecord,
  [rankRows, signoffRows, recheckRows]: BatchResponse<ReturnType<typeof shortlistStatements>>,
): Shortlist<Listed> {
  return round.kind === "recheck"
    ? recheckShortlist(recheckRows)
    : shortlist(shortlistCandidates(rankRows, signoffRows), rulesOf(round.settings));
}

function noticeView(
  [roundRows, noticeRows, entryRows]: BatchResponse<ReturnType<typeof noticeStatements>>,
  shortlistRows: BatchResponse<ReturnType<typeof shortlistStatements>> | null,
  now: Date,
) {
  const round = roundFound(roundRows);
  const [notice] = noticeRows;
  const state = notice ? noticeState(notice, now) : null;
  // Only provincial review's ranking decides a shortlist: earlier phases rank by the city's results.
  const preview =
    round.phase === "province_review" && shortlistRows
      ? decided(round, shortlistRows)
      : { shortlist: [], excluded: [] };
  return {
    notice: notice ? { ...notice, open: state === "open", ended: state === "ended" } : null,
    entries: entryRows.map(entryView),
    shortlist: preview.shortlist.map((c) => ({
      applicationId: c.applicationId,
      unitName: c.unitName,
      aggregate: c.aggregate,
      rank: c.rank,
      city: c.city,
      sector: c.sector,
    })),
    excluded: preview.excluded.map((c) => ({
      applicationId: c.applicationId,
      unitName: c.unitName,
      reason: c.reason,
      rank: c.rank,
      aggregate: c.aggregate,
    })),
  };
}

// ─── Objections ────────────────────────────────────────────────────────────────────────────────────────────

function objectionFound(rows: ObjectionRow[]): ObjectionRow {
  const [row] = rows;
  if (!row) throw new ApiError("not_found");
  return row;
}

/** An objection that may still be handled: its round on notice, no finding yet, the version the handler saw. */
function handleable(row: ObjectionRow, version: number): void {
  requireRoundIn(row.roundPhase, "notice");
  if (row.status === "upheld" || row.status === "not_upheld")
    throw new ApiError("objection_decided", { current: objectionView(row) });
  if (row.version !== version) throw new ApiError("stale_version", { current: objectionView(row) });
}

export const noticeRoutes = createRouter()
  .openapi(readNotice, async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    // The preview needs the whole round's ranking: only provincial readers get it.
    if (!isProvincial(scope)) {
      const read = await db.batch(noticeStatements(db, scope, id));
      return c.json(noticeView(read, null, new Date()), 200);
    }
    const [roundRows, noticeRows, entryRows, ...shortlistRows] = await db.batch([
      ...noticeStatements(db, scope, id),
      ...shortlistStatements(db, scope, id),
    ]);
    return c.json(noticeView([roundRows, noticeRows, entryRows], shortlistRows, new Date()), 200);
  })
  .openapi(publishNotice, async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const [roundRows, countRows, observations, tenantRows, calibrationRows, ...shortlistRows] = await db.batch([
      roundLookup(db, scope, id),
      phaseCounts(db, scope, id),
      // The provincial totals, read only when leaving provincial review refits a calibrated round.
      submittedTotals(db, scope, id, "province", calibratedIn(db, scope, id, "province_review")),
      settingsLookup(db, scope),
      calibrationFreshness(db, scope, id),
      ...shortlistStatements(db, scope, id),
    ]);
    const round = roundFound(roundRows);
    requireProvincial(scope);
    requireRoundIn(round.phase, "province_review");
    if (round.version !== body.version) throw new ApiError("stale_version", { current: round });
    const check = phaseCheck(round, countsFrom(countRows));
    if (check.blockers.length > 0) throw new ApiError("phase_blocked", { current: check });
    // The shortlist is decided on the stored aggregates, and publishing refits the calibration: only a current fit
    // makes both the same ranking. A re-check's list does not depend on aggregates.
    const [calibration] = calibrationRows;
    if (
      round.kind === "selection" &&
      round.settings.review.aggregation === "calibrated" &&
      (!calibration?.fittedAt || calibration.changed === 1)
    )
      throw new ApiError("calibration_stale", { current: { calibratedAt: calibration?.fittedAt ?? null } });
    const listed = decided(round, shortlistRows);
    if (listed.shortlist.length === 0)
      throw new ApiError("shortlist_empty", {
        current: { excluded: listed.excluded.map((e) => ({ applicationId: e.applicationId, reason: e.reason })) },
      });
    const now = new Date();
    const today = beijingToday(now);
    const startsOn = body.startsOn ?? today;
    if (startsOn < today)
      throw invalidFields({ startsOn: ["公示开始日期不能早于今天 / The notice cannot start before today"] });
    const tenant = settingsOf(tenantRows);
    const window = noticeWindow({
      startsOn,
      days: round.settings.noticeDays,
      workingDays: round.settings.noticeWorkingDays,
      holidays: tenant?.holidays ?? [],
    });
    const title =
      body.title ??
      (round.kind === "recheck" ? `「${round.title}」复查拟保留称号单位公示` : `「${round.title}」拟命名单位公示`);
    const issuer = tenant?.displayName || tenant?.name || "";
    const writes = phaseChangeWrites(db, scope, round, "notice", check, observations, null);
    const { noticeId, statements } = noticePublishStatements(
      db,
      scope,
      round,
      { title, contact: body.contact, issuer, window },
      listed.shortlist,
      phaseMoved(db, scope, round, "notice"),
    );
    const { applied, read } = await runAuditedThenRead(
      db,
      [],
      auditEvent(scope, {
        action: "notice.publish",
        targetType: "round",
        targetId: id,
        before: { phase: round.phase },
        after: {
          phase: "notice",
          noticeId,
          title,
          window,
          entries: listed.shortlist.map((e) => e.applicationId),
          effects: check.effects,
        },
      }),
      { guard: writes.guard, after: [...writes.after, ...statements, bumpPublicVersion(db, scope.tenantId)] },
      [...noticeStatements(db, scope, id), phaseCounts(db, scope, id)] as const,
    );
    const [roundNow, noticeNow, entriesNow, countsNow] = read;
    if (!applied) throw refusedPhaseChange(round.version, roundFound(roundNow), countsFrom(countsNow));
    return c.json(noticeView([roundNow, noticeNow, entriesNow], null, now), 200);
  })
  .openapi(nameRound, async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const today = beijingToday(new Date());
    const namedOn = body.namedOn ?? today;
    if (namedOn > today)
      throw invalidFields({ namedOn: ["命名日期不能晚于今天 / The naming date cannot be in the future"] });
    const [roundRows, countRows, tenantRows, conflicts] = await db.batch([
      roundLookup(db, scope, id),
      phaseCounts(db, scope, id),
      settingsLookup(db, scope),
      namingConflicts(db, scope, id, titleTerm(namedOn, 1, body.termStartsNextYear).termStartYear),
    ]);
    const round = roundFound(roundRows);
    requireProvincial(scope);
    requireRoundIn(round.phase, "notice");
    if (round.version !== body.version) throw new ApiError("stale_version", { current: round });
    const check = phaseCheck(round, countsFrom(countRows));
    if (check.blockers.length > 0) throw new ApiError("phase_blocked", { current: check });
    if (round.kind === "selection" && conflicts.length > 0)
      throw new ApiError("award_exists", { current: { units: conflicts } });
    const term = titleTerm(namedOn, settingsOf(tenantRows)?.termYears ?? 3, body.termStartsNextYear);
    const moved = phaseMoved(db, scope, round, "named");
    const writes = phaseChangeWrites(db, scope, round, "named", check, [], null);
    const naming =
      round.kind === "selection"
        ? selectionNamingStatements(db, scope, round, { namedOn, documentRef: body.documentRef, term }, moved)
        : recheckNamingStatements(db, scope, { id, tenantId: scope.tenantId }, namedOn, scope.userId);
    const { applied, read } = await runAuditedThenRead(
      db,
      [],
      auditEvent(scope, {
        action: "round.name",
        targetType: "round",
        targetId: id,
        before: { phase: round.phase },
        after: { phase: "named", namedOn, documentRef: body.documentRef, term },
      }),
      {
        guard: writes.guard,
        after: [
          ...writes.after,
          ...naming,
          roundDatesSet(db, scope, round, { naming: namedOn }, moved),
          bumpPublicVersion(db, scope.tenantId),
        ],
      },
      [...viewStatements(db, scope, id), phaseCounts(db, scope, id)] as const,
    ).catch((error: unknown) => {
      // One title per unit, level and term: a title recorded meanwhile for a listed unit.
      if (isUniqueViolation(error, "awards.tenant_id", "awards_unit_level_term")) throw new ApiError("award_exists");
      throw error;
    });
    const [roundNow, timelineNow, sourcesNow, countsNow] = read;
    const now = viewOf([roundNow, timelineNow, sourcesNow]);
    if (!applied) throw refusedPhaseChange(round.version, now, countsFrom(countsNow));
    return c.json(now, 200);
  })
  .openapi(listObjections, async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    const [roundRows, rows] = await db.batch([roundLookup(db, scope, id), objectionsOfRound(db, scope, id)]);
    roundFound(roundRows);
    return c.json({ items: rows.map(objectionView) }, 200);
  })
  .openapi(readObjection, async (c) => {
    const { db, scope } = c.var;
    const [rows] = await db.batch([objectionLookup(db, scope, c.req.valid("param").id)]);
    return c.json(objectionView(objectionFound(rows)), 200);
  })
  .openapi(updateObjection, async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    const { version, ...fields } = c.req.valid("json");
    const assigneeId = fields.assigneeUserId ?? null;
    const [rows, handlers] = await db.batch([
      objectionLookup(db, scope, id),
      handlerLookup(db, scope, assigneeId ?? ""),
    ]);
    const row = objectionFound(rows);
    requireProvincial(scope);
    handleable(row, version);
    if (assigneeId !== null && handlers.length === 0)
      throw invalidFields({ assigneeUserId: ["须指派给本单位的评审员 / Assign it to a reviewer of this office"] });
    const { applied, read } = await runAuditedThenRead(
      db,
      [],
      auditEvent(scope, {
        action: "objection.update",
        targetType: "objection",
        targetId: id,
        before: { status: row.status, assigneeUserId: row.assigneeId, notes: row.notes },
        after: fields,
      }),
      { guard: objectionUpdate(db, scope, { id, version }, fields) },
      [objectionLookup(db, scope, id)] as const,
    );
    const now = objectionFound(read[0]);
    if (!applied) {
      handleable(now, version);
      throw new ApiError("stale_version", { current: objectionView(now) });
    }
    return c.json(objectionView(now), 200);
  })
  .openapi(decideObjection, async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    const { version, ...decision } = c.req.valid("json");
    const [rows] = await db.batch([objectionLookup(db, scope, id)]);
    const row = objectionFound(rows);
    requireProvincial(scope);
    handleable(row, version);
    const writes = objectionDecision(db, scope, { ...row, version }, { ...decision, reply: decision.reply ?? null });
    const { applied, read } = await runAuditedThenRead(
      db,
      [],
      auditEvent(scope, {
        action: "objection.decide",
        targetType: "objection",
        targetId: id,
        before: { status: row.status },
        after: { status: decision.result, finding: decision.finding, applicationId: row.applicationId },
        reason: decision.finding,
      }),
      { guard: writes.guard, after: [...writes.after, bumpPublicVersion(db, scope.tenantId)] },
      [objectionLookup(db, scope, id)] as const,
    );
    const now = objectionFound(read[0]);
    if (!applied) {
      handleable(now, version);
      throw new ApiError("stale_version", { current: objectionView(now) });
    }
    return c.json(objectionView(now), 200);
  });
