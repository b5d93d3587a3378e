// Reviewers' scoring forms (评分表) and the scores of an application
import { createRoute } from "@hono/zod-openapi";
import { auditEvent, runAuditedThenRead } from "../data/audit.ts";
import { nowIso } from "../data/db.ts";
import { scoringApplication, scoringApplicationFound } from "../data/panels.ts";
import { resultRefresh } from "../data/results.ts";
import { formSave, ownSeats, readableForms, readableScores } from "../data/score-forms.ts";
import { applicationRef } from "../data/unit-access.ts";
import { formTotals, scoreProblems, vetoProblems } from "../domain/scoring/form-totals.ts";
import { sourcedProblems } from "../domain/sourced-scores.ts";
import type { Stage } from "../domain/vocabulary.ts";
import { ApiError, invalidFields } from "../errors.ts";
import { requireRole } from "../middleware/tenant-scope.ts";
import { createRouter } from "../router.ts";
import { ApplicationParams } from "../schemas/applications.ts";
import { errorResponses, jsonBody, jsonResponse } from "../schemas/common.ts";
import { ApplicationScores, FormView, SaveFormBody, StageQuery } from "../schemas/scoring.ts";
import {
  formContext,
  formLock,
  formStatements,
  formView,
  itemsOfForm,
  missingItems,
  refuseLocked,
  storedTotals,
} from "./score-context.ts";

const reviewerOnly = [requireRole("reviewer")];

const readForm = createRoute({
  method: "get",
  path: "/applications/{id}/form",
  tags: ["scoring"],
  summary: "The caller's own scoring form at a stage, and whether they may save it now (and why not)",
  middleware: reviewerOnly,
  request: { params: ApplicationParams, query: StageQuery },
  responses: { 200: jsonResponse("The form", FormView), ...errorResponses(400, 401, 403, 404) },
});

const saveForm = createRoute({
  method: "put",
  path: "/applications/{id}/form",
  tags: ["scoring"],
  summary:
    "Save (and optionally submit) the whole form over the version it started from: one request, one batch; a stale version answers 409 with the current form",
  middleware: reviewerOnly,
  request: { params: ApplicationParams, body: jsonBody(SaveFormBody) },
  responses: { 200: jsonResponse("Saved", FormView), ...errorResponses(400, 401, 403, 404, 409, 415) },
});

const readScores = createRoute({
  method: "get",
  path: "/applications/{id}/scores",
  tags: ["scoring"],
  summary:
    "Every readable form of an application with its item scores; a reviewer whose own form is unsubmitted sees only their own (blind first pass)",
  middleware: [requireRole("tenant_admin", "reviewer")],
  request: { params: ApplicationParams },
  responses: { 200: jsonResponse("The scores", ApplicationScores), ...errorResponses(401, 403, 404) },
});

export const scoreFormRoutes = createRouter()
  .openapi(readForm, async (c) => {
    const { db, scope } = c.var;
    const { stage } = c.req.valid("query");
    const ref = applicationRef(db, scope, c.req.valid("param").id);
    const ctx = formContext(ref, await db.batch(formStatements(db, scope, ref)));
    return c.json(formView(ctx, stage), 200);
  })
  .openapi(saveForm, async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const { stage } = body;
    const ref = applicationRef(db, scope, id);
    const ctx = formContext(ref, await db.batch(formStatements(db, scope, ref)));
    refuseLocked(ctx, stage);
    const problems = {
      ...scoreProblems(ctx.doc, body.items),
      ...sourcedProblems(ctx.sourced, body.items),
      ...vetoProblems(ctx.doc, body.vetoFindings),
    };
    if (Object.keys(problems).length > 0) throw invalidFields(problems);
    const current = ctx.forms.find((f) => f.stage === stage) ?? null;
    if ((current?.version ?? 0) !== body.version)
      throw new ApiError("stale_version", { current: formView(ctx, stage) });
    const missing = missingItems(ctx, body.items);
    if (body.submit && missing.length > 0)
      throw new ApiError("form_incomplete", {
        fields: { items: [`尚未评分：${missing.join("、")} / not scored yet: ${missing.join(", ")}`] },
        current: { missing },
      });
    // A submitted form saved again while its stage is open stays submitted only while it is still complete.
    const submitted = (body.submit || current?.status === "submitted") && missing.length === 0;
    const totals = formTotals(ctx.doc, body.items);
    const save = formSave(db, scope, { ...ref, roundId: ctx.app.roundId }, stage, current, {
      items: body.items,
      vetoFindings: body.vetoFindings,
      totals,
      status: submitted ? "submitted" : "draft",
      submittedAt: submitted ? (current?.submittedAt ?? nowIso()) : null,
    });
    const refresh = resultRefresh(
      db,
      { tenantId: scope.tenantId, roundId: ctx.app.roundId, applicationId: id },
      stage,
      ctx.round.settings.review.aggregation,
      ctx.doc.categories[0]?.code ?? null,
    );
    const { applied, read } = await runAuditedThenRead(
      db,
      save.statements,
      auditEvent(scope, {
        action: body.submit ? "score.submit" : "score.save",
        targetType: "application",
        targetId: id,
        before: current ? { stage, version: current.version, status: current.status, total: current.total } : null,
        after: { stage, version: body.version + 1, status: submitted ? "submitted" : "draft", total: totals.total },
      }),
      { guard: save.guard, after: [...save.after, refresh] },
      formStatements(db, scope, ref),
    );
    const now = formContext(ref, read);
    if (!applied) {
      // The guard found the form moved on, or the round, the seat or a conflict changed since the read.
      if (formLock(now, stage)) refuseLocked(now, stage);
      throw new ApiError("stale_version", { current: formView(now, stage) });
    }
    return c.json(formView(now, stage), 200);
  })
  .openapi(readScores, async (c) => {
    const { db, scope } = c.var;
    const ref = applicationRef(db, scope, c.req.valid("param").id);
    const [appRows, seats, forms, scores] = await db.batch([
      scoringApplication(db, ref),
      ownSeats(db, scope, ref),
      readableForms(db, scope, ref),
      readableScores(db, scope, ref),
    ]);
    scoringApplicationFound(appRows);
    const submittedOwn = (stage: Stage) =>
      forms.some((f) => f.reviewerId === scope.userId && f.stage === stage && f.status === "submitted");
    // Blind first pass: while the caller sits on a panel of this application with their own form not in,
    // every other score of it stays hidden, the earlier stage's included (a city's scores would anchor theirs).
    const blind = seats.some((s) => s.status === "active" && !submittedOwn(s.stage));
    const visible = forms.filter((f) => f.reviewerId === scope.userId || !blind);
    return c.json(
      {
        blind,
        forms: visible.map((f) => ({
          reviewer: { id: f.reviewerId, name: f.reviewerName },
          stage: f.stage,
          status: f.status,
          totals: storedTotals(f),
          items: itemsOfForm(scores, f.id),
          vetoFindings: JSON.parse(f.vetoFindings) as { ruleId: string; reason: string }[],
        })),
      },
      200,
    );
  });
