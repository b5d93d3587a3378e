// Review panels (评审组) and declared conflicts (回避)
import { createRoute } from "@hono/zod-openapi";
import { auditEvent, runAuditedThenRead } from "../data/audit.ts";
import {
  applicationConflicts,
  type ConflictReason,
  conflictDecide,
  conflictDeclare,
  conflictLookup,
  conflictReason,
  panelSeats,
  panelSet,
  panelStatements,
  panelView,
  type ReviewerFacts,
  roundBlockingConflicts,
  roundSeats,
  scoringApplication,
  scoringApplicationFound,
  seatExempt,
  seatsInsert,
  stageApplications,
  stageCovers,
  tenantReviewers,
} from "../data/panels.ts";
import { roundFound, roundLookup, roundOfApplication } from "../data/rounds.ts";
import { applicationRef } from "../data/unit-access.ts";
import { PANEL_PHASES } from "../domain/round-phase.ts";
import { assignPanels } from "../domain/scoring/assignment.ts";
import type { Phase, Stage } from "../domain/vocabulary.ts";
import { ApiError, invalidFields } from "../errors.ts";
import { requireRole } from "../middleware/tenant-scope.ts";
import { createRouter } from "../router.ts";
import { ApplicationParams, RoundIdParams } from "../schemas/applications.ts";
import { errorResponses, jsonBody, jsonResponse } from "../schemas/common.ts";
import {
  AutoAssignBody,
  AutoAssignResult,
  ConflictDecisionBody,
  ConflictParams,
  DeclareConflictBody,
  ExemptBody,
  PanelBody,
  PanelView,
} from "../schemas/scoring.ts";

const adminOnly = [requireRole("tenant_admin")];
const readers = [requireRole("tenant_admin", "reviewer")];

/** Conflicts are declared while the round takes applications or reviews them. */
const DECLARE_PHASES: readonly Phase[] = ["applications_open", "city_review", "province_review"];

function requirePanelPhase(stage: Stage, phase: Phase) {
  if (!PANEL_PHASES[stage].includes(phase)) throw new ApiError(`round_${phase}`, { current: { phase } });
}

const CONFLICT_WORDS: Record<ConflictReason, string> = {
  own_unit: "本人所在单位 / their own unit",
  same_parent_body: "与本人单位同一主管部门 / under the same parent body as their unit",
  own_city: "本人所在市（州）的单位 / a unit of their own city",
  declared: "本人已申报回避 / they declared a conflict",
};

const read = createRoute({
  method: "get",
  path: "/applications/{id}/panel",
  tags: ["scoring"],
  summary: "An application's panels at both stages, with each member's form status, and its declared conflicts",
  middleware: readers,
  request: { params: ApplicationParams },
  responses: { 200: jsonResponse("The panels", PanelView), ...errorResponses(401, 403, 404) },
});

const set = createRoute({
  method: "put",
  path: "/applications/{id}/panel",
  tags: ["scoring"],
  summary:
    "Set a stage's panel by hand (round owner): reviewers in scope without a conflict; those left out are taken off, their scores kept",
  middleware: adminOnly,
  request: { params: ApplicationParams, body: jsonBody(PanelBody) },
  responses: { 200: jsonResponse("The panels", PanelView), ...errorResponses(400, 401, 403, 404, 409, 415) },
});

const auto = createRoute({
  method: "post",
  path: "/rounds/{roundId}/panels/auto",
  tags: ["scoring"],
  summary: "Fill every panel of a stage up to the round's panel size, balancing reviewers' load and skipping conflicts",
  middleware: adminOnly,
  request: { params: RoundIdParams, body: jsonBody(AutoAssignBody) },
  responses: { 200: jsonResponse("Seats filled", AutoAssignResult), ...errorResponses(400, 401, 403, 404, 409, 415) },
});

const declare = createRoute({
  method: "post",
  path: "/applications/{id}/conflicts",
  tags: ["scoring"],
  summary: "A reviewer declares a conflict of interest on an application (回避), with a reason",
  middleware: [requireRole("reviewer")],
  request: { params: ApplicationParams, body: jsonBody(DeclareConflictBody) },
  responses: { 201: jsonResponse("Declared", PanelView), ...errorResponses(400, 401, 403, 404, 409, 415) },
});

const decide = createRoute({
  method: "post",
  path: "/applications/{id}/conflicts/{conflictId}/decision",
  tags: ["scoring"],
  summary: "The round owner accepts a declared conflict (the reviewer leaves the panel) or overrides it (may score)",
  middleware: adminOnly,
  request: { params: ConflictParams, body: jsonBody(ConflictDecisionBody) },
  responses: { 200: jsonResponse("Decided", PanelView), ...errorResponses(400, 401, 403, 404, 409, 415) },
});

