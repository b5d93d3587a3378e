import { type SQL, sql } from "drizzle-orm";
import { linkedItemCodes } from "./coverage.ts";
import type { Db } from "./db.ts";
import { countColumns } from "./phase-checks.ts";
import type { Scope } from "./scope.ts";

// What waits for the caller across the tenant's open rounds, one statement per kind of work, each counted per
// round; the route asks only for its role's kinds and reads them all in one batch.

/** Phases in which a round has work for someone (draft is the office's preparation, named is done). */
const OPEN = sql`('applications_open', 'city_review', 'province_review', 'notice')`;

/** The tenant's open rounds with their settings (phase end dates, panel size, sign-off departments). */
export function openRounds(db: Db, scope: Pick<Scope, "tenantId">) {
  return db
    .select({
      id: sql<string>`rs.id`,
      title: sql<string>`rs.title`,
      phase: sql<string>`rs.phase`,
      settings: sql<string>`rs.settings`,
    })
    .from(sql`rounds rs`)
    .where(sql`rs.tenant_id = ${scope.tenantId} and rs.phase in ${OPEN}`)
    .orderBy(sql`rs.year desc, rs.title`);
}

function underScope(scope: Scope, column = sql`a.jurisdiction_path`): SQL {
  const path = scope.jurisdictionPath ?? "\uffff";
  return sql`${column} >= ${path} and ${column} < ${`${path}\uffff`}`;
}

/** A per-round count: `round_id`, `n` and (a first few) application ids, from a FROM…WHERE fragment. */
function perRound(db: Db, from: SQL, where: SQL, roundColumn = sql`a.round_id`, idColumn = sql`a.id`) {
  return db
    .select({
      roundId: sql<string>`${roundColumn}`,
      count: sql<number>`count(*)`.mapWith(Number),
      ids: sql<string>`json_group_array(${idColumn})`,
    })
    .from(from)
    .where(where)
    .groupBy(roundColumn);
}

/** A reviewer's seats at the stage being scored now, without a submitted form. */
export function formsToScore(db: Db, scope: Scope) {
  return perRound(
    db,
    sql`assignments s join rounds rs on rs.id = s.round_id`,
    sql`s.tenant_id = ${scope.tenantId} and s.reviewer_user_id = ${scope.userId} and s.status = 'active'
      and ((rs.phase = 'city_review' and s.stage = 'city') or (rs.phase = 'province_review' and s.stage = 'province'))
      and not exists (select 1 from score_forms f where f.application_id = s.application_id and f.stage = s.stage
        and f.reviewer_user_id = s.reviewer_user_id and f.status = 'submitted')`,
    sql`s.round_id`,
    sql`s.application_id`,
  );
}

/** Submitted applications in scope awaiting the city's decision. */
export function decisionsDue(db: Db, scope: Scope) {
  return perRound(
    db,
    sql`applications a join rounds rs on rs.id = a.round_id`,
    sql`a.tenant_id = ${scope.tenantId} and rs.phase = 'city_review' and a.status = 'submitted'
      and ${underScope(scope)}`,
  );
}

/** Score changes in scope awaiting a second reviewer (not the caller's own proposals). */
export function changesToApprove(db: Db, scope: Scope) {
  return perRound(
    db,
    sql`score_changes c join applications a on a.id = c.application_id`,
    sql`c.tenant_id = ${scope.tenantId} and c.status = 'pending' and c.proposed_by <> ${scope.userId}
      and ${underScope(scope)}`,
    sql`c.round_id`,
  );
}

/** Applications in scope still lacking the caller's department's sign-off, where the round requires it. */
export function signoffsToGive(db: Db, scope: Scope) {
  const department = scope.department ?? "";
  return perRound(
    db,
    sql`applications a join rounds rs on rs.id = a.round_id`,
    sql`a.tenant_id = ${scope.tenantId} and rs.phase in ('city_review', 'province_review', 'notice')
      and exists (select 1 from json_each(rs.settings, '$.review.signoffDepartments') d where d.value = ${department})
      and a.status in ('submitted', 'city_recommended', 'province_scored', 'on_notice') and ${underScope(scope)}
      and not exists (select 1 from signoffs so where so.application_id = a.id and so.department = ${department})`,
  );
}

/** Conflicts reviewers declared that the round owner has not decided. */
export function conflictsToDecide(db: Db, scope: Scope) {
  return perRound(
    db,
    sql`conflicts a join rounds rs on rs.id = a.round_id`,
    sql`a.tenant_id = ${scope.tenantId} and a.status = 'declared' and rs.phase in ${OPEN}`,
    sql`a.round_id`,
    sql`a.application_id`,
  );
}

/** Applications at the stage being scored whose panel has fewer active seats than the round's panel size. */
export function shortPanels(db: Db, scope: Scope) {
  return perRound(
    db,
    sql`applications a join rounds rs on rs.id = a.round_id`,
    sql`a.tenant_id = ${scope.tenantId}
      and ((rs.phase = 'city_review' and a.status in ('submitted', 'city_recommended', 'city_not_recommended'))
        or (rs.phase = 'province_review' and a.status = 'city_recommended'))
      and (select count(*) from assignments s where s.application_id = a.id and s.status = 'active'
        and s.stage = case rs.phase when 'city_review' then 'city' else 'province' end)
        < coalesce(json_extract(rs.settings, '$.review.panelSize'), 3)`,
  );
}

/** The counts behind each open scoring round's phase blockers. */
export function roundBlockers(db: Db, scope: Scope) {
  return db
    .select({ roundId: sql<string>`rs.id`, ...countColumns(scope.tenantId, sql`rs.id`) })
    .from(sql`rounds rs`)
    .where(sql`rs.tenant_id = ${scope.tenantId} and rs.phase in ('city_review', 'province_review')`);
}

