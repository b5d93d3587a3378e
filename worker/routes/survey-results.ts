// 问卷调查 results: per unit and item the satisfaction rate and the points it earns, answers over time, bursts.
import { createRoute, z } from "@hono/zod-openapi";
import type { BatchResponse } from "drizzle-orm/batch";
import { criteriaOfApplication } from "../data/applications.ts";
import { auditEvent, runAuditedThenRead } from "../data/audit.ts";
import { criteriaFound } from "../data/criteria.ts";
import type { Db } from "../data/db.ts";
import { scoringApplication, scoringApplicationFound } from "../data/panels.ts";
import { roundCriteria, roundFound, roundLookup, roundOfApplication } from "../data/rounds.ts";
import type { Scope } from "../data/scope.ts";
import { enteredPointsUpdate, extraPointsRefresh, surveyPointsRefresh } from "../data/source-points.ts";
import { surveyLookup } from "../data/source-settings.ts";
import {
  responsesOf,
  type StoredSourcePoints,
  sourcePointsOf,
  storedItemsOf,
  surveyOfApplication,
  surveyResultsPage,
} from "../data/survey-results.ts";
import { questionsOf, surveyRuleOf } from "../data/surveys.ts";
import { type ApplicationRef, applicationRef } from "../data/unit-access.ts";
import { roundPoints } from "../domain/criteria.ts";
import { paging } from "../domain/paging.ts";
import { type SourceItem, surveySourceItems } from "../domain/source-points.ts";
import { answersPerHour, surveyBursts } from "../domain/survey-bursts.ts";
import { ApiError, invalidFields } from "../errors.ts";
import { requireRole } from "../middleware/tenant-scope.ts";
import { createRouter } from "../router.ts";
import { ApplicationParams } from "../schemas/applications.ts";
import { errorResponses, IdParam, jsonBody, jsonResponse } from "../schemas/common.ts";
import type { CriteriaDocument } from "../schemas/criteria.ts";
import { ApplicationSurvey, EnterSourcePointsBody, SurveyResults, SurveyResultsQuery } from "../schemas/survey.ts";

const officeAndReviewers = [requireRole("tenant_admin", "reviewer")];
const RoundParams = z.object({ tenant: z.string().min(1).max(64), id: IdParam });

const readResults = createRoute({
  method: "get",
  path: "/rounds/{id}/survey/results",
  tags: ["survey"],
  summary:
    "Per application in the caller's scope: counted and too-fast responses, a burst flag, and per survey item the satisfaction rate and the points it earns: the office and reviewers",
  middleware: officeAndReviewers,
  request: { params: RoundParams, query: SurveyResultsQuery },
  responses: { 200: jsonResponse("The results", SurveyResults), ...errorResponses(400, 401, 403, 404) },
});

const readApplication = createRoute({
  method: "get",
  path: "/applications/{id}/survey",
  tags: ["survey"],
  summary:
    "One application's survey items (rate, points, below the minimum), its answers per hour and the bursts from one network: the office and reviewers in scope",
  middleware: officeAndReviewers,
  request: { params: ApplicationParams },
  responses: { 200: jsonResponse("The application's survey", ApplicationSurvey), ...errorResponses(401, 403, 404) },
});

const enterPoints = createRoute({
  method: "put",
  path: "/applications/{id}/survey/entered",
  tags: ["survey"],
  summary:
    "Enter (or clear, with null) the points of a survey item below the minimum sample, when the round's rule lets reviewers enter them",
  middleware: officeAndReviewers,
  request: { params: ApplicationParams, body: jsonBody(EnterSourcePointsBody) },
  responses: {
    200: jsonResponse("The application's survey", ApplicationSurvey),
    ...errorResponses(400, 401, 403, 404, 409, 415),
  },
});

/** The questionnaire's items (each once, in the system's order) with their titles. */
function surveyItems(doc: CriteriaDocument, questions: ReadonlyArray<{ itemCode: string }>) {
  const base = doc.categories.flatMap((c) => c.items);
  const titles = new Map(base.map((item) => [item.code, item.title]));
  return surveySourceItems(base, questions).map((item) => ({ ...item, title: titles.get(item.code) ?? item.code }));
}

/** Each item's kept points, or what an item nobody answered yet stands at (no row is kept before a first answer). */
function itemPointsOf(items: readonly SourceItem[], stored: readonly StoredSourcePoints[]) {
  const byCode = new Map(stored.map((p) => [p.itemCode, p]));
  return items.map(
    (item) =>
      byCode.get(item.code) ?? {
        itemCode: item.code,
        answers: 0,
        rate: null,
        points: 0,
        belowMinimum: true,
        enteredPoints: null,
      },
  );
}

const itemRef = ({ code, title, maxPoints, mode }: ReturnType<typeof surveyItems>[number]) => ({
  code,
  title,
  maxPoints,
  mode,
});

function applicationStatements(db: Db, ref: ApplicationRef) {
  return [
    scoringApplication(db, ref),
    roundOfApplication(db, ref),
    criteriaOfApplication(db, ref),
    surveyOfApplication(db, ref),
    sourcePointsOf(db, ref),
    responsesOf(db, ref),
  ] as const;
}

