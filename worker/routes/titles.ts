// 动态管理: outcomes applied to a title at once, outcomes recorded in a re-check round, and the re-check's list.
import { createRoute } from "@hono/zod-openapi";
import { auditEvent, runAuditedThenRead } from "../data/audit.ts";
import { awardHistoryOfUnit, awardsOfUnit, awardView } from "../data/awards.ts";
import { outcomesMissing } from "../data/recheck.ts";
import { roundFound, roundLookup, roundOfApplication } from "../data/rounds.ts";
import {
  awardOutcomeWrites,
  OUTCOME_PHASES,
  type RecheckRow,
  recheckEntries,
  recheckEntry,
  titleOutcomeUpdate,
} from "../data/titles.ts";
import { applicationRef, unitFound, unitLookup, unitRef } from "../data/unit-access.ts";
import { beijingToday } from "../domain/record-rules.ts";
import { applyOutcome, managesTitles, outcomeFields, titleState } from "../domain/title-outcomes.ts";
import { TITLE_OUTCOMES, type TitleOutcome } from "../domain/vocabulary.ts";
import { ApiError, invalidFields } from "../errors.ts";
import { requireRole } from "../middleware/tenant-scope.ts";
import { createRouter } from "../router.ts";
import { ApplicationParams } from "../schemas/applications.ts";
import { AwardView } from "../schemas/awards.ts";
import { errorResponses, jsonBody, jsonResponse } from "../schemas/common.ts";
import {
  AwardOutcomeBody,
  AwardParams,
  RecheckEntry,
  RecheckView,
  RoundRecheckParams,
  TitleOutcomeBody,
} from "../schemas/titles.ts";

const staffOfTheOffice = [requireRole("reviewer", "tenant_admin")];

const awardOutcome = createRoute({
  method: "post",
  path: "/units/{id}/awards/{awardId}/outcome",
  tags: ["titles"],
  summary:
    "Apply an outcome to a title now (保留, 黄牌警告, 恢复, 撤销, 自动终止), e.g. a veto event between rounds: tenant admins and provincial reviewers; 409 title_transition when the title's state does not accept it",
  middleware: staffOfTheOffice,
  request: { params: AwardParams, body: jsonBody(AwardOutcomeBody) },
  responses: {
    200: jsonResponse("The title as it is now", AwardView),
    ...errorResponses(400, 401, 403, 404, 409, 415),
  },
});

const titleOutcome = createRoute({
  method: "put",
  path: "/applications/{id}/title-outcome",
  tags: ["titles"],
  summary:
    "Record a re-check application's outcome, applied to its title when the round is named: re-check rounds in provincial review or notice; tenant admins and provincial reviewers",
  middleware: staffOfTheOffice,
  request: { params: ApplicationParams, body: jsonBody(TitleOutcomeBody) },
  responses: { 200: jsonResponse("Recorded", RecheckEntry), ...errorResponses(400, 401, 403, 404, 409, 415) },
});

const recheck = createRoute({
  method: "get",
  path: "/rounds/{id}/recheck",
  tags: ["titles"],
  summary: "A re-check round's enrolled units in the caller's scope: title, outcome so far, provincial result",
  middleware: staffOfTheOffice,
  request: { params: RoundRecheckParams },
  responses: { 200: jsonResponse("Enrolled units", RecheckView), ...errorResponses(401, 403, 404, 409) },
});

/** A warning's deadline lies ahead of the day it is given. */
function checkDeadline(body: { outcome: TitleOutcome; deadline?: string | undefined }, today: string) {
  if (body.outcome === "warn" && (body.deadline ?? "") <= today)
    throw invalidFields({ deadline: ["整改期限须晚于今天 / the deadline must be after today"] });
}

function entryView(row: RecheckRow, today: string) {
  const state = titleState({ status: row.awardStatus, validUntil: row.validUntil }, today);
  return {
    applicationId: row.applicationId,
    status: row.applicationStatus,
    version: row.applicationVersion,
    unit: { id: row.unitId, name: row.unitName, city: row.cityName },
    award: {
      id: row.awardId,
      level: row.awardLevel,
      termStartYear: row.termStartYear,
      termEndYear: row.termEndYear,
      status: row.awardStatus,
      state,
      validUntil: row.validUntil,
      warningDeadline: row.warningDeadline,
    },
    outcome: row.titleOutcome
      ? {
          outcome: row.titleOutcome,
          reason: row.outcomeReason,
          publicReason: row.outcomePublicReason,
          deadline: row.outcomeDeadline,
        }
      : null,
    allowed: TITLE_OUTCOMES.filter((o) => applyOutcome(state, o).ok),
    provincial: row.vetoed === null ? null : { aggregate: row.aggregate, vetoed: row.vetoed },
  };
}

