// 问卷调查, the round owner's side: the questionnaire, the per-unit links and the A4 poster with its QR code.
import { createRoute } from "@hono/zod-openapi";
import { renderSVG } from "uqr";
import { auditEvent, runAuditedThenRead } from "../data/audit.ts";
import { criteriaFound, type StoredCriteria } from "../data/criteria.ts";
import type { Db } from "../data/db.ts";
import { roundCriteria, roundFound, roundLookup } from "../data/rounds.ts";
import type { Scope } from "../data/scope.ts";
import { surveySigningKey } from "../data/signing-keys.ts";
import { mutualLookup, surveyLookup } from "../data/source-settings.ts";
import {
  questionnaireOf,
  questionsOf,
  surveyLinksPage,
  surveyLocks,
  surveyPosterLookup,
  surveyRuleOf,
  surveySave,
} from "../data/surveys.ts";
import { applicationRef } from "../data/unit-access.ts";
import { paging } from "../domain/paging.ts";
import {
  changesAnsweredParts,
  changesSourcedItems,
  defaultQuestionnaire,
  isSurveyItem,
  questionnaireProblems,
  surveyOpen,
} from "../domain/questionnaire.ts";
import { surveyLinkKey, surveyPath } from "../domain/survey-token.ts";
import { ApiError, invalidFields } from "../errors.ts";
import { requireRole } from "../middleware/tenant-scope.ts";
import { createRouter } from "../router.ts";
import { ApplicationParams } from "../schemas/applications.ts";
import { errorResponses, jsonBody, jsonResponse } from "../schemas/common.ts";
import { RoundParams } from "../schemas/rounds.ts";
import { SaveSurveyBody, SurveyLinkList, SurveyLinksQuery, SurveyPoster, SurveyView } from "../schemas/survey.ts";

const ownersAndReviewers = [requireRole("tenant_admin", "reviewer")];

const read = createRoute({
  method: "get",
  path: "/rounds/{id}/survey",
  tags: ["survey"],
  summary:
    "The round's questionnaire (问卷调查); before the owner saves one, the default drawn from the criteria system's survey-method items",
  middleware: ownersAndReviewers,
  request: { params: RoundParams },
  responses: { 200: jsonResponse("The questionnaire", SurveyView), ...errorResponses(401, 403, 404) },
});

const save = createRoute({
  method: "put",
  path: "/rounds/{id}/survey",
  tags: ["survey"],
  summary:
    "Save the round's questionnaire over the version seen (0 creates it). 409 survey_answered once answers exist for anything but question texts and the closing day; 409 sources_locked when reviewers have scored the round and the set of survey items would change",
  middleware: [requireRole("tenant_admin")],
  request: { params: RoundParams, body: jsonBody(SaveSurveyBody) },
  responses: { 200: jsonResponse("Saved", SurveyView), ...errorResponses(400, 401, 403, 404, 409, 415) },
});

const links = createRoute({
  method: "get",
  path: "/rounds/{id}/survey/links",
  tags: ["survey"],
  summary: "Each applying unit's survey link and its answers so far (a city reviewer: their cities' units)",
  middleware: ownersAndReviewers,
  request: { params: RoundParams, query: SurveyLinksQuery },
  responses: { 200: jsonResponse("The links", SurveyLinkList), ...errorResponses(400, 401, 403, 404) },
});

const poster = createRoute({
  method: "get",
  path: "/applications/{id}/survey/poster",
  tags: ["survey"],
  summary:
    "What a unit's A4 survey poster prints, with the link's QR code as SVG; 404 when the round has no questionnaire",
  request: { params: ApplicationParams },
  responses: { 200: jsonResponse("The poster", SurveyPoster), ...errorResponses(401, 404) },
});

const baseItemsOf = (system: StoredCriteria) => system.doc.categories.flatMap((category) => category.items);

type SurveyRow = Awaited<ReturnType<typeof surveyLookup>>[number];

/** The questionnaire as the API shows it: the saved one, or the default before the first save. */
function surveyView(scope: Scope, roundId: string, system: StoredCriteria, row: SurveyRow | undefined) {
  const base = baseItemsOf(system);
  const items = base.filter(isSurveyItem).map(({ code, title, maxPoints, mode }) => ({ code, title, maxPoints, mode }));
  const common = { roundId, editable: scope.role === "tenant_admin", items };
  if (!row)
    return {
      ...common,
      configured: false,
      version: 0,
      ...defaultQuestionnaire(base),
      opensOn: null,
      closesOn: null,
      open: false,
    };
  const rule = surveyRuleOf(row);
  return {
    ...common,
    configured: true,
    version: row.version,
    questions: questionsOf(row),
    minAnswers: rule.minAnswers,
    belowMinimum: rule.belowMinimum,
    gradeBands: [...rule.gradeBands],
    opensOn: row.opensOn,
    closesOn: row.closesOn,
    open: surveyOpen(row, new Date()),
  };
}

