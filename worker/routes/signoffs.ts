// Department sign-off (部门意见) on applications
import { createRoute } from "@hono/zod-openapi";
import type { BatchResponse } from "drizzle-orm/batch";
import { auditEvent, runAuditedThenRead } from "../data/audit.ts";
import type { Db } from "../data/db.ts";
import { resultRefresh } from "../data/results.ts";
import { roundFound, roundOfApplication } from "../data/rounds.ts";
import { signoffsOf, signoffUpsert, signoffView } from "../data/signoffs.ts";
import { type ApplicationRef, applicationRef } from "../data/unit-access.ts";
import { STAGES } from "../domain/vocabulary.ts";
import { ApiError, invalidFields } from "../errors.ts";
import { requireRole } from "../middleware/tenant-scope.ts";
import { createRouter } from "../router.ts";
import { ApplicationParams } from "../schemas/applications.ts";
import { errorResponses, jsonBody, jsonResponse } from "../schemas/common.ts";
import { SignoffBody, SignoffList } from "../schemas/scoring.ts";
import { requirePhase } from "./rounds.ts";

const give = createRoute({
  method: "put",
  path: "/applications/{id}/signoff",
  tags: ["signoffs"],
  summary:
    "A department account confirms no veto condition of its field applies (clear), or reports one with a reason (veto): the application leaves the ranking at once",
  middleware: [requireRole("department")],
  request: { params: ApplicationParams, body: jsonBody(SignoffBody) },
  responses: { 200: jsonResponse("Recorded", SignoffList), ...errorResponses(400, 401, 403, 404, 409, 415) },
});

const list = createRoute({
  method: "get",
  path: "/applications/{id}/signoffs",
  tags: ["signoffs"],
  summary: "Every department the round requires, with its sign-off (verdict null while missing)",
  middleware: [requireRole("tenant_admin", "reviewer", "department")],
  request: { params: ApplicationParams },
  responses: { 200: jsonResponse("Sign-offs", SignoffList), ...errorResponses(401, 403, 404) },
});

function statements(db: Db, ref: ApplicationRef) {
  return [roundOfApplication(db, ref), signoffsOf(db, ref)] as const;
}

function viewOf(ref: ApplicationRef, [round, rows]: BatchResponse<ReturnType<typeof statements>>) {
  const found = roundFound(round);
  return { round: found, view: signoffView(ref, found.settings.review.signoffDepartments, rows) };
}

export const signoffRoutes = createRouter()
  .openapi(give, async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const ref = applicationRef(db, scope, id);
    const { round, view } = viewOf(ref, await db.batch(statements(db, ref)));
    const department = scope.department;
    if (!department || !round.settings.review.signoffDepartments.includes(department)) throw new ApiError("forbidden");
    requirePhase("signoff_application", round.phase);
    const reason = body.reason?.trim() ? body.reason.trim() : null;
    if (body.verdict === "veto" && (!reason || reason.length < 2))
      throw invalidFields({
        reason: ["报告否决情形须说明理由（至少 2 个字） / a veto needs a reason (2+ characters)"],
      });
    const before = view.items.find((i) => i.department === department);
    const target = { tenantId: scope.tenantId, roundId: round.id, applicationId: id };
    const mode = round.settings.review.aggregation;
    const { applied, read } = await runAuditedThenRead(
      db,
      [],
      auditEvent(scope, {
        action: "signoff.record",
        targetType: "application",
        targetId: id,
        before: before?.verdict ? { department, verdict: before.verdict, reason: before.reason } : null,
        after: { department, verdict: body.verdict, reason },
        reason,
      }),
      {
        guard: signoffUpsert(db, scope, ref, round.id, { department, verdict: body.verdict, reason }),
        // Both stages' results re-read the sign-offs, so a veto leaves (and a clear rejoins) the ranking at once.
        after: STAGES.map((stage) => resultRefresh(db, target, stage, mode)),
      },
      statements(db, ref),
    );
    const now = viewOf(ref, read);
    if (!applied) {
      requirePhase("signoff_application", now.round.phase);
      throw new ApiError("stale_version", { current: now.view });
    }
    return c.json(now.view, 200);
  })
  .openapi(list, async (c) => {
    const { db, scope } = c.var;
    const ref = applicationRef(db, scope, c.req.valid("param").id);
    return c.json(viewOf(ref, await db.batch(statements(db, ref))).view, 200);
  });
