// The city's decision on an application: recommend within the quota, or not, with a reason
import { createRoute } from "@hono/zod-openapi";
import type { BatchResponse } from "drizzle-orm/batch";
import { auditEvent, runAuditedThenRead } from "../data/audit.ts";
import type { Db } from "../data/db.ts";
import { DECIDABLE, type DecisionFacts, decisionReads, decisionUpdate } from "../data/decisions.ts";
import { type RoundRecord, roundFound, roundOfApplication } from "../data/rounds.ts";
import { type ApplicationRef, applicationRef } from "../data/unit-access.ts";
import { poolOf } from "../domain/scoring/ranking.ts";
import { ApiError, invalidFields } from "../errors.ts";
import { requireRole } from "../middleware/tenant-scope.ts";
import { createRouter } from "../router.ts";
import { ApplicationParams } from "../schemas/applications.ts";
import { errorResponses, jsonBody, jsonResponse } from "../schemas/common.ts";
import { DecisionBody, DecisionView } from "../schemas/scoring.ts";
import { requirePhase } from "./rounds.ts";

const decide = createRoute({
  method: "post",
  path: "/applications/{id}/decision",
  tags: ["decisions"],
  summary:
    "The city's decision in city review: recommend (within the pool's quota, not vetoed, at or above the on-site gate) or not recommend with a reason",
  middleware: [requireRole("reviewer", "tenant_admin")],
  request: { params: ApplicationParams, body: jsonBody(DecisionBody) },
  responses: { 200: jsonResponse("Decided", DecisionView), ...errorResponses(400, 401, 403, 404, 409, 415) },
});

function statements(db: Db, ref: ApplicationRef) {
  return [...decisionReads(db, ref), roundOfApplication(db, ref)] as const;
}

type Read = BatchResponse<ReturnType<typeof statements>>;

interface Facts {
  app: DecisionFacts;
  round: RoundRecord;
  result: { aggregate: number | null; vetoed: boolean } | null;
  vetoes: Array<{ department: string; reason: string | null }>;
  used: number;
}

function factsOf([apps, results, vetoes, usage, rounds]: Read): Facts {
  const [app] = apps;
  if (!app) throw new ApiError("not_found");
  return { app, round: roundFound(rounds), result: results[0] ?? null, vetoes, used: usage[0]?.used ?? 0 };
}

/** The quota pool the application counts against, with its name and use, or null when it has no quota. */
function quotaOf({ app, round, used }: Facts) {
  const pool = poolOf(app, round.settings.quotas);
  if (!pool) return null;
  const name = (app.channel === "sector" ? app.channelSectorName : app.cityName) ?? pool.pool;
  return { ...pool, name, used };
}

function view(facts: Facts) {
  return {
    applicationId: facts.app.id,
    status: facts.app.status,
    decisionReason: facts.app.decisionReason,
    version: facts.app.version,
    quota: quotaOf(facts),
  };
}

/** Why a recommendation is refused now, or null: vetoed, below the on-site gate, or a full pool. */
function recommendRefusal(facts: Facts): ApiError | null {
  const { result, vetoes, round } = facts;
  if (result?.vetoed || vetoes.length > 0)
    return new ApiError("application_vetoed", {
      current: { vetoedByForms: result?.vetoed ?? false, departments: vetoes },
    });
  const gate = round.settings.eligibility.minScoreForOnsite;
  const aggregate = result?.aggregate ?? null;
  if (gate !== null && (aggregate === null || aggregate < gate))
    return new ApiError("below_onsite_gate", { current: { aggregate, minScoreForOnsite: gate } });
  const quota = quotaOf(facts);
  if (quota && facts.app.status !== "city_recommended" && quota.used >= quota.quota)
    return new ApiError("quota_full", {
      current: {
        ...quota,
        message: `“${quota.name}”的推荐名额（${quota.quota} 个）已用完`,
        messageEn: `The quota of ${quota.name} (${quota.quota}) is used up`,
      },
    });
  return null;
}

export const decisionRoutes = createRouter().openapi(decide, async (c) => {
  const { db, scope } = c.var;
  const { id } = c.req.valid("param");
  const body = c.req.valid("json");
  const ref = applicationRef(db, scope, id);
  const facts = factsOf(await db.batch(statements(db, ref)));
  const { app, round } = facts;
  requirePhase("decide_application", round.phase);
  if (!DECIDABLE.includes(app.status)) throw new ApiError("decision_not_open", { current: { status: app.status } });
  if (app.version !== body.version) throw new ApiError("stale_version", { current: view(facts) });
  const recommend = body.decision === "recommend";
  const reason = body.reason?.trim() ? body.reason.trim() : null;
  if (!recommend && (!reason || reason.length < 2))
    throw invalidFields({
      reason: ["不推荐须说明理由（至少 2 个字） / give a reason (2+ characters) not to recommend"],
    });
  if (recommend && app.status === "city_recommended") throw new ApiError("already_in_state", { current: view(facts) });
  if (recommend) {
    const refusal = recommendRefusal(facts);
    if (refusal) throw refusal;
  }
  const change = recommend
    ? ({ status: "city_recommended", decisionReason: null } as const)
    : ({ status: "city_not_recommended", decisionReason: reason } as const);
  const pool = recommend && app.status !== "city_recommended" ? poolOf(app, round.settings.quotas) : null;
  const guard = decisionUpdate(db, ref, { roundId: app.roundId, status: app.status, version: app.version }, change, {
    gate: round.settings.eligibility.minScoreForOnsite,
    pool: pool
      ? {
          kind: app.channel,
          id: (app.channel === "sector" ? app.channelSectorId : app.cityId) ?? "",
          quota: pool.quota,
        }
      : null,
  });
  const { applied, read } = await runAuditedThenRead(
    db,
    [],
    auditEvent(scope, {
      action: "application.decide",
      targetType: "application",
      targetId: id,
      before: { status: app.status, decisionReason: app.decisionReason },
      after: change,
      reason,
    }),
    { guard },
    statements(db, ref),
  );
  const now = factsOf(read);
  if (!applied) {
    // Something changed between the read and the write: say what, from the state the write saw.
    if (now.round.phase !== "city_review") requirePhase("decide_application", now.round.phase);
    if (now.app.version !== app.version || now.app.status !== app.status)
      throw new ApiError("stale_version", { current: view(now) });
    throw (recommend ? recommendRefusal(now) : null) ?? new ApiError("stale_version", { current: view(now) });
  }
  return c.json(view(now), 200);
});
