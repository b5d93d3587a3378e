// The public questionnaire (no login): a unit's survey as its link opens it, and the rows one answer writes. The
// office comes from the link's slug (an active office only); nothing here selects more than the form shows.
import { and, eq, ne } from "drizzle-orm";
import {
  applications,
  criteriaSystems,
  rounds,
  surveyAnswers,
  surveyResponses,
  surveys,
  tenants,
  units,
} from "../../db/schema.ts";
import type { AnswerRow } from "../domain/public-survey.ts";
import type { SurveyResponseStatus } from "../domain/vocabulary.ts";
import type { Db } from "./db.ts";
import type { ResultTarget } from "./results.ts";

/** What a survey link names: the office's slug and the application; its key is checked against the signing key. */
export interface SurveyLink {
  slug: string;
  applicationId: string;
}

const linked = (link: SurveyLink) =>
  and(
    eq(tenants.slug, link.slug),
    eq(tenants.status, "active"),
    eq(applications.id, link.applicationId),
    ne(applications.status, "withdrawn"),
  );

/**
 * The linked application with its unit's name, its round and the round's questionnaire, as one statement of a
 * batch; no row when the office, the application (withdrawn included) or the questionnaire is unknown. The
 * questionnaire is joined here rather than read by `surveyLookup`: the round is only known from this very row.
 */
export function surveyLinkLookup(db: Db, link: SurveyLink) {
  return db
    .select({
      tenantId: applications.tenantId,
      roundId: applications.roundId,
      applicationId: applications.id,
      unitName: units.name,
      roundTitle: rounds.title,
      phase: rounds.phase,
      roundSettings: rounds.settings,
      questions: surveys.questions,
      minAnswers: surveys.minAnswers,
      belowMinimum: surveys.belowMinimum,
      gradeBands: surveys.gradeBands,
      opensOn: surveys.opensOn,
      closesOn: surveys.closesOn,
      opensAt: surveys.opensAt,
      closesAt: surveys.closesAt,
    })
    .from(applications)
    .innerJoin(tenants, eq(tenants.id, applications.tenantId))
    .innerJoin(units, and(eq(units.tenantId, applications.tenantId), eq(units.id, applications.unitId)))
    .innerJoin(rounds, and(eq(rounds.tenantId, applications.tenantId), eq(rounds.id, applications.roundId)))
    .innerJoin(surveys, and(eq(surveys.tenantId, applications.tenantId), eq(surveys.roundId, applications.roundId)))
    .where(linked(link))
    .limit(1);
}

/** The criteria system of the linked application's round (its items' points), for the answer's batch. */
export function surveyLinkCriteria(db: Db, link: SurveyLink) {
  return db
    .select({
      id: criteriaSystems.id,
      frozen: criteriaSystems.frozen,
      rev: criteriaSystems.rev,
      content: criteriaSystems.content,
    })
    .from(applications)
    .innerJoin(tenants, eq(tenants.id, applications.tenantId))
    .innerJoin(rounds, and(eq(rounds.tenantId, applications.tenantId), eq(rounds.id, applications.roundId)))
    .innerJoin(
      criteriaSystems,
      and(eq(criteriaSystems.tenantId, rounds.tenantId), eq(criteriaSystems.id, rounds.criteriaSystemId)),
    )
    .where(linked(link))
    .limit(1);
}

/** Whether this device already answered for the linked application (a row of its id, or none). */
export function deviceAnswered(db: Db, link: SurveyLink, deviceHash: string) {
  return db
    .select({ id: surveyResponses.id })
    .from(surveyResponses)
    .innerJoin(tenants, eq(tenants.id, surveyResponses.tenantId))
    .where(
      and(
        eq(tenants.slug, link.slug),
        eq(surveyResponses.applicationId, link.applicationId),
        eq(surveyResponses.deviceHash, deviceHash),
      ),
    )
    .limit(1);
}

export interface NewResponse {
  id: string;
  deviceHash: string;
  networkHash: string;
  durationSeconds: number;
  status: SurveyResponseStatus;
  createdAt: string;
}

/** Answer rows per insert: 7 bound parameters each, under D1's 100 per statement. */
const ANSWERS_PER_INSERT = 14;

/** The response and its answers (each carrying whether it counts), as statements for the answer's batch. */
export function responseInserts(db: Db, target: ResultTarget, response: NewResponse, rows: readonly AnswerRow[]) {
  const counted = response.status === "counted";
  const answers = rows.map((row) => ({
    responseId: response.id,
    questionId: row.questionId,
    tenantId: target.tenantId,
    applicationId: target.applicationId,
    itemCode: row.itemCode,
    value: row.value,
    counted,
  }));
  const chunks = Array.from({ length: Math.ceil(answers.length / ANSWERS_PER_INSERT) }, (_, i) =>
    answers.slice(i * ANSWERS_PER_INSERT, (i + 1) * ANSWERS_PER_INSERT),
  );
  return [
    db.insert(surveyResponses).values({ ...response, ...target }),
    ...chunks.map((chunk) => db.insert(surveyAnswers).values(chunk)),
  ] as const;
}
