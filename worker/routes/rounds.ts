import { createRoute } from "@hono/zod-openapi";
import type { BatchResponse } from "drizzle-orm/batch";
import { type AuditEvent, type AuditedOptions, auditEvent, runAuditedThenRead } from "../data/audit.ts";
import { criteriaFreeze, criteriaLookup, criteriaParsed } from "../data/criteria.ts";
import type { Db } from "../data/db.ts";
import { countsFrom, phaseChangeWrites, phaseCounts, phaseMoved } from "../data/phase-checks.ts";
import { recheckEnrollment } from "../data/recheck.ts";
import {
  listRounds,
  type RoundRecord,
  roundFound,
  roundInsert,
  roundLookup,
  roundTimeline,
  roundUpdate,
  settingsProblems,
  settingsReferences,
} from "../data/rounds.ts";
import type { Scope } from "../data/scope.ts";
import { roundSources } from "../data/source-settings.ts";
import { type PhaseCounts, phaseCheck } from "../domain/phase-checks.ts";
import { beijingToday } from "../domain/record-rules.ts";
import { allowedIn, nextPhase, type Phase, type RoundAction } from "../domain/round-phase.ts";
import { ApiError, invalidFields } from "../errors.ts";
import { requireRole } from "../middleware/tenant-scope.ts";
import { createRouter } from "../router.ts";
import { errorResponses, jsonBody, jsonResponse, TenantParams } from "../schemas/common.ts";
import { AdvanceBody, RoundBody, RoundList, RoundParams, RoundView, UpdateRoundBody } from "../schemas/rounds.ts";
import { AdvanceCheck } from "../schemas/scoring.ts";

const adminOnly = [requireRole("tenant_admin")];

const list = createRoute({
  method: "get",
  path: "/",
  tags: ["rounds"],
  summary: "The office's assessment rounds (评选/复查)",
  request: { params: TenantParams },
  responses: { 200: jsonResponse("Rounds", RoundList), ...errorResponses(401, 404) },
});

const read = createRoute({
  method: "get",
  path: "/{id}",
  tags: ["rounds"],
  summary: "A round with its settings and the timeline of its phases",
  request: { params: RoundParams },
  responses: { 200: jsonResponse("The round", RoundView), ...errorResponses(401, 404) },
});

const create = createRoute({
  method: "post",
  path: "/",
  tags: ["rounds"],
  summary: "Create a round in draft; its criteria system is frozen from now on",
  middleware: adminOnly,
  request: { params: TenantParams, body: jsonBody(RoundBody) },
  responses: { 201: jsonResponse("Created", RoundView), ...errorResponses(400, 401, 403, 404, 415) },
});

const update = createRoute({
  method: "put",
  path: "/{id}",
  tags: ["rounds"],
  summary: "Edit a round while it is in draft",
  middleware: adminOnly,
  request: { params: RoundParams, body: jsonBody(UpdateRoundBody) },
  responses: { 200: jsonResponse("Saved", RoundView), ...errorResponses(400, 401, 403, 404, 409, 415) },
});

const advance = createRoute({
  method: "post",
  path: "/{id}/advance",
  tags: ["rounds"],
  summary:
    "Move the round to its next phase (筹备 → 申报 → 市级评审 → 省级评审); 409 phase_blocked lists what blocks it. Leaving applications closes unsubmitted drafts. Provincial review → 公示 and 公示 → 命名 have their own actions (POST …/notice, POST …/naming): here they answer 409 phase_needs_own_action",
  middleware: adminOnly,
  request: { params: RoundParams, body: jsonBody(AdvanceBody) },
  responses: {
    200: jsonResponse("Moved on", RoundView),
    ...errorResponses(400, 401, 403, 404, 409, 415),
  },
});

const advanceCheck = createRoute({
  method: "get",
  path: "/{id}/advance-check",
  tags: ["rounds"],
  summary: "What moving the round on now would meet: the blockers that refuse it and the effects it would have",
  middleware: adminOnly,
  request: { params: RoundParams },
  responses: { 200: jsonResponse("Blockers and effects", AdvanceCheck), ...errorResponses(401, 403, 404) },
});

/** Phases left through their own action, not the generic advance: what to use instead. */
const OWN_ACTIONS: Partial<Record<Phase, { action: "notice" | "naming"; route: string }>> = {
  province_review: { action: "notice", route: "POST /api/t/{tenant}/rounds/{id}/notice" },
  notice: { action: "naming", route: "POST /api/t/{tenant}/rounds/{id}/naming" },
};

/** 409 with a code naming the round's current phase when the action is not allowed in it. */
export function requirePhase(action: RoundAction, phase: Phase) {
  if (!allowedIn(action, phase)) throw new ApiError(`round_${phase}`, { current: { phase } });
}

/**
 * The round with its timeline and whether it has a questionnaire and mutual assessment, as statements: read alone,
 * or at the end of a write's batch.
 */
export function viewStatements(db: Db, scope: Scope, id: string) {
  return [roundLookup(db, scope, id), roundTimeline(db, scope, id), roundSources(db, scope.tenantId, id)] as const;
}

export function viewOf([round, timeline, [sources]]: BatchResponse<ReturnType<typeof viewStatements>>) {
  return { ...roundFound(round), timeline, sources: sources ?? { survey: false, mutual: false } };
}

async function view(db: Db, scope: Scope, id: string) {
  return viewOf(await db.batch(viewStatements(db, scope, id)));
}

