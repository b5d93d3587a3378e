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
