import { createRoute } from "@hono/zod-openapi";
import { auditEvent, runAudited, runAuditedThenRead } from "../data/audit.ts";
import { listSectors, listUnitKinds } from "../data/classifications.ts";
import type { Db } from "../data/db.ts";
import type { Scope } from "../data/scope.ts";
import { unitRef } from "../data/unit-access.ts";
import { placesByCode, takenUnitKeys, unitInserts, unitReviewUpdate } from "../data/unit-registration.ts";
import { getUnit, unitDetailLookup, unitDetailOf } from "../data/units.ts";
import { normalizeCreditCode, validateUnitRows } from "../domain/unit-rows.ts";
import { ApiError } from "../errors.ts";
import { requireRole } from "../middleware/tenant-scope.ts";
import { createRouter } from "../router.ts";
import { errorResponses, IdParam, jsonBody, jsonResponse, TenantParams } from "../schemas/common.ts";
import { BulkUnitsBody, BulkUnitsReport, RejectUnitBody, ReviewUnitBody, UnitDetail } from "../schemas/units.ts";

const reviewers = [requireRole("reviewer", "tenant_admin")];
const UnitIdParams = TenantParams.extend({ id: IdParam });

// Generic in the action too: a union-typed path would merge both routes' body types in the typed client.
const decisionRoute = <A extends "approve" | "reject", B extends typeof ReviewUnitBody | typeof RejectUnitBody>(
  action: A,
  body: B,
  summary: string,
) =>
  createRoute({
    method: "post",
    path: `/{id}/${action}`,
    tags: ["units"],
    summary,
    middleware: reviewers,
    request: { params: UnitIdParams, body: jsonBody(body) },
    responses: {
      200: jsonResponse("Decided", UnitDetail),
      ...errorResponses(400, 401, 403, 404, 409, 415),
    },
  });

const approve = decisionRoute("approve", ReviewUnitBody, "Approve a pending unit (a reviewer whose scope covers it)");
const reject = decisionRoute("reject", RejectUnitBody, "Reject a pending unit with a reason its staff will see");

const bulk = createRoute({
  method: "post",
  path: "/bulk",
  tags: ["units"],
  summary: "Create units under one's scope from spreadsheet rows (read in the browser), with a per-row report",
  middleware: reviewers,
  request: { params: TenantParams, body: jsonBody(BulkUnitsBody) },
  responses: {
    200: jsonResponse("Report", BulkUnitsReport),
    ...errorResponses(400, 401, 403, 404, 413, 415),
  },
});

async function unitInScope(db: Db, scope: Scope, id: string) {
  const unit = await getUnit(db, scope, id);
  if (!unit) throw new ApiError("not_found");
  return unit;
}

async function decide(
  db: Db,
  scope: Scope,
  id: string,
  version: number,
  status: "active" | "rejected",
  reason: string | null,
) {
  const unit = await unitInScope(db, scope, id);
  if (unit.status !== "pending") throw new ApiError("not_pending", { current: unit });
  if (unit.version !== version) throw new ApiError("stale_version", { current: unit });
  const { applied, read } = await runAuditedThenRead(
    db,
    [],
    auditEvent(scope, {
      action: status === "active" ? "unit.approve" : "unit.reject",
      targetType: "unit",
      targetId: id,
      before: { status: unit.status },
      after: { status },
      reason,
    }),
    { guard: unitReviewUpdate(db, unitRef(db, scope, id), version, { status, reviewNote: reason }) },
    [unitDetailLookup(db, scope, id)] as const,
  );
  const current = unitDetailOf(read[0]);
  if (!current) throw new ApiError("not_found");
  if (!applied) throw new ApiError("stale_version", { current });
  return current;
}

/** A lookup by name or code among the tenant's active sector or kind entries. */
function byNameOrCode(entries: Array<{ id: string; code: string; name: string }>) {
  return (value: string) => entries.find((e) => e.name === value || e.code === value.toLowerCase())?.id;
}

export const unitReviewRoutes = createRouter()
  .openapi(approve, async (c) => {
    const { id } = c.req.valid("param");
    const { version } = c.req.valid("json");
    return c.json(await decide(c.var.db, c.var.scope, id, version, "active", null), 200);
  })
  .openapi(reject, async (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    return c.json(await decide(c.var.db, c.var.scope, id, body.version, "rejected", body.reason), 200);
  })
  .openapi(bulk, async (c) => {
    const { db, scope } = c.var;
    const { rows, dryRun = false } = c.req.valid("json");
    const codes = [...new Set(rows.map((r) => r.jurisdictionCode.trim()))];
    const [nodes, sectors, kinds, taken] = await Promise.all([
      placesByCode(db, scope, codes),
      listSectors(db, scope),
      listUnitKinds(db, scope),
      takenUnitKeys(
        db,
        scope.tenantId,
        rows.map((r) => normalizeCreditCode(r.creditCode)),
        rows.map((r) => r.name.trim()),
      ),
    ]);
    const checked = validateUnitRows(rows, {
      nodeByCode: nodes,
      sectorId: byNameOrCode(sectors),
      kindId: byNameOrCode(kinds),
      takenCreditCodes: taken.creditCodes,
      takenNames: taken.names,
    });
    const valid = checked.flatMap((r) => (r.unit ? [r.unit] : []));
    if (!dryRun && valid.length > 0) {
      await runAudited(
        db,
        unitInserts(db, scope, valid),
        auditEvent(scope, {
          action: "unit.bulk_create",
          targetType: "unit",
          targetId: null,
          after: { names: valid.map((u) => u.name) },
        }),
      );
    }
    const report = checked.map((r) => ({
      row: r.row,
      name: r.name,
      outcome: r.unit ? (dryRun ? ("valid" as const) : ("created" as const)) : ("refused" as const),
      reasons: r.reasons,
    }));
    return c.json(
      { created: dryRun ? 0 : valid.length, refused: report.length - valid.length, dryRun, rows: report },
      200,
    );
  });