/** A guarded change of a round with its audit event; the round read at the end of the batch answers it. */
async function changed(db: Db, scope: Scope, id: string, event: AuditEvent, options: AuditedOptions) {
  const { applied, read } = await runAuditedThenRead(db, [], event, options, viewStatements(db, scope, id));
  const now = viewOf(read);
  if (!applied) {
    const { timeline: _, ...current } = now;
    throw new ApiError("stale_version", { current });
  }
  return now;
}

/**
 * Why a guarded phase change matched nothing, from the round and counts read at the end of its batch: moved
 * meanwhile (stale), or something reopened a blocker between the read and the write (phase_blocked, naming it).
 */
export function refusedPhaseChange(
  seenVersion: number,
  now: RoundRecord & { timeline?: unknown },
  counts: PhaseCounts,
): ApiError {
  const recheck = phaseCheck(now, counts);
  if (now.version === seenVersion && recheck.blockers.length > 0)
    return new ApiError("phase_blocked", { current: recheck });
  const { timeline: _, ...current } = now;
  return new ApiError("stale_version", { current });
}

/** A 400 naming each quota pool or sector channel whose city or sector is not the tenant's own. */
function checkReferences(settings: RoundRecord["settings"], cities: { id: string }[], sectors: { id: string }[]) {
  const problems = settingsProblems(settings, cities, sectors);
  if (Object.keys(problems).length > 0) throw invalidFields(problems);
}

export const roundRoutes = createRouter()
  .openapi(list, async (c) => c.json({ items: await listRounds(c.var.db, c.var.scope) }, 200))
  .openapi(read, async (c) => c.json(await view(c.var.db, c.var.scope, c.req.valid("param").id), 200))
  .openapi(create, async (c) => {
    const { db, scope } = c.var;
    const body = c.req.valid("json");
    const [systemRows, cities, sectors] = await db.batch([
      criteriaLookup(db, scope, body.criteriaSystemId),
      ...settingsReferences(db, scope, body.settings),
    ]);
    const system = criteriaParsed(systemRows);
    if (!system) throw invalidFields({ criteriaSystemId: ["测评体系不存在 / unknown criteria system"] });
    checkReferences(body.settings, cities, sectors);
    const { id, statement } = roundInsert(db, scope, body);
    const { read } = await runAuditedThenRead(
      db,
      [statement, criteriaFreeze(db, scope, system.id)],
      auditEvent(scope, {
        action: "round.create",
        targetType: "round",
        targetId: id,
        after: body,
      }),
      {},
      viewStatements(db, scope, id),
    );
    return c.json(viewOf(read), 201);
  })
  .openapi(update, async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    const { version, ...fields } = c.req.valid("json");
    const [roundRows, cities, sectors] = await db.batch([
      roundLookup(db, scope, id),
      ...settingsReferences(db, scope, fields.settings),
    ]);
    const round = roundFound(roundRows);
    checkReferences(fields.settings, cities, sectors);
    requirePhase("edit_round", round.phase);
    if (round.version !== version) throw new ApiError("stale_version", { current: round });
    const saved = await changed(
      db,
      scope,
      id,
      auditEvent(scope, {
        action: "round.update",
        targetType: "round",
        targetId: id,
        before: round,
        after: fields,
      }),
      { guard: roundUpdate(db, scope, id, version, fields) },
    );
    return c.json(saved, 200);
  })
  .openapi(advance, async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    const { version, reason } = c.req.valid("json");
    const [rows, countRows] = await db.batch([roundLookup(db, scope, id), phaseCounts(db, scope, id)]);
    const round = roundFound(rows);
    const own = OWN_ACTIONS[round.phase];
    if (own) throw new ApiError("phase_needs_own_action", { current: { phase: round.phase, ...own } });
    if (round.version !== version) throw new ApiError("stale_version", { current: round });
    const to = nextPhase(round.phase);
    if (!to) throw new ApiError(`round_${round.phase}`, { current: { phase: round.phase } });
    const check = phaseCheck(round, countsFrom(countRows));
    if (check.blockers.length > 0) throw new ApiError("phase_blocked", { current: check });
    // No phase left here refits a calibration (provincial review is left by publishing the notice).
    const writes = phaseChangeWrites(db, scope, round, to, check, [], reason ?? null);
    // Opening a re-check round enrols the current holders of its level (worker/data/recheck.ts).
    writes.after.push(
      ...recheckEnrollment(db, scope, round, beijingToday(new Date()), phaseMoved(db, scope, round, to)),
    );
    const { applied, read } = await runAuditedThenRead(
      db,
      [],
      auditEvent(scope, {
        action: "round.advance",
        targetType: "round",
        targetId: id,
        before: { phase: round.phase },
        after: { phase: to, effects: check.effects },
        reason: reason ?? null,
      }),
      writes,
      [...viewStatements(db, scope, id), phaseCounts(db, scope, id)] as const,
    );
    const [roundNow, timelineNow, sourcesNow, countsNow] = read;
    const now = viewOf([roundNow, timelineNow, sourcesNow]);
    if (!applied) throw refusedPhaseChange(round.version, now, countsFrom(countsNow));
    return c.json(now, 200);
  })
  .openapi(advanceCheck, async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    const [rows, countRows] = await db.batch([roundLookup(db, scope, id), phaseCounts(db, scope, id)]);
    return c.json(phaseCheck(roundFound(rows), countsFrom(countRows)), 200);
  });
