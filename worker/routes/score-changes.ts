// Score changes after a stage closed: proposed with a reason, applied on a second reviewer's approval
import { createRoute } from "@hono/zod-openapi";
import { criteriaOfApplication } from "../data/applications.ts";
import { auditEvent, runAuditedThenRead } from "../data/audit.ts";
import { criteriaFound } from "../data/criteria.ts";
import { scoringApplication, scoringApplicationFound } from "../data/panels.ts";
import { resultRefresh } from "../data/results.ts";
import { roundFound, roundOfApplication } from "../data/rounds.ts";
import {
  changeDecide,
  changeLookup,
  changePropose,
  changesOf,
  changeView,
  type Proposal,
} from "../data/score-changes.ts";
import { formRewrite, STAGE_PHASE } from "../data/score-forms.ts";
import { applicationRef } from "../data/unit-access.ts";
import { PHASES } from "../domain/round-phase.ts";
import { formTotals, scoreProblems, vetoProblems } from "../domain/scoring/form-totals.ts";
import { sourcedProblems } from "../domain/sourced-scores.ts";
import { ApiError, invalidFields } from "../errors.ts";
import { requireRole } from "../middleware/tenant-scope.ts";
import { createRouter } from "../router.ts";
import { ApplicationParams } from "../schemas/applications.ts";
import { errorResponses, jsonBody, jsonResponse } from "../schemas/common.ts";
import {
  ChangeDecisionBody,
  ProposeChangeBody,
  ScoreChangeList,
  ScoreChangeParams,
  ScoreChangeView,
} from "../schemas/scoring.ts";
import { conflictOfCaller, formContext, formStatements, formView, missingItems } from "./score-context.ts";

const readers = [requireRole("tenant_admin", "reviewer")];

const list = createRoute({
  method: "get",
  path: "/applications/{id}/score-changes",
  tags: ["scoring"],
  summary: "The score changes proposed on an application after its stages closed, with their decisions",
  middleware: readers,
  request: { params: ApplicationParams },
  responses: { 200: jsonResponse("The changes", ScoreChangeList), ...errorResponses(401, 403, 404) },
});

const propose = createRoute({
  method: "post",
  path: "/applications/{id}/score-changes",
  tags: ["scoring"],
  summary:
    "After a stage closed, a reviewer proposes new scores for their own submitted form, with a reason; a second reviewer decides",
  middleware: [requireRole("reviewer")],
  request: { params: ApplicationParams, body: jsonBody(ProposeChangeBody) },
  responses: { 201: jsonResponse("Proposed", ScoreChangeView), ...errorResponses(400, 401, 403, 404, 409, 415) },
});

const decide = createRoute({
  method: "post",
  path: "/applications/{id}/score-changes/{changeId}/decision",
  tags: ["scoring"],
  summary:
    "A second reviewer (not the proposer) approves a score change, rewriting the form, or rejects it with a reason",
  middleware: readers,
  request: { params: ScoreChangeParams, body: jsonBody(ChangeDecisionBody) },
  responses: { 200: jsonResponse("Decided", ScoreChangeView), ...errorResponses(400, 401, 403, 404, 409, 415) },
});