/** The unit's applications it may still edit: drafts while applications are open, returned ones while allowed. */
function unitEditable(scope: Scope): SQL {
  return sql`a.tenant_id = ${scope.tenantId} and a.unit_id = ${scope.unitId ?? ""}
    and ((a.status = 'draft' and rs.phase = 'applications_open')
      or (a.status = 'city_returned' and rs.phase in ('applications_open', 'city_review')))`;
}

/** The unit's drafts still to submit. */
export function unitDrafts(db: Db, scope: Scope) {
  return perRound(
    db,
    sql`applications a join rounds rs on rs.id = a.round_id`,
    sql`${unitEditable(scope)} and a.status = 'draft'`,
  );
}

/** Per editable application of the unit, its round's criteria items with nothing linked (counted per round). */
export function unitCoverageGaps(db: Db, scope: Scope) {
  return perRound(
    db,
    sql`applications a join rounds rs on rs.id = a.round_id
      join criteria_systems c on c.id = rs.criteria_system_id and c.tenant_id = rs.tenant_id,
      json_each(c.content, '$.categories') cat, json_each(cat.value, '$.items') i`,
    sql`${unitEditable(scope)} and json_extract(i.value, '$.code') not in ${linkedItemCodes()}`,
    sql`a.round_id`,
    sql`distinct a.id`,
  );
}

/** Per round, the unit's peers (互评) without a submitted form while the window is open; due when it closes. */
export function unitMutualPending(db: Db, scope: Scope) {
  const now = new Date().toISOString();
  return db
    .select({
      roundId: sql<string>`a.round_id`,
      count: sql<number>`count(*)`.mapWith(Number),
      ids: sql<string>`json_group_array(distinct a.id)`,
      dueDate: sql<string>`max(ma.closes_on)`,
    })
    .from(
      sql`mutual_assignments m join applications a on a.id = m.rater_application_id
        join mutual_assessments ma on ma.round_id = a.round_id`,
    )
    .where(
      sql`a.tenant_id = ${scope.tenantId} and a.unit_id = ${scope.unitId ?? ""} and m.submitted_at is null
        and ma.opens_at <= ${now} and ma.closes_at > ${now}`,
    )
    .groupBy(sql`a.round_id`);
}

/** The unit's applications the city returned for changes, kept apart from drafts: the return says what to fix. */
export function unitReturned(db: Db, scope: Scope) {
  return perRound(
    db,
    sql`applications a join rounds rs on rs.id = a.round_id`,
    sql`${unitEditable(scope)} and a.status = 'city_returned'`,
  );
}

/**
 * Per round, the base criteria items of the unit's editable applications that would stop a submission: no
 * self-assessment (a grade for graded items, points otherwise), no 说明, or fewer files than the item asks for —
 * the rule of worker/domain/evidence-rules.ts `itemGaps`, counted in SQL so the home needs no extra round trip.
 */
export function unitItemsMissing(db: Db, scope: Scope) {
  const code = sql`json_extract(i.value, '$.code')`;
  return perRound(
    db,
    sql`applications a join rounds rs on rs.id = a.round_id
      join criteria_systems c on c.id = rs.criteria_system_id and c.tenant_id = rs.tenant_id
      join json_each(c.content, '$.categories') cat join json_each(cat.value, '$.items') i
      left join application_items ai on ai.application_id = a.id and ai.item_code = ${code}`,
    sql`${unitEditable(scope)} and (ai.id is null
      or (case when json_extract(i.value, '$.mode') = 'graded' then coalesce(ai.self_grade, '') = ''
        else ai.self_points is null end)
      or trim(ai.note, char(32, 9, 10, 13, 12288)) = ''
      or (select count(*) from evidence_files f where f.application_id = a.id and f.item_code = ${code})
        < coalesce(json_extract(i.value, '$.evidence.minFiles'), 0))`,
    sql`a.round_id`,
    sql`distinct a.id`,
  );
}

/** Public objections (异议) in scope not yet decided, in rounds still open. */
export function objectionsOpen(db: Db, scope: Scope) {
  return perRound(
    db,
    sql`objections o join notice_entries e on e.id = o.entry_id join applications a on a.id = e.application_id
      join rounds rs on rs.id = o.round_id`,
    sql`o.tenant_id = ${scope.tenantId} and o.status in ('received', 'investigating') and rs.phase in ${OPEN}
      and ${underScope(scope)}`,
    sql`o.round_id`,
    sql`distinct a.id`,
  );
}

/**
 * Every open round with the applications it has received in scope (drafts and withdrawals aside), zero included:
 * the office sees each round's phase and the days left to its end even when nothing is in yet.
 */
export function roundIntake(db: Db, scope: Scope) {
  return db
    .select({
      roundId: sql<string>`rs.id`,
      count: sql<number>`count(a.id)`.mapWith(Number),
      ids: sql<string>`'[]'`,
    })
    .from(
      sql`rounds rs left join applications a on a.round_id = rs.id
        and a.status not in ('draft', 'not_submitted', 'withdrawn') and ${underScope(scope)}`,
    )
    .where(sql`rs.tenant_id = ${scope.tenantId} and rs.phase in ${OPEN}`)
    .groupBy(sql`rs.id`);
}

/** Registrations in scope waiting for approval: not tied to a round. */
export function unitsPending(db: Db, scope: Scope) {
  return db
    .select({ count: sql<number>`count(*)`.mapWith(Number) })
    .from(sql`units u`)
    .where(
      sql`u.tenant_id = ${scope.tenantId} and u.status = 'pending' and ${underScope(scope, sql`u.jurisdiction_path`)}`,
    );
}
