import { and, eq, exists, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { applicationResults, reviewerOffsets, rounds, scoreForms } from "../../db/schema.ts";
import type { Calibration } from "../domain/scoring/aggregate.ts";
import type { Stage } from "../domain/vocabulary.ts";
import { insertWhere } from "./conditional.ts";
import type { Db } from "./db.ts";
import { sqlRound2 } from "./results.ts";
import type { Scope } from "./scope.ts";

// A round's results as a whole: the submitted totals the calibration is fitted on, and the refit written back
// (the reviewers' offsets, then every aggregate at the stage recomputed from them in one statement).

/**
 * The submitted forms' totals of one of the caller's tenant's rounds at a stage (the observations of `calibrate`
 * and `reviewerConsistency`); `onlyIf` restricts the read to when a condition on the round holds.
 */
export function submittedTotals(
  db: Db,
  scope: Pick<Scope, "tenantId">,
  roundId: string,
  stage: Stage | SQL,
  onlyIf?: SQL,
) {
  return db
    .select({
      reviewerId: scoreForms.reviewerUserId,
      applicationId: scoreForms.applicationId,
      total: scoreForms.total,
    })
    .from(scoreForms)
    .where(
      and(
        eq(scoreForms.tenantId, scope.tenantId),
        eq(scoreForms.roundId, roundId),
        typeof stage === "string" ? eq(scoreForms.stage, stage) : sql`${scoreForms.stage} = ${stage}`,
        eq(scoreForms.status, "submitted"),
        onlyIf,
      ),
    );
}

/** True when the round is in `phase` and aggregates by calibration (settings JSON; the default is trimmed). */
export function calibratedIn(db: Db, scope: Pick<Scope, "tenantId">, roundId: string, phase: string): SQL {
  return exists(
    db
      .select({ id: rounds.id })
      .from(rounds)
      .where(
        and(
          eq(rounds.tenantId, scope.tenantId),
          eq(rounds.id, roundId),
          eq(rounds.phase, phase as "province_review"),
          sql`json_extract(${rounds.settings}, '$.review.aggregation') = 'calibrated'`,
        ),
      ),
  );
}

/**
 * The refit written back: the stage's offsets replaced by the fitted ones, then each result's aggregate
 * recomputed as resultRefresh does in calibrated mode (the panel's mean of total − offset, plus extraPoints,
 * rounded), so the maintained results and the consistency check keep agreeing. `condition` (e.g. "the phase
 * moved") must hold for any of it to happen.
 */
export function calibrationWrites(
  db: Db,
  scope: Pick<Scope, "tenantId">,
  roundId: string,
  stage: Stage,
  calibration: Calibration,
  fittedAt: string,
  condition: SQL = sql`1`,
): BatchItem<"sqlite">[] {
  const rows = [...calibration.offsets.entries()].map(([reviewerUserId, o]) => ({
    tenantId: scope.tenantId,
    roundId,
    stage,
    reviewerUserId,
    offset: o.offset,
    applications: o.applications,
    flagged: o.flagged,
    fittedAt,
  }));
  const panelMean = sql`(select avg(f.total - coalesce(o."offset", 0)) from score_forms f
    left join reviewer_offsets o on o.round_id = f.round_id and o.stage = f.stage
      and o.reviewer_user_id = f.reviewer_user_id
    where f.tenant_id = ${scope.tenantId} and f.application_id = application_results.application_id
      and f.stage = ${stage} and f.status = 'submitted')`;
  return [
    db
      .delete(reviewerOffsets)
      .where(
        and(
          eq(reviewerOffsets.tenantId, scope.tenantId),
          eq(reviewerOffsets.roundId, roundId),
          eq(reviewerOffsets.stage, stage),
          condition,
        ),
      ),
    ...(rows.length ? insertWhere(db, reviewerOffsets, rows, condition) : []),
    db
      .update(applicationResults)
      .set({
        aggregate: sql`${sqlRound2(sql`${panelMean} + ${applicationResults.extraPoints}`)}`,
        updatedAt: fittedAt,
      })
      .where(
        and(
          eq(applicationResults.tenantId, scope.tenantId),
          eq(applicationResults.roundId, roundId),
          eq(applicationResults.stage, stage),
          condition,
        ),
      ),
  ];
}

// ─── Reads over a whole round: score export, rollups, reviewer consistency ──────────────────────────

/** Statuses that count as recommended by the city (now or on the way to naming). */
const RECOMMENDED = sql`('city_recommended', 'province_scored', 'on_notice', 'awarded', 'not_awarded')`;

/** Applications under the caller's scope node (alias `a`). */
function underScope(scope: Scope): SQL {
  const path = scope.jurisdictionPath ?? "\uffff";
  return sql`a.jurisdiction_path >= ${path} and a.jurisdiction_path < ${`${path}\uffff`}`;
}

/** The caller sits on `a` at `stage` with an active seat and has not submitted: its scores are hidden from them. */
function blindOn(userId: string, stage: SQL): SQL {
  return sql`exists (select 1 from assignments s where s.application_id = a.id and s.stage = ${stage}
    and s.reviewer_user_id = ${userId} and s.status = 'active'
    and not exists (select 1 from score_forms f2 where f2.application_id = a.id and f2.stage = ${stage}
      and f2.reviewer_user_id = ${userId} and f2.status = 'submitted'))`;
}

/** Most score rows one export carries (about 8 MB of CSV); `scoreRows` reads one more to tell it was cut. */
export const CSV_MAX_ROWS = 100_000;

/** Every score of the round's submitted forms in the caller's scope, except where the caller is still blind. */
export function scoreRows(db: Db, scope: Scope, roundId: string) {
  const t = scope.tenantId;
  return (
    db
      .select({
        applicationId: sql<string>`a.id`,
        unitName: sql<string>`u.name`,
        city: sql<string | null>`cj.name`,
        reviewerId: sql<string>`f.reviewer_user_id`,
        stage: sql<Stage>`f.stage`,
        itemCode: sql<string>`s.item_code`,
        points: sql<number | null>`s.points`,
        grade: sql<string | null>`s.grade`,
      })
      .from(
        sql`scores s join score_forms f on f.id = s.form_id
        join applications a on a.id = f.application_id
        join units u on u.id = a.unit_id
        left join jurisdictions cj on cj.id = u.city_id`,
      )
      .where(
        sql`f.tenant_id = ${t} and f.round_id = ${roundId} and f.status = 'submitted' and ${underScope(scope)}
        and not ${blindOn(scope.userId, sql`f.stage`)}`,
      )
      // By stage and reviewer (the forms' index order): sorting half a million scores by unit costs seconds.
      .orderBy(sql`f.stage, f.reviewer_user_id, f.application_id, s.item_code`)
      .limit(CSV_MAX_ROWS + 1)
  );
}

/** Histogram bins of this width (points). */
export const ROLLUP_BIN = 10;

/**
 * Per group of the round's applications in the caller's scope at the ranking stage, for places (cities, or the
 * counties of a city reviewer's city), sectors and the whole scope, in ONE statement (the rows are read once, a
 * materialized CTE inside a statement that still starts with `select`): how many, recommended, vetoed, scored
 * (visible to the caller), mean and median aggregate of the scored ones (vetoed and blind ones left out), their
 * histogram bins as a JSON list, and the panels' progress (active seats, submitted among them). `dim` says which
 * grouping a row belongs to.
 */
export function rollupGroups(db: Db, scope: Scope, roundId: string, places: "city" | "county") {
  const t = scope.tenantId;
  const stage = sql`st.stage`;
  const place =
    places === "city"
      ? { key: sql`u.city_id`, name: sql`cj.name` }
      : { key: sql`u.jurisdiction_id`, name: sql`j.name` };
  const base = sql`select ${place.key} place_key, ${place.name} place_name, u.sector_id sector_key,
      se.name sector_name,
      case when r.aggregate is not null and coalesce(r.vetoed, 0) = 0 and not ${blindOn(scope.userId, stage)}
        then 1 else 0 end v,
      r.aggregate agg, coalesce(r.vetoed, 0) vetoed,
      case when a.status in ${RECOMMENDED} then 1 else 0 end rec,
      (select count(*) from assignments s where s.application_id = a.id and s.stage = ${stage}
        and s.status = 'active') seats,
      (select count(*) from assignments s join score_forms f on f.application_id = s.application_id
        and f.stage = s.stage and f.reviewer_user_id = s.reviewer_user_id and f.status = 'submitted'
        where s.application_id = a.id and s.stage = ${stage} and s.status = 'active') done
    from (select rs.id round_id, case when rs.phase in ('draft', 'applications_open', 'city_review') then 'city'
        else 'province' end stage from rounds rs where rs.tenant_id = ${t} and rs.id = ${roundId}) st
    join applications a on a.tenant_id = ${t} and a.round_id = st.round_id
    join units u on u.id = a.unit_id
    left join jurisdictions j on j.id = u.jurisdiction_id
    left join jurisdictions cj on cj.id = u.city_id
    left join sectors se on se.id = u.sector_id
    left join application_results r on r.application_id = a.id and r.stage = st.stage
    where ${underScope(scope)} and ((st.stage = 'city' and a.status not in ('draft', 'not_submitted', 'withdrawn'))
      or (st.stage = 'province' and a.status in ${RECOMMENDED}))`;
  const grouped = (dim: string, key: string, name: string) =>
    sql.raw(`select '${dim}' dim, g.gkey, max(g.gname) gname, count(*) applications, sum(g.rec) recommended,
        sum(g.vetoed) vetoed, sum(g.v) scored, avg(case when g.v = 1 then g.agg end) mean,
        avg(case when g.v = 1 and g.rn in ((g.n + 1) / 2, (g.n + 2) / 2) then g.agg end) median,
        json_group_array(case when g.v = 1 then cast(g.agg / ${ROLLUP_BIN} as integer) * ${ROLLUP_BIN} end) bins,
        sum(g.seats) assigned, sum(g.done) submitted
      from (select b.*, ${key} gkey, ${name} gname,
          row_number() over (partition by ${key}, b.v order by b.agg) rn, sum(b.v) over (partition by ${key}) n
        from b) g
      group by g.gkey`);
  const statement = sql`with b as materialized (${base})
    ${grouped("place", "b.place_key", "b.place_name")}
    union all ${grouped("sector", "b.sector_key", "b.sector_name")}
    union all ${grouped("total", "null", "null")}`;
  const n = (column: string) => sql<number>`${sql.raw(`g.${column}`)}`.mapWith(Number);
  const maybe = (column: string) =>
    sql<number | null>`${sql.raw(`g.${column}`)}`.mapWith((x: unknown) => (x === null ? null : Number(x)));
  return db
    .select({
      dim: sql<"place" | "sector" | "total">`g.dim`,
      id: sql<string | null>`g.gkey`,
      name: sql<string | null>`g.gname`,
      applications: n("applications"),
      recommended: n("recommended"),
      vetoed: n("vetoed"),
      scored: n("scored"),
      mean: maybe("mean"),
      median: maybe("median"),
      bins: sql<string>`g.bins`,
      assigned: n("assigned"),
      submitted: n("submitted"),
    })
    .from(sql`(${statement}) g`)
    .orderBy(sql`g.dim, g.applications desc, g.gname`);
}

/**
 * The base items where units lose most points across the tenant's round at its ranking stage: the mean of
 * (max − points) over the submitted forms' scores (graded items at their grade's share of the maximum), top 10.
 * The scores are summed per item and grade first (one pass over the round's scores, no join per score row), then
 * the few sums meet the criteria system's items.
 */
export function lossItems(db: Db, scope: Pick<Scope, "tenantId">, roundId: string) {
  const t = scope.tenantId;
  const items = sql`select json_extract(i.value, '$.code') code, json_extract(i.value, '$.title') title,
      json_extract(i.value, '$.maxPoints') mx, json_extract(i.value, '$.mode') mode,
      json_extract(i.value, '$.grades') grades
    from rounds rs join criteria_systems c on c.id = rs.criteria_system_id,
      json_each(c.content, '$.categories') cat, json_each(cat.value, '$.items') i
    where rs.tenant_id = ${t} and rs.id = ${roundId}`;
  const sums = sql`select s.item_code, s.grade, count(*) n, sum(min(max(coalesce(s.points, 0), 0), 1000)) pts
    from score_forms f join scores s on s.form_id = f.id
    where f.tenant_id = ${t} and f.round_id = ${roundId} and f.status = 'submitted'
      and f.stage = (select case when rs.phase in ('draft', 'applications_open', 'city_review') then 'city'
        else 'province' end from rounds rs where rs.tenant_id = ${t} and rs.id = ${roundId})
    group by s.item_code, s.grade`;
  // Points as scored (a save refuses points above the maximum); a grade earns its share of the maximum.
  const earned = sql`sum(case when it.mode = 'graded'
      then it.mx * coalesce((select json_extract(g.value, '$.share') from json_each(it.grades) g
        where json_extract(g.value, '$.grade') = sg.grade), 0) * sg.n
      else min(sg.pts, it.mx * sg.n) end)`;
  const loss = sql`max(it.mx) - ${earned} / sum(sg.n)`;
  return db
    .select({
      itemCode: sql<string>`it.code`,
      title: sql<string>`max(it.title)`,
      maxPoints: sql<number>`max(it.mx)`.mapWith(Number),
      meanLoss: sql<number>`${loss}`.mapWith(Number),
    })
    .from(sql`(${sums}) sg join (${items}) it on it.code = sg.item_code`)
    .groupBy(sql`it.code`)
    .orderBy(sql`${loss} desc, it.code`)
    .limit(10);
}

/** The calibrated offsets of a round at a stage, with the reviewers' names. */
export function offsetsAt(db: Db, scope: Pick<Scope, "tenantId">, roundId: string, stage: SQL) {
  return db
    .select({
      reviewerId: reviewerOffsets.reviewerUserId,
      offset: reviewerOffsets.offset,
      flagged: reviewerOffsets.flagged,
      fittedAt: reviewerOffsets.fittedAt,
    })
    .from(reviewerOffsets)
    .where(
      and(
        eq(reviewerOffsets.tenantId, scope.tenantId),
        eq(reviewerOffsets.roundId, roundId),
        sql`${reviewerOffsets.stage} = ${stage}`,
      ),
    );
}

/** The names of everyone who has a form in the round. */
export function formReviewers(db: Db, scope: Pick<Scope, "tenantId">, roundId: string) {
  return db
    .selectDistinct({ id: sql<string>`u.id`, name: sql<string>`u.display_name` })
    .from(sql`score_forms f join users u on u.id = f.reviewer_user_id`)
    .where(sql`f.tenant_id = ${scope.tenantId} and f.round_id = ${roundId}`);
}

/**
 * A guard that changes nothing but matches only while the round is at the phase and version it was read at:
 * the refit and its audit event are written only then.
 */
export function roundPhaseHeld(
  db: Db,
  scope: Pick<Scope, "tenantId">,
  round: { id: string; phase: string; version: number },
) {
  return db
    .update(rounds)
    .set({ version: sql`${rounds.version}` })
    .where(
      and(
        eq(rounds.tenantId, scope.tenantId),
        eq(rounds.id, round.id),
        eq(rounds.version, round.version),
        sql`${rounds.phase} = ${round.phase}`,
      ),
    );
}