const exempt = createRoute({
  method: "post",
  path: "/applications/{id}/panel/exempt",
  tags: ["scoring"],
  summary: "The round owner excuses a panel member from submitting, with a reason (a recorded exemption)",
  middleware: adminOnly,
  request: { params: ApplicationParams, body: jsonBody(ExemptBody) },
  responses: { 200: jsonResponse("Excused", PanelView), ...errorResponses(400, 401, 403, 404, 409, 415) },
});

export const panelRoutes = createRouter()
  .openapi(read, async (c) => {
    const { db, scope } = c.var;
    const ref = applicationRef(db, scope, c.req.valid("param").id);
    return c.json(panelView(await db.batch(panelStatements(db, ref))), 200);
  })
  .openapi(set, async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    const { stage, reviewerIds } = c.req.valid("json");
    const ref = applicationRef(db, scope, id);
    const [appRows, roundRows, candidates, declared] = await db.batch([
      scoringApplication(db, ref),
      roundOfApplication(db, ref),
      tenantReviewers(db, scope, reviewerIds),
      applicationConflicts(db, ref),
    ]);
    const app = scoringApplicationFound(appRows);
    const round = roundFound(roundRows);
    requirePanelPhase(stage, round.phase);
    const byId = new Map<string, ReviewerFacts>(candidates.map((r) => [r.id, r]));
    const problems: Record<string, string[]> = {};
    reviewerIds.forEach((reviewerId, i) => {
      const reviewer = byId.get(reviewerId);
      if (reviewerIds.indexOf(reviewerId) !== i) problems[`reviewerIds.${i}`] = ["评审员重复 / listed twice"];
      else if (!reviewer || !stageCovers(stage, reviewer, app.path))
        problems[`reviewerIds.${i}`] = [
          stage === "city"
            ? "须为负责该单位所在市（州）或县的评审员 / must be a reviewer of the unit's city or county"
            : "须为省级评审员 / must be a provincial reviewer",
        ];
    });
    if (Object.keys(problems).length > 0) throw invalidFields(problems);
    const { avoidSameParentBody, avoidOwnCityAtProvince } = round.settings.review;
    const conflicted: Record<string, string[]> = {};
    const who: Array<{ id: string; name: string; conflict: ConflictReason }> = [];
    reviewerIds.forEach((reviewerId, i) => {
      const reviewer = byId.get(reviewerId) as ReviewerFacts;
      const status = declared.find((d) => d.reviewerId === reviewerId)?.status ?? null;
      const reason = conflictReason(reviewer, app, stage, { avoidSameParentBody, avoidOwnCityAtProvince }, status);
      if (!reason) return;
      conflicted[`reviewerIds.${i}`] = [`${reviewer.name}：${CONFLICT_WORDS[reason]}`];
      who.push({ id: reviewer.id, name: reviewer.name, conflict: reason });
    });
    if (who.length > 0) throw new ApiError("panel_conflicted", { fields: conflicted, current: { reviewers: who } });
    const { read: panel } = await runAuditedThenRead(
      db,
      panelSet(db, scope, app, stage, reviewerIds),
      auditEvent(scope, {
        action: "panel.set",
        targetType: "application",
        targetId: id,
        after: { stage, reviewerIds },
      }),
      {},
      panelStatements(db, ref),
    );
    return c.json(panelView(panel), 200);
  })
  .openapi(auto, async (c) => {
    const { db, scope } = c.var;
    const { roundId } = c.req.valid("param");
    const { stage } = c.req.valid("json");
    const [roundRows, apps, reviewers, seats, blocking] = await db.batch([
      roundLookup(db, scope, roundId),
      stageApplications(db, scope, roundId, stage),
      tenantReviewers(db, scope),
      roundSeats(db, scope, roundId, stage),
      roundBlockingConflicts(db, scope, roundId),
    ]);
    const round = roundFound(roundRows);
    requirePanelPhase(stage, round.phase);
    const { panelSize, avoidSameParentBody, avoidOwnCityAtProvince } = round.settings.review;
    const options = { avoidSameParentBody, avoidOwnCityAtProvince };
    const appById = new Map(apps.map((a) => [a.id, a]));
    const reviewerById = new Map<string, ReviewerFacts>(reviewers.map((r) => [r.id, r]));
    const pair = (applicationId: string, reviewerId: string) => `${applicationId}|${reviewerId}`;
    // Taken off by hand, or kept off by a declared conflict: auto-assignment does not put them back.
    const barred = new Set([
      ...seats.filter((s) => s.status === "removed").map((s) => pair(s.applicationId, s.reviewerId)),
      ...blocking.map((b) => pair(b.applicationId, b.reviewerId)),
    ]);
    const { seats: added, short } = assignPanels({
      applications: apps,
      reviewers,
      panelSize,
      existing: seats.filter((s) => s.status !== "removed" && appById.has(s.applicationId)),
      eligible: (applicationId, reviewerId) => {
        const app = appById.get(applicationId);
        const reviewer = reviewerById.get(reviewerId);
        if (!app || !reviewer || barred.has(pair(applicationId, reviewerId))) return false;
        return stageCovers(stage, reviewer, app.path) && !conflictReason(reviewer, app, stage, options, null);
      },
    });
    await runAuditedThenRead(
      db,
      seatsInsert(db, scope, roundId, stage, added),
      auditEvent(scope, {
        action: "panel.auto_assign",
        targetType: "round",
        targetId: roundId,
        after: { stage, seats: added.length, short: short.length },
      }),
      {},
      [],
    );
    return c.json(
      {
        assigned: added.length,
        shortPanels: short.map((s) => ({
          applicationId: s.applicationId,
          unitName: appById.get(s.applicationId)?.unitName ?? "",
          seats: s.seats,
        })),
      },
      200,
    );
  })
  .openapi(declare, async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    const { reason } = c.req.valid("json");
    const ref = applicationRef(db, scope, id);
    const [appRows, roundRows] = await db.batch([scoringApplication(db, ref), roundOfApplication(db, ref)]);
    const app = scoringApplicationFound(appRows);
    const round = roundFound(roundRows);
    if (!DECLARE_PHASES.includes(round.phase))
      throw new ApiError(`round_${round.phase}`, { current: { phase: round.phase } });
    const { read: panel } = await runAuditedThenRead(
      db,
      [conflictDeclare(db, scope, app, reason)],
      auditEvent(scope, { action: "conflict.declare", targetType: "application", targetId: id, reason }),
      {},
      panelStatements(db, ref),
    );
    return c.json(panelView(panel), 201);
  })
  .openapi(decide, async (c) => {
    const { db, scope } = c.var;
    const { id, conflictId } = c.req.valid("param");
    const { decision, reason } = c.req.valid("json");
    const ref = applicationRef(db, scope, id);
    const [appRows, conflictRows] = await db.batch([scoringApplication(db, ref), conflictLookup(db, ref, conflictId)]);
    scoringApplicationFound(appRows);
    const [conflict] = conflictRows;
    if (!conflict) throw new ApiError("not_found");
    const to = decision === "accept" ? "accepted" : "overridden";
    if (conflict.status === to) throw new ApiError("already_in_state", { current: { status: conflict.status } });
    const { guard, after } = conflictDecide(db, scope, ref, conflict, to, reason);
    const { applied, read: panel } = await runAuditedThenRead(
      db,
      [],
      auditEvent(scope, {
        action: decision === "accept" ? "conflict.accept" : "conflict.override",
        targetType: "application",
        targetId: id,
        before: { conflictId, status: conflict.status },
        after: { conflictId, status: to },
        reason,
      }),
      { guard, after },
      panelStatements(db, ref),
    );
    const now = panelView(panel);
    if (!applied) throw new ApiError("stale_version", { current: now });
    return c.json(now, 200);
  })
  .openapi(exempt, async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    const { stage, reviewerId, reason } = c.req.valid("json");
    const ref = applicationRef(db, scope, id);
    const [appRows, roundRows, seats] = await db.batch([
      scoringApplication(db, ref),
      roundOfApplication(db, ref),
      panelSeats(db, ref),
    ]);
    scoringApplicationFound(appRows);
    const round = roundFound(roundRows);
    requirePanelPhase(stage, round.phase);
    const seat = seats.find((s) => s.stage === stage && s.reviewerId === reviewerId);
    if (seat?.status === "exempt") throw new ApiError("already_in_state", { current: { status: seat.status } });
    if (seat?.status !== "active")
      throw invalidFields({ reviewerId: ["该评审员不在此评审组中 / the reviewer does not sit on this panel"] });
    const { applied, read: panel } = await runAuditedThenRead(
      db,
      [],
      auditEvent(scope, {
        action: "panel.exempt",
        targetType: "application",
        targetId: id,
        before: { stage, reviewerId, status: "active" },
        after: { stage, reviewerId, status: "exempt" },
        reason,
      }),
      { guard: seatExempt(db, scope, ref, stage, reviewerId, reason) },
      panelStatements(db, ref),
    );
    const now = panelView(panel);
    if (!applied) throw new ApiError("stale_version", { current: now });
    return c.json(now, 200);
  });
