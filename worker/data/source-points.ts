// Points from the questionnaire and from peer units, kept on write (source_points): the batch that stores an answer
// or a peer's form recomputes the touched application's items here in ONE statement each, then its results, so
// concurrent answers cannot lose each other's counts and a ranking never reads raw answers.
import { type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { sourcePoints } from "../../db/schema.ts";
import type { SourceItem, SurveyRule } from "../domain/source-points.ts";
import { TRIM_FROM } from "../domain/source-points.ts";
import { type AggregationMode, STAGES } from "../domain/vocabulary.ts";
import { type Db, nowIso } from "./db.ts";
import { type ResultTarget, resultRefresh, sqlRound2 } from "./results.ts";

/**
 * A number from validated settings written into the statement rather than bound: D1 binds at most 100 values per
 * statement, and a questionnaire of graded items would need several per grade.
 */
function literal(value: number): SQL {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  return sql.raw(`(${String(value)})`);
}

/** The items as a table: column1 the code (bound, one value per item), column2 its position. */
const itemCodes = (items: readonly SourceItem[]) =>
  sql`(values ${sql.join(
    items.map((item, i) => sql`(${item.code}, ${literal(i)})`),
    sql`, `,
  )})`;

/** `case <position> when … then <points of that item> end`, one branch per item. */
function perItem(position: SQL, items: readonly SourceItem[], points: (item: SourceItem) => SQL): SQL {
  return sql`(case ${position} ${sql.join(
    items.map((item, i) => sql`when ${literal(i)} then ${points(item)}`),
    sql` `,
  )} else 0 end)`;
}

/** SQL of domain `ratePoints` over a rate column. */
function ratePointsSql(item: SourceItem, rate: SQL, gradeBands: readonly number[]): SQL {
  const clamped = sql`min(1.0, max(0.0, ${rate}))`;
  if (item.mode === "graded") {
    if (item.grades.length === 0) return sql`0`;
    const branches = item.grades.map(
      (grade, i) =>
        sql`when ${clamped} >= ${literal(gradeBands[i] ?? 0)} then ${sqlRound2(sql`${literal(item.maxPoints)} * ${literal(grade.share)}`)}`,
    );
    return sql`(case ${sql.join(branches, sql` `)} else 0 end)`;
  }
  return sqlRound2(sql`${clamped} * ${literal(item.maxPoints)}`);
}

/**
 * Upserts the same rows for every item, keeping a reviewer's entered points. The select must end in a WHERE:
 * SQLite would read the upsert's ON as a join's otherwise.
 */
function upsertSourcePoints(db: Db, select: SQL): BatchItem<"sqlite"> {
  // With raw SQL, drizzle inserts into the table's columns in schema order: the select follows that order.
  return db
    .insert(sourcePoints)
    .select(select)
    .onConflictDoUpdate({
      target: [sourcePoints.applicationId, sourcePoints.itemCode],
      set: {
        source: sql`excluded.source`,
        answers: sql`excluded.answers`,
        rate: sql`excluded.rate`,
        belowMinimum: sql`excluded.below_minimum`,
        points: sql`excluded.points`,
        updatedAt: sql`excluded.updated_at`,
      },
    });
}

/**
 * Recomputes the survey items of one application from its counted answers (respondents per item, mean value),
 * by the domain's `surveyItemPoints`: rate × max or the graded band at or above the minimum sample, else 0 or
 * the reviewer's entered points. One statement for the writing batch, before `extraPointsRefresh`.
 */
export function surveyPointsRefresh(
  db: Db,
  target: ResultTarget,
  items: readonly SourceItem[],
  rule: SurveyRule,
): BatchItem<"sqlite"> {
  const { tenantId, roundId, applicationId } = target;
  const answered = sql`a.application_id = ${applicationId} and a.item_code = i.column1 and a.counted = 1`;
  const below = sql`(v.n < ${literal(rule.minAnswers)} or v.rate is null)`;
  const fallback =
    rule.belowMinimum === "reviewer"
      ? (item: SourceItem) => sqlRound2(sql`min(${literal(item.maxPoints)}, max(0, coalesce(v.entered, 0)))`)
      : () => sql`0`;
  return upsertSourcePoints(
    db,
    sql`select ${applicationId}, v.code, ${tenantId}, ${roundId}, 'survey', v.n, v.rate, ${below}, v.entered,
        case when ${below} then ${perItem(sql`v.position`, items, fallback)}
          else ${perItem(sql`v.position`, items, (item) => ratePointsSql(item, sql`v.rate`, rule.gradeBands))} end,
        ${nowIso()}
      from (select i.column1 code, i.column2 position,
          (select count(distinct a.response_id) from survey_answers a where ${answered}) n,
          (select avg(a.value) from survey_answers a where ${answered}) rate,
          (select p.entered_points from source_points p where p.application_id = ${applicationId}
            and p.item_code = i.column1) entered
        from ${itemCodes(items)} i) v
      where true`,
  );
}

/**
 * Recomputes the mutual items of one application (the ratee) from its peers' SUBMITTED scores, by the domain's
 * `mutualItemPoints`: the mean, without the highest and lowest from TRIM_FROM peers on, within [0, max].
 */
export function mutualPointsRefresh(db: Db, target: ResultTarget, items: readonly SourceItem[]): BatchItem<"sqlite"> {
  const { tenantId, roundId, applicationId } = target;
  const given = sql`mutual_scores s join mutual_assignments m on m.rater_application_id = s.rater_application_id
    and m.ratee_application_id = s.ratee_application_id and m.submitted_at is not null
    where s.ratee_application_id = ${applicationId} and s.item_code = i.column1`;
  const mean = sql`case when v.n = 0 then null when v.n >= ${literal(TRIM_FROM)} then (v.total - v.lo - v.hi) / (v.n - 2.0)
    else v.total / v.n end`;
  return upsertSourcePoints(
    db,
    sql`select ${applicationId}, v.code, ${tenantId}, ${roundId}, 'mutual', v.n, ${mean}, v.n = 0, null,
        case when v.n = 0 then 0 else ${perItem(sql`v.position`, items, (item) => sqlRound2(sql`min(${literal(item.maxPoints)}, max(0, ${mean}))`))} end,
        ${nowIso()}
      from (select i.column1 code, i.column2 position, (select count(*) from ${given}) n, (select total(s.points) from ${given}) total,
          (select min(s.points) from ${given}) lo, (select max(s.points) from ${given}) hi
        from ${itemCodes(items)} i) v
      where true`,
  );
}

/** The application's results at both stages, after its source points changed (extraPoints is their sum). */
export function extraPointsRefresh(db: Db, target: ResultTarget, mode: AggregationMode): BatchItem<"sqlite">[] {
  return STAGES.map((stage) => resultRefresh(db, target, stage, mode));
}

/** A reviewer's points for an item below the minimum sample (or null to clear them), then the item's points. */
export function enteredPointsUpdate(db: Db, target: ResultTarget, itemCode: string, points: number | null) {
  return db
    .update(sourcePoints)
    .set({ enteredPoints: points, updatedAt: nowIso() })
    .where(
      sql`${sourcePoints.tenantId} = ${target.tenantId} and ${sourcePoints.applicationId} = ${target.applicationId}
        and ${sourcePoints.itemCode} = ${itemCode}`,
    );
}