/** Which lock a change meets, if any: answers fix what they were given against, reviewers' forms the survey's items. */
function lockMet(
  change: { whileUnanswered: boolean; whileUnscored: boolean },
  locks: { answered: boolean; scored: boolean } | undefined,
) {
  if (change.whileUnanswered && locks?.answered) return "survey_answered" as const;
  if (change.whileUnscored && locks?.scored) return "sources_locked" as const;
  return null;
}

/** The round's questionnaire settings and locks, as statements for a batch (alone, or after a write). */
const stateStatements = (db: Db, scope: Scope, roundId: string) =>
  [surveyLookup(db, scope.tenantId, roundId), surveyLocks(db, scope, roundId)] as const;

export const surveyRoutes = createRouter()
  .openapi(read, async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    const [systemRows, rows] = await db.batch([roundCriteria(db, scope, id), surveyLookup(db, scope.tenantId, id)]);
    return c.json(surveyView(scope, id, criteriaFound(systemRows), rows[0]), 200);
  })
  .openapi(save, async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    const { version, ...body } = c.req.valid("json");
    const [systemRows, mutualRows, ...state] = await db.batch([
      roundCriteria(db, scope, id),
      mutualLookup(db, scope.tenantId, id),
      ...stateStatements(db, scope, id),
    ]);
    const system = criteriaFound(systemRows);
    const [[saved], [locks]] = state;
    const mutualItemCodes = mutualRows[0] ? (JSON.parse(mutualRows[0].itemCodes) as string[]) : [];
    const problems = questionnaireProblems(body, baseItemsOf(system), mutualItemCodes);
    if (Object.keys(problems).length > 0) throw invalidFields(problems);
    const current = () => surveyView(scope, id, system, saved);
    if ((saved?.version ?? 0) !== version) throw new ApiError("stale_version", { current: current() });
    const change = {
      whileUnanswered: saved ? changesAnsweredParts(questionnaireOf(saved), body) : false,
      whileUnscored: changesSourcedItems(saved ? questionsOf(saved) : [], body.questions),
    };
    const met = lockMet(change, locks);
    if (met) throw new ApiError(met, { current: current() });
    const { applied, read: after } = await runAuditedThenRead(
      db,
      [],
      auditEvent(scope, {
        action: "survey.save",
        targetType: "round",
        targetId: id,
        before: saved ? questionnaireOf(saved) : null,
        after: body,
      }),
      { guard: surveySave(db, scope, id, version, body, change) },
      stateStatements(db, scope, id),
    );
    const [[now], [lockedNow]] = after;
    const view = surveyView(scope, id, system, now);
    if (!applied) {
      // Why the guard matched nothing, read after it: moved on meanwhile, or answered or scored since the checks.
      const met = (now?.version ?? 0) === version ? lockMet(change, lockedNow) : null;
      throw new ApiError(met ?? "stale_version", { current: view });
    }
    return c.json(view, 200);
  })
  .openapi(links, async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    const query = c.req.valid("query");
    const page = paging(query.page, query.pageSize);
    const listed = surveyLinksPage(db, scope, id, query.q, page);
    const [roundRows, keyRows, rows] = await db.batch([
      roundLookup(db, scope, id),
      surveySigningKey(db),
      listed.statement,
    ]);
    roundFound(roundRows);
    const secret = signingKey(keyRows);
    const items = await Promise.all(
      rows.map(async ({ total: _, ...row }) => ({
        ...row,
        path: surveyPath(scope.tenantSlug, row.applicationId, await surveyLinkKey(secret, row.applicationId)),
      })),
    );
    return c.json({ items, total: await listed.total(rows), page: page.page, pageSize: page.pageSize }, 200);
  })
  .openapi(poster, async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    const [rows, keyRows] = await db.batch([
      surveyPosterLookup(db, applicationRef(db, scope, id)),
      surveySigningKey(db),
    ]);
    const [found] = rows;
    if (!found) throw new ApiError("not_found");
    const path = surveyPath(scope.tenantSlug, id, await surveyLinkKey(signingKey(keyRows), id));
    const qrSvg = renderSVG(`${new URL(c.req.url).origin}${path}`);
    return c.json({ ...found, path, qrSvg }, 200);
  });

/** The survey's signing key; migration 0005 makes it, so its absence is a broken database, not a request error. */
function signingKey(rows: Array<{ key: string }>): string {
  const [row] = rows;
  if (!row) throw new Error("the survey signing key is missing (migration 0005)");
  return row.key;
}
