// A round's questionnaire (问卷调查) as the round owner keeps it, the per-unit survey links and the A4 poster.
import { and, eq, exists, isNotNull, notExists, type SQL, sql } from "drizzle-orm";
import { applications, rounds, scoreForms, sourcePoints, surveyResponses, surveys, units } from "../../db/schema.ts";
import type { Paging } from "../domain/paging.ts";
import { type Questionnaire, surveyWindow } from "../domain/questionnaire.ts";
import type { SurveyRule } from "../domain/source-points.ts";
import type { SurveyQuestionShape } from "../schemas/survey.ts";
import { insertWhere } from "./conditional.ts";
import { type Db, nowIso } from "./db.ts";
import type { Scope } from "./scope.ts";
import { responsesOfStatus, surveyApplicationsPage } from "./survey-applications.ts";
import { contains } from "./text-search.ts";
import type { ApplicationRef } from "./unit-access.ts";

type SurveyRow = typeof surveys.$inferSelect;

/** The row's questions; the JSON was validated by SaveSurveyBody when it was saved. */
export function questionsOf(row: Pick<SurveyRow, "questions">): SurveyQuestionShape[] {
  return JSON.parse(row.questions) as SurveyQuestionShape[];
}

/** How the row's answers turn into points: the minimum sample, what happens below it, the grade bands. */
export function surveyRuleOf(row: Pick<SurveyRow, "minAnswers" | "belowMinimum" | "gradeBands">): SurveyRule {
  return {
    minAnswers: row.minAnswers,
    belowMinimum: row.belowMinimum,
    gradeBands: JSON.parse(row.gradeBands) as number[],
  };
}

/** The row as the owner edits it (what `changesAnsweredParts` compares). */
export function questionnaireOf(row: SurveyRow): Questionnaire & { opensOn: string } {
  const rule = surveyRuleOf(row);
  return { questions: questionsOf(row), ...rule, gradeBands: [...rule.gradeBands], opensOn: row.opensOn };
}

/** Any response to the round's questionnaire, counted or not: from then on its scoring is fixed. */
const answeredIn = (db: Db, tenantId: string, roundId: string) =>
  db
    .select({ id: surveyResponses.id })
    .from(surveyResponses)
    .where(and(eq(surveyResponses.tenantId, tenantId), eq(surveyResponses.roundId, roundId)));

/** Points a reviewer entered for an item below the minimum: they were entered under the scoring as it stands. */
const enteredIn = (db: Db, tenantId: string, roundId: string) =>
  db
    .select({ id: sourcePoints.applicationId })
    .from(sourcePoints)
    .where(
      and(
        eq(sourcePoints.tenantId, tenantId),
        eq(sourcePoints.roundId, roundId),
        eq(sourcePoints.source, "survey"),
        isNotNull(sourcePoints.enteredPoints),
      ),
    );

/** Any reviewer score form of the round: from then on the set of sourced items is fixed. */
const scoredIn = (db: Db, tenantId: string, roundId: string) =>
  db
    .select({ id: scoreForms.id })
    .from(scoreForms)
    .where(and(eq(scoreForms.tenantId, tenantId), eq(scoreForms.roundId, roundId)));

/** Whether the round has answers (or entered points) and reviewer score forms, as one statement of a batch. */
export function surveyLocks(db: Db, scope: Pick<Scope, "tenantId">, roundId: string) {
  return db
    .select({
      answered: sql<number>`(${exists(answeredIn(db, scope.tenantId, roundId))}
        or ${exists(enteredIn(db, scope.tenantId, roundId))})`.mapWith(Boolean),
      scored: sql<number>`${exists(scoredIn(db, scope.tenantId, roundId))}`.mapWith(Boolean),
    })
    .from(sql`(select 1)`);
}

export interface SurveySave extends Questionnaire {
  opensOn: string;
  closesOn: string;
}

/**
 * The guarded write of a questionnaire over the version the owner saw (0 creates it). What the round's state
 * forbids is part of the guard, so an answer or a score form arriving after the checks still stops it:
 * `whileUnanswered` when the change touches what answers were given against, `whileUnscored` when it changes
 * the set of items the survey scores.
 */
export function surveySave(
  db: Db,
  scope: Pick<Scope, "tenantId">,
  roundId: string,
  version: number,
  body: SurveySave,
  locks: { whileUnanswered: boolean; whileUnscored: boolean },
) {
  const conditions: SQL[] = [];
  if (locks.whileUnanswered)
    conditions.push(
      notExists(answeredIn(db, scope.tenantId, roundId)),
      notExists(enteredIn(db, scope.tenantId, roundId)),
    );
  if (locks.whileUnscored) conditions.push(notExists(scoredIn(db, scope.tenantId, roundId)));
  const fields = {
    questions: JSON.stringify(body.questions),
    minAnswers: body.minAnswers,
    belowMinimum: body.belowMinimum,
    gradeBands: JSON.stringify(body.gradeBands),
    opensOn: body.opensOn,
    closesOn: body.closesOn,
    ...surveyWindow(body.opensOn, body.closesOn),
    version: version + 1,
    updatedAt: nowIso(),
  };
  const saved = and(eq(surveys.tenantId, scope.tenantId), eq(surveys.roundId, roundId));
  if (version === 0) {
    const [insert] = insertWhere(
      db,
      surveys,
      [{ roundId, tenantId: scope.tenantId, ...fields }],
      and(notExists(db.select({ id: surveys.roundId }).from(surveys).where(saved)), ...conditions) as SQL,
    );
    if (!insert) throw new Error("insertWhere made no statement for one row");
    return insert;
  }
  return db
    .update(surveys)
    .set(fields)
    .where(and(saved, eq(surveys.version, version), ...conditions));
}

/**
 * A page of the round's applications in the caller's scope (all but withdrawn ones), with the unit, its city and
 * the answers counted so far: what the survey links page lists.
 */
export function surveyLinksPage(db: Db, scope: Scope, roundId: string, q: string | undefined, page: Paging) {
  return surveyApplicationsPage(db, scope, roundId, q ? contains(units.name, q) : undefined, page, {
    counted: responsesOfStatus(applications.id, "counted"),
  });
}

/** What the application's poster prints, read through its proof of scope; no row without a questionnaire. */
export function surveyPosterLookup(db: Db, app: ApplicationRef) {
  return db
    .select({
      applicationId: applications.id,
      unitName: units.name,
      roundTitle: rounds.title,
      opensOn: surveys.opensOn,
      closesOn: surveys.closesOn,
      counted: responsesOfStatus(applications.id, "counted"),
    })
    .from(applications)
    .innerJoin(units, eq(units.id, applications.unitId))
    .innerJoin(rounds, eq(rounds.id, applications.roundId))
    .innerJoin(surveys, and(eq(surveys.roundId, applications.roundId), eq(surveys.tenantId, applications.tenantId)))
    .where(and(eq(applications.tenantId, app.tenantId), eq(applications.id, app.id), app.inScope))
    .limit(1);
}