export const titleRoutes = createRouter()
  .openapi(awardOutcome, async (c) => {
    const { db, scope } = c.var;
    const { id, awardId } = c.req.valid("param");
    const body = c.req.valid("json");
    const ref = unitRef(db, scope, id);
    const reads = () => [awardsOfUnit(db, ref), awardHistoryOfUnit(db, ref)] as const;
    const [unitRows, titles, history] = await db.batch([unitLookup(db, ref), ...reads()]);
    const unit = unitFound(unitRows);
    const award = titles.find((a) => a.id === awardId);
    if (!award) throw new ApiError("not_found");
    if (!managesTitles(scope)) throw new ApiError("forbidden");
    const now = new Date();
    const today = beijingToday(now);
    const current = awardView(award, now, history);
    if (award.version !== body.version) throw new ApiError("stale_version", { current });
    const result = applyOutcome(current.state, body.outcome);
    if (!result.ok) throw new ApiError(result.code, { current: { state: current.state } });
    checkDeadline(body, today);
    const change = {
      outcome: body.outcome,
      status: result.status,
      reason: body.reason,
      ...outcomeFields(award, body.outcome, body),
    };
    const { guard, after } = awardOutcomeWrites(db, scope, ref, award, change, today);
    const { applied, read } = await runAuditedThenRead(
      db,
      [],
      auditEvent(scope, {
        action: "award.outcome",
        targetType: "award",
        targetId: award.id,
        before: {
          unitId: unit.id,
          status: award.status,
          warningDeadline: award.warningDeadline,
          publicReason: award.publicReason,
        },
        after: {
          unitId: unit.id,
          outcome: body.outcome,
          status: change.status,
          warningDeadline: change.warningDeadline,
          publicReason: change.publicReason,
        },
        reason: body.reason,
      }),
      { guard, after },
      reads(),
    );
    const [titlesNow, historyNow] = read;
    const saved = titlesNow.find((a) => a.id === award.id);
    if (!saved) throw new ApiError("not_found");
    const view = awardView(saved, now, historyNow);
    if (!applied) throw new ApiError("stale_version", { current: view });
    return c.json(view, 200);
  })
  .openapi(titleOutcome, async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const ref = applicationRef(db, scope, id);
    const [entries, roundRows] = await db.batch([recheckEntry(db, ref), roundOfApplication(db, ref)]);
    const round = roundFound(roundRows);
    if (!managesTitles(scope)) throw new ApiError("forbidden");
    const [entry] = entries;
    if (round.kind !== "recheck" || !entry) throw new ApiError("not_recheck");
    if (!(OUTCOME_PHASES as readonly string[]).includes(round.phase))
      throw new ApiError(`round_${round.phase}`, { current: { phase: round.phase } });
    const today = beijingToday(new Date());
    const current = entryView(entry, today);
    if (entry.applicationVersion !== body.version) throw new ApiError("stale_version", { current });
    // What the notice published is what naming applies: during notice only an outcome an upheld objection cleared
    // may be recorded anew (the version guard catches a finding landing meanwhile).
    if (round.phase === "notice" && current.outcome) throw new ApiError("outcome_on_notice", { current });
    const result = applyOutcome(current.award.state, body.outcome);
    if (!result.ok) throw new ApiError(result.code, { current: { state: current.award.state } });
    checkDeadline(body, today);
    const warns = body.outcome === "warn";
    const recorded = {
      outcome: body.outcome,
      reason: body.reason,
      publicReason: warns || body.outcome === "revoke" || body.outcome === "lapse" ? (body.publicReason ?? null) : null,
      deadline: warns ? (body.deadline ?? null) : null,
    };
    const { applied, read } = await runAuditedThenRead(
      db,
      [],
      auditEvent(scope, {
        action: "application.title_outcome",
        targetType: "application",
        targetId: id,
        before: { awardId: entry.awardId, outcome: current.outcome },
        after: { awardId: entry.awardId, ...recorded },
        reason: body.reason,
      }),
      { guard: titleOutcomeUpdate(db, ref, { version: body.version, roundId: round.id }, recorded) },
      [recheckEntry(db, ref)] as const,
    );
    const [row] = read[0];
    if (!row) throw new ApiError("not_found");
    const view = entryView(row, today);
    if (!applied) throw new ApiError("stale_version", { current: view });
    return c.json(view, 200);
  })
  .openapi(recheck, async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    const [roundRows, rows, missing] = await db.batch([
      roundLookup(db, scope, id),
      recheckEntries(db, scope, id),
      outcomesMissing(db, scope, id),
    ]);
    const round = roundFound(roundRows);
    if (round.kind !== "recheck") throw new ApiError("not_recheck");
    const today = beijingToday(new Date());
    return c.json(
      {
        round: { id: round.id, title: round.title, level: round.level, phase: round.phase, version: round.version },
        items: rows.map((row) => entryView(row, today)),
        missing: missing[0]?.count ?? 0,
      },
      200,
    );
  });