/** The application, its round, the questionnaire's items and rule, or 404 (`survey_not_configured` without one). */
function applicationContext(
  scope: Scope,
  [app, round, criteria, survey, points, responses]: BatchResponse<ReturnType<typeof applicationStatements>>,
) {
  const found = scoringApplicationFound(app);
  const row = survey[0]?.survey;
  if (!row) throw new ApiError("survey_not_configured");
  const rule = surveyRuleOf(row);
  const items = surveyItems(criteriaFound(criteria).doc, questionsOf(row));
  const stored = points
    .filter((p) => p.source === "survey")
    .map(({ source: _, ...p }) => ({ ...p, belowMinimum: Boolean(p.belowMinimum) }));
  const view = {
    applicationId: found.id,
    unitName: found.unitName,
    minAnswers: rule.minAnswers,
    belowMinimum: rule.belowMinimum,
    counted: responses.filter((r) => r.status === "counted").length,
    tooFast: responses.filter((r) => r.status === "too_fast").length,
    items: itemPointsOf(items, stored).map((p, i) => ({
      ...p,
      title: items[i]?.title ?? p.itemCode,
      maxPoints: items[i]?.maxPoints ?? 0,
    })),
    timeline: answersPerHour(responses),
    bursts: surveyBursts(responses),
    // The route admits only the office and reviewers in scope; the round's rule decides.
    canEnter: rule.belowMinimum === "reviewer" && (scope.role === "tenant_admin" || scope.role === "reviewer"),
  };
  return { app: found, round: roundFound(round), rule, items, view };
}

export const surveyResultRoutes = createRouter()
  .openapi(readResults, async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    const query = c.req.valid("query");
    const page = paging(query.page, query.pageSize);
    const results = surveyResultsPage(db, scope, id, query.cityId, page);
    const [round, criteria, survey, rows] = await db.batch([
      roundLookup(db, scope, id),
      roundCriteria(db, scope, id),
      surveyLookup(db, scope.tenantId, id),
      results.statement,
    ]);
    roundFound(round);
    const row = survey[0];
    if (!row) throw new ApiError("survey_not_configured");
    const rule = surveyRuleOf(row);
    const items = surveyItems(criteriaFound(criteria).doc, questionsOf(row));
    return c.json(
      {
        minAnswers: rule.minAnswers,
        belowMinimum: rule.belowMinimum,
        items: items.map(itemRef),
        rows: rows.map((r) => {
          const points = itemPointsOf(items, storedItemsOf(r.items));
          return {
            applicationId: r.applicationId,
            unitName: r.unitName,
            city: r.city,
            counted: r.counted,
            tooFast: r.tooFast,
            burst: r.burst,
            points: roundPoints(points.reduce((sum, p) => sum + p.points, 0)),
            items: points,
          };
        }),
        total: await results.total(rows),
        page: page.page,
        pageSize: page.pageSize,
      },
      200,
    );
  })
  .openapi(readApplication, async (c) => {
    const { db, scope } = c.var;
    const ref = applicationRef(db, scope, c.req.valid("param").id);
    const { view } = applicationContext(scope, await db.batch(applicationStatements(db, ref)));
    return c.json(view, 200);
  })
  .openapi(enterPoints, async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const ref = applicationRef(db, scope, id);
    const ctx = applicationContext(scope, await db.batch(applicationStatements(db, ref)));
    const item = ctx.items.find((i) => i.code === body.itemCode);
    if (!item) throw invalidFields({ itemCode: ["不是本问卷计分的条目 / not an item the questionnaire scores"] });
    if (body.points !== null && body.points > item.maxPoints)
      throw invalidFields({ points: [`不能超过该条目分值 ${item.maxPoints} / at most the item's ${item.maxPoints}`] });
    const current = ctx.view.items.find((i) => i.itemCode === item.code);
    if (ctx.rule.belowMinimum !== "reviewer" || !current?.belowMinimum)
      throw new ApiError("not_below_minimum", { current: ctx.view });
    const target = { tenantId: scope.tenantId, roundId: ctx.app.roundId, applicationId: id };
    // The first refresh makes the item's row if no answer made it yet; the second scores the entered points.
    const { read } = await runAuditedThenRead(
      db,
      [
        surveyPointsRefresh(db, target, ctx.items, ctx.rule),
        enteredPointsUpdate(db, target, item.code, body.points),
        surveyPointsRefresh(db, target, ctx.items, ctx.rule),
        ...extraPointsRefresh(db, target, ctx.round.settings.review.aggregation),
      ],
      auditEvent(scope, {
        action: "survey.enter_points",
        targetType: "application",
        targetId: id,
        before: { itemCode: item.code, enteredPoints: current.enteredPoints },
        after: { itemCode: item.code, enteredPoints: body.points },
      }),
      {},
      applicationStatements(db, ref),
    );
    return c.json(applicationContext(scope, read).view, 200);
  });