export const scoreChangeRoutes = createRouter()
  .openapi(list, async (c) => {
    const { db, scope } = c.var;
    const ref = applicationRef(db, scope, c.req.valid("param").id);
    const [appRows, changes] = await db.batch([scoringApplication(db, ref), changesOf(db, ref)]);
    scoringApplicationFound(appRows);
    return c.json({ items: changes.map(changeView) }, 200);
  })
  .openapi(propose, async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const { stage } = body;
    const ref = applicationRef(db, scope, id);
    const ctx = formContext(ref, await db.batch(formStatements(db, scope, ref)));
    // Only once the round has moved past the stage's review phase; until then the form is saved directly.
    if (PHASES.indexOf(ctx.round.phase) <= PHASES.indexOf(STAGE_PHASE[stage]))
      throw new ApiError(`round_${ctx.round.phase}`, { current: { phase: ctx.round.phase } });
    const form = ctx.forms.find((f) => f.stage === stage);
    if (!form) throw new ApiError("not_found");
    if (conflictOfCaller(ctx, stage)) throw new ApiError("reviewer_conflicted");
    if (form.status !== "submitted") throw new ApiError("form_incomplete", { current: formView(ctx, stage) });
    const problems = {
      ...scoreProblems(ctx.doc, body.items),
      ...sourcedProblems(ctx.sourced, body.items),
      ...vetoProblems(ctx.doc, body.vetoFindings),
    };
    if (Object.keys(problems).length > 0) throw invalidFields(problems);
    if (form.version !== body.version) throw new ApiError("stale_version", { current: formView(ctx, stage) });
    const missing = missingItems(ctx, body.items);
    if (missing.length > 0)
      throw new ApiError("form_incomplete", {
        fields: { items: [`尚未评分：${missing.join("、")} / not scored yet: ${missing.join(", ")}`] },
        current: { missing },
      });
    const proposal: Proposal = {
      items: body.items,
      vetoFindings: body.vetoFindings,
      before: form.total,
      after: formTotals(ctx.doc, body.items).total,
    };
    const { id: changeId, guard } = changePropose(
      db,
      scope,
      { ...ref, roundId: ctx.app.roundId },
      form,
      proposal,
      body.reason,
    );
    const { applied, read } = await runAuditedThenRead(
      db,
      [],
      auditEvent(scope, {
        action: "score.change_propose",
        targetType: "application",
        targetId: id,
        before: { stage, version: form.version, total: proposal.before },
        after: { stage, changeId, total: proposal.after },
        reason: body.reason,
      }),
      { guard },
      [changeLookup(db, ref, changeId), changesOf(db, ref), ...formStatements(db, scope, ref)] as const,
    );
    const [created, changes, ...formRows] = read;
    if (!applied) {
      if (changes.some((ch) => ch.formId === form.id && ch.status === "pending"))
        throw new ApiError("score_change_pending", { current: { items: changes.map(changeView) } });
      throw new ApiError("stale_version", { current: formView(formContext(ref, formRows), stage) });
    }
    const [row] = created;
    if (!row) throw new ApiError("not_found");
    return c.json(changeView(row), 201);
  })
  .openapi(decide, async (c) => {
    const { db, scope } = c.var;
    const { id, changeId } = c.req.valid("param");
    const { decision, reason } = c.req.valid("json");
    const ref = applicationRef(db, scope, id);
    const [appRows, roundRows, criteriaRows, changeRows] = await db.batch([
      scoringApplication(db, ref),
      roundOfApplication(db, ref),
      criteriaOfApplication(db, ref),
      changeLookup(db, ref, changeId),
    ]);
    const app = scoringApplicationFound(appRows);
    const round = roundFound(roundRows);
    const doc = criteriaFound(criteriaRows).doc;
    const [change] = changeRows;
    if (!change) throw new ApiError("not_found");
    // Four eyes: whoever proposed a change (or wrote the form) never decides on it.
    if (change.proposedById === scope.userId || change.formReviewerId === scope.userId)
      throw new ApiError("second_approver_required");
    if (change.status !== "pending") throw new ApiError("already_in_state", { current: changeView(change) });
    if (decision === "reject" && !reason) throw invalidFields({ reason: ["驳回须说明理由 / give a reason to reject"] });
    const to = decision === "approve" ? "approved" : "rejected";
    const { guard, decided } = changeDecide(db, scope, change, to, reason ?? null);
    const proposal = JSON.parse(change.proposal) as Proposal;
    const stage = change.stage;
    const after =
      to === "approved"
        ? [
            ...formRewrite(
              db,
              scope,
              { id: change.formId, applicationId: id, version: change.formVersion },
              { items: proposal.items, vetoFindings: proposal.vetoFindings, totals: formTotals(doc, proposal.items) },
              decided,
            ),
            resultRefresh(
              db,
              { tenantId: scope.tenantId, roundId: app.roundId, applicationId: id },
              stage,
              round.settings.review.aggregation,
              doc.categories[0]?.code ?? null,
            ),
          ]
        : [];
    const { applied, read } = await runAuditedThenRead(
      db,
      [],
      auditEvent(scope, {
        action: to === "approved" ? "score.change_approve" : "score.change_reject",
        targetType: "application",
        targetId: id,
        before: { changeId, stage, status: "pending", total: proposal.before },
        after: { changeId, stage, status: to, total: to === "approved" ? proposal.after : proposal.before },
        reason: reason ?? null,
      }),
      { guard, after },
      [changeLookup(db, ref, changeId)] as const,
    );
    const [row] = read[0];
    if (!row) throw new ApiError("not_found");
    if (!applied)
      throw new ApiError(row.status === "pending" ? "stale_version" : "already_in_state", { current: changeView(row) });
    return c.json(changeView(row), 200);
  });
