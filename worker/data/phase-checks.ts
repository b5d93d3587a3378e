import { and, eq, exists, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { applications, rounds } from "../../db/schema.ts";
import { BLOCKER_SAMPLE, type PhaseCounts } from "../domain/phase-checks.ts";
import type { Phase } from "../domain/vocabulary.ts";
import { type Db, nowIso } from "./db.ts";
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
