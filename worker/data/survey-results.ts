// 问卷调查 results: per application the counted and too-fast responses, a burst flag and its survey items' kept
// points (source_points); per application its responses over time. Plus the sourced items of an application's
// round, which the score form refuses and shows read-only.
import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import { applications, mutualAssessments, sourcePoints, surveyResponses, surveys, units } from "../../db/schema.ts";
import type { Paging } from "../domain/paging.ts";
import { BURST_ANSWERS, BURST_MINUTES } from "../domain/survey-bursts.ts";
import type { Db } from "./db.ts";
import type { Scope } from "./scope.ts";
import { responsesOfStatus, surveyApplicationsPage } from "./survey-applications.ts";
import type { ApplicationRef } from "./unit-access.ts";

/**
 * True when some response of the application opens a burst: BURST_ANSWERS or more responses of its network
 * from its instant to BURST_MINUTES later — the domain's `surveyBursts` finds a burst exactly then (a window
 * of K sorted responses within W minutes starts at one of them). ISO instants with milliseconds compare as text.
 */
const burstOf = (applicationId: SQL | typeof applications.id) =>
  sql<number>`exists (select 1 from ${surveyResponses} r where r.application_id = ${applicationId}
    and (select count(*) from ${surveyResponses} r2 where r2.tenant_id = r.tenant_id and r2.round_id = r.round_id
      and r2.application_id = r.application_id and r2.created_at >= r.created_at
      and r2.created_at <= strftime('%Y-%m-%dT%H:%M:%fZ', r.created_at, ${`+${BURST_MINUTES} minutes`})
      and r2.network_hash = r.network_hash) >= ${BURST_ANSWERS})`.mapWith(Boolean);

/** The application's survey items' kept points as a JSON array (parsed by `storedItemsOf`). */
const surveyItemsOf = (applicationId: SQL | typeof applications.id) =>
  sql<string>`(select json_group_array(json_object('itemCode', p.item_code, 'answers', p.answers, 'rate', p.rate,
      'points', p.points, 'belowMinimum', p.below_minimum, 'enteredPoints', p.entered_points))
    from ${sourcePoints} p where p.application_id = ${applicationId} and p.source = 'survey')`;

export interface StoredSourcePoints {
  itemCode: string;
  answers: number;
  rate: number | null;
  points: number;
  belowMinimum: boolean;
  enteredPoints: number | null;
}

/** The kept survey points read as JSON by the results page (SQLite booleans come as 0/1). */
export function storedItemsOf(json: string): StoredSourcePoints[] {
  return (JSON.parse(json) as Array<StoredSourcePoints & { belowMinimum: number | boolean }>).map((p) => ({
    ...p,
    belowMinimum: Boolean(p.belowMinimum),
  }));
}

/**
 * A page of the round's applications in the caller's scope (all but withdrawn ones, optionally of one city) with
 * their responses, burst flag and kept survey points: the results page, in ONE statement with its total.
 */
export function surveyResultsPage(db: Db, scope: Scope, roundId: string, cityId: string | undefined, page: Paging) {
  return surveyApplicationsPage(db, scope, roundId, cityId ? eq(units.cityId, cityId) : undefined, page, {
    counted: responsesOfStatus(applications.id, "counted"),
    tooFast: responsesOfStatus(applications.id, "too_fast"),
    burst: burstOf(applications.id),
    items: surveyItemsOf(applications.id),
  });
}

/** The questionnaire of the application's round, read through its proof of scope; no row without one. */
export function surveyOfApplication(db: Db, app: ApplicationRef) {
  return db
    .select({ survey: surveys })
    .from(applications)
    .innerJoin(surveys, and(eq(surveys.roundId, applications.roundId), eq(surveys.tenantId, applications.tenantId)))
    .where(and(eq(applications.tenantId, app.tenantId), eq(applications.id, app.id), app.inScope))
    .limit(1);
}

/** The application's kept source points (both sources), by item code. */
export function sourcePointsOf(db: Db, app: ApplicationRef) {
  return db
    .select({
      itemCode: sourcePoints.itemCode,
      source: sourcePoints.source,
      answers: sourcePoints.answers,
      rate: sourcePoints.rate,
      points: sourcePoints.points,
      belowMinimum: sourcePoints.belowMinimum,
      enteredPoints: sourcePoints.enteredPoints,
    })
    .from(sourcePoints)
    .where(and(eq(sourcePoints.tenantId, app.tenantId), eq(sourcePoints.applicationId, app.id), app.inScope))
    .orderBy(asc(sourcePoints.itemCode));
}

/**
 * The responses the answers-over-time chart and the burst list are drawn from, oldest first. Bounded: far more
 * than one unit's questionnaire gathers in a window; beyond it the newest are left out.
 */
export const MAX_TIMELINE_RESPONSES = 5000;

export function responsesOf(db: Db, app: ApplicationRef) {
  return db
    .select({
      networkHash: surveyResponses.networkHash,
      status: surveyResponses.status,
      createdAt: surveyResponses.createdAt,
    })
    .from(surveyResponses)
    .where(and(eq(surveyResponses.tenantId, app.tenantId), eq(surveyResponses.applicationId, app.id), app.inScope))
    .orderBy(asc(surveyResponses.createdAt))
    .limit(MAX_TIMELINE_RESPONSES);
}

/**
 * The round's sourced-item settings for the application (its questionnaire's questions, its mutual items), as
 * JSON texts or null: one row whenever the application is in scope.
 */
export function sourceSettingsOfApplication(db: Db, app: ApplicationRef) {
  return db
    .select({ questions: surveys.questions, mutualItems: mutualAssessments.itemCodes })
    .from(applications)
    .leftJoin(surveys, and(eq(surveys.roundId, applications.roundId), eq(surveys.tenantId, applications.tenantId)))
    .leftJoin(
      mutualAssessments,
      and(eq(mutualAssessments.roundId, applications.roundId), eq(mutualAssessments.tenantId, applications.tenantId)),
    )
    .where(and(eq(applications.tenantId, app.tenantId), eq(applications.id, app.id), app.inScope))
    .limit(1);
}
