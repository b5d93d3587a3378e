import { and, eq, exists, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { applications, rounds } from "../../db/schema.ts";
import { BLOCKER_SAMPLE, type PhaseCheck, type PhaseCounts } from "../domain/phase-checks.ts";
import { calibrate, type Observation } from "../domain/scoring/aggregate.ts";
import type { Phase } from "../domain/vocabulary.ts";
import { type Db, nowIso } from "./db.ts";
import { noOutcomeMissing, outcomesMissingColumn } from "./recheck.ts";
import { calibrationWrites } from "./round-results.ts";
import { phaseAdvance } from "./rounds.ts";
import type { Scope } from "./scope.ts";

// What a round's phase change depends on and what it does: the counts behind its blockers (one statement), the
// conditions that keep a blocked change from slipping through between that read and the write, and the effects
// written in the advance's batch only if the phase moved.

const inRound = (tenantId: string, roundId: string | SQL) => sql`a.tenant_id = ${tenantId} and a.round_id = ${roundId}`;

/** Active provincial seats without a submitted form, on applications the cities recommended. */
const unsubmittedSeats = (tenantId: string, roundId: string | SQL) => sql`from assignments s
  join applications a on a.id = s.application_id and a.status = 'city_recommended'
  where s.tenant_id = ${tenantId} and s.round_id = ${roundId} and s.stage = 'province' and s.status = 'active'
    and not exists (select 1 from score_forms f where f.application_id = s.application_id and f.stage = 'province'
      and f.reviewer_user_id = s.reviewer_user_id and f.status = 'submitted')`;

/** Recommended applications without a provincial result (a scored aggregate, or a veto). */
const unscoredApplications = (tenantId: string, roundId: string | SQL) => sql`from applications a
  where ${inRound(tenantId, roundId)} and a.status = 'city_recommended'
    and not exists (select 1 from application_results r where r.application_id = a.id and r.stage = 'province'
      and (r.aggregate is not null or r.vetoed = 1))`;

/** Objections of the round still received or under investigation. */
const openObjections = (tenantId: string, roundId: string | SQL) => sql`from objections o
  join notice_entries e on e.id = o.entry_id
  where o.tenant_id = ${tenantId} and o.round_id = ${roundId} and o.status in ('received', 'investigating')`;

/** The round's notice whose window has not ended yet (SQLite's clock, so the write's guard agrees with it). */
const runningNotice = (tenantId: string, roundId: string | SQL) => sql`from notices n
  where n.tenant_id = ${tenantId} and n.round_id = ${roundId}
    and n.ends_at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

const ids = (from: SQL, column = sql`a.id`) =>
  sql<string>`(select json_group_array(id) from (select distinct ${column} id ${from} order by id limit ${BLOCKER_SAMPLE}))`;

/** The columns of `phaseCounts`, for the round `roundId` names (an id, or a column of an outer query). */
export function countColumns(tenantId: string, roundId: string | SQL) {
  const status = (s: string) => sql`from applications a where ${inRound(tenantId, roundId)} and a.status = ${s}`;
  return {
    drafts: sql<number>`(select count(*) ${status("draft")})`.mapWith(Number),
    undecided: sql<number>`(select count(*) ${status("submitted")})`.mapWith(Number),
    undecidedIds: ids(status("submitted")),
    recommended: sql<number>`(select count(*) ${status("city_recommended")})`.mapWith(Number),
    formsUnsubmitted: sql<number>`(select count(*) ${unsubmittedSeats(tenantId, roundId)})`.mapWith(Number),
    formsUnsubmittedIds: ids(unsubmittedSeats(tenantId, roundId), sql`s.application_id`),
    unscored: sql<number>`(select count(*) ${unscoredApplications(tenantId, roundId)})`.mapWith(Number),
    unscoredIds: ids(unscoredApplications(tenantId, roundId)),
    objectionsOpen: sql<number>`(select count(*) ${openObjections(tenantId, roundId)})`.mapWith(Number),
    objectionsOpenIds: ids(openObjections(tenantId, roundId), sql`e.application_id`),
    noticeRunning: sql<number>`exists (select 1 ${runningNotice(tenantId, roundId)})`.mapWith(Number),
    // Re-check rounds (worker/data/recheck.ts): enrolled applications without an outcome; none in a selection round.
    outcomesMissing: outcomesMissingColumn(tenantId, roundId),
  };
}

/** The counts of one of the caller's tenant's rounds that its phase changes depend on (one row; none: not found). */
export function phaseCounts(db: Db, scope: Pick<Scope, "tenantId">, roundId: string) {
  return db
    .select(countColumns(scope.tenantId, roundId))
    .from(rounds)
    .where(and(eq(rounds.tenantId, scope.tenantId), eq(rounds.id, roundId)))
    .limit(1);
}

type CountRow = Omit<Awaited<ReturnType<typeof phaseCounts>>[number], never>;

export function countsFrom(rows: readonly CountRow[]): PhaseCounts {
  const row = rows[0];
  const list = (json: string | undefined) => (json ? (JSON.parse(json) as string[]) : []);
  return {
    drafts: row?.drafts ?? 0,
    undecided: { count: row?.undecided ?? 0, applicationIds: list(row?.undecidedIds) },
    formsUnsubmitted: { count: row?.formsUnsubmitted ?? 0, applicationIds: list(row?.formsUnsubmittedIds) },
    unscored: { count: row?.unscored ?? 0, applicationIds: list(row?.unscoredIds) },
    recommended: row?.recommended ?? 0,
    objectionsOpen: { count: row?.objectionsOpen ?? 0, applicationIds: list(row?.objectionsOpenIds) },
    noticeRunning: (row?.noticeRunning ?? 0) > 0,
    outcomesMissing: { count: row?.outcomesMissing ?? 0, applicationIds: [] },
  };
}

/**
 * What must still hold when the phase change is written (the same rules as `phaseBlockers`), so a decision
 * undone or a form reopened between the read and the write cannot let a blocked round through.
 */
function stillUnblocked(scope: Pick<Scope, "tenantId">, roundId: string, from: Phase): SQL[] {
  const t = scope.tenantId;
  if (from === "city_review")
    return [sql`not exists (select 1 from applications a where ${inRound(t, roundId)} and a.status = 'submitted')`];
  if (from === "province_review")
    return [
      sql`not exists (select 1 ${unsubmittedSeats(t, roundId)})`,
      sql`not exists (select 1 ${unscoredApplications(t, roundId)})`,
      noOutcomeMissing(t, roundId),
    ];
  if (from === "notice")
    return [
      sql`not exists (select 1 ${openObjections(t, roundId)})`,
      sql`not exists (select 1 ${runningNotice(t, roundId)})`,
      noOutcomeMissing(t, roundId),
    ];
  return [];
}

/**
 * Moves the round one phase on, guarded by the phase and version the caller saw and by its blockers' absence as
 * it writes. `phaseMoved` is true in the same batch only after this update happened.
 */
export function checkedPhaseUpdate(
  db: Db,
  scope: Pick<Scope, "tenantId">,
  round: { id: string; phase: Phase; version: number },
  to: Phase,
) {
  return db
    .update(rounds)
    .set({ phase: to, version: round.version + 1 })
    .where(
      and(
        eq(rounds.tenantId, scope.tenantId),
        eq(rounds.id, round.id),
        eq(rounds.version, round.version),
        eq(rounds.phase, round.phase),
        ...stillUnblocked(scope, round.id, round.phase),
      ),
    );
}

/** True in the advance's batch only once the guarded update moved the round to `to` at `version + 1`. */
export function phaseMoved(
  db: Db,
  scope: Pick<Scope, "tenantId">,
  round: { id: string; version: number },
  to: Phase,
): SQL {
  return exists(
    db
      .select({ id: rounds.id })
      .from(rounds)
      .where(
        and(
          eq(rounds.tenantId, scope.tenantId),
          eq(rounds.id, round.id),
          eq(rounds.phase, to),
          eq(rounds.version, round.version + 1),
        ),
      ),
  );
}

/**
 * What leaving `from` does to the round's applications, written only if the phase moved: leaving applications
 * closes the drafts (kept for their units, marked not submitted); leaving provincial review marks the recommended
 * applications scored by the province.
 */
export function phaseEffectStatements(
  db: Db,
  scope: Pick<Scope, "tenantId">,
  round: { id: string; phase: Phase; version: number },
  to: Phase,
): BatchItem<"sqlite">[] {
  const moved = phaseMoved(db, scope, round, to);
  const move = (from: "draft" | "city_recommended", status: "not_submitted" | "province_scored") =>
    db
      .update(applications)
      .set({ status, version: sql`${applications.version} + 1`, updatedAt: nowIso() })
      .where(
        and(
          eq(applications.tenantId, scope.tenantId),
          eq(applications.roundId, round.id),
          eq(applications.status, from),
          moved,
        ),
      );
  if (round.phase === "applications_open") return [move("draft", "not_submitted")];
  if (round.phase === "province_review") return [move("city_recommended", "province_scored")];
  return [];
}

/**
 * The writes of moving a round on from its phase, as a guard and the statements that follow it only if it
 * matched: the checked phase update, the timeline entry, the effects on the applications and, when leaving
 * provincial review of a calibrated round, the refit from `observations` (the provincial totals read first).
 * Shared by the generic advance, publishing the notice and naming, which add their own statements after these.
 */
export function phaseChangeWrites(
  db: Db,
  scope: Scope,
  round: { id: string; phase: Phase; version: number },
  to: Phase,
  check: Pick<PhaseCheck, "effects">,
  observations: readonly Observation[],
  reason: string | null,
): { guard: BatchItem<"sqlite">; after: BatchItem<"sqlite">[] } {
  const { timeline } = phaseAdvance(db, scope, round, to, reason);
  const refit = check.effects.refitsCalibration
    ? calibrationWrites(
        db,
        scope,
        round.id,
        "province",
        calibrate(observations),
        nowIso(),
        phaseMoved(db, scope, round, to),
      )
    : [];
  return {
    guard: checkedPhaseUpdate(db, scope, round, to),
    after: [...timeline, ...phaseEffectStatements(db, scope, round, to), ...refit],
  };
}
