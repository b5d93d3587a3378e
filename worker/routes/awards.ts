import { createRoute } from "@hono/zod-openapi";
import { auditEvent, runAuditedThenRead } from "../data/audit.ts";
import { awardEventInsert } from "../data/award-events.ts";
import { awardHistoryOfUnit, awardInsert, awardsOfUnit, awardView } from "../data/awards.ts";
import { bumpPublicVersion } from "../data/public-cache.ts";
import { settingsLookup, settingsOf } from "../data/settings.ts";
import { isUniqueViolation } from "../data/unique-violation.ts";
import { unitFound, unitLookup, unitRef } from "../data/unit-access.ts";
import { ApiError, invalidFields } from "../errors.ts";
import { requireRole } from "../middleware/tenant-scope.ts";
import { createRouter } from "../router.ts";
import { AwardList, AwardView, RecordAwardBody, UnitAwardParams } from "../schemas/awards.ts";
import { errorResponses, jsonBody, jsonResponse } from "../schemas/common.ts";

const list = createRoute({
  method: "get",
  path: "/{id}/awards",
  tags: ["awards"],
  summary: "The titles (称号) a unit holds or held: its own staff, and reviewers and admins whose scope covers it",
  request: { params: UnitAwardParams },
  responses: { 200: jsonResponse("Titles, latest term first", AwardList), ...errorResponses(401, 404) },
});

const record = createRoute({
  method: "post",
  path: "/{id}/awards",
  tags: ["awards"],
  summary: "Record a title the unit already holds from before the system (a reviewer in scope or a tenant admin)",
  middleware: [requireRole("reviewer", "tenant_admin")],
  request: { params: UnitAwardParams, body: jsonBody(RecordAwardBody) },
  responses: { 201: jsonResponse("Recorded", AwardView), ...errorResponses(400, 401, 403, 404, 409, 415) },
});

export const awardRoutes = createRouter()
  .openapi(list, async (c) => {
    const { db, scope } = c.var;
    const ref = unitRef(db, scope, c.req.valid("param").id);
    const now = new Date();
    const [unitRows, rows, history] = await db.batch([
      unitLookup(db, ref),
      awardsOfUnit(db, ref),
      awardHistoryOfUnit(db, ref),
    ]);
    unitFound(unitRows);
    return c.json({ items: rows.map((row) => awardView(row, now, history)) }, 200);
  })
  .openapi(record, async (c) => {
    const { db, scope } = c.var;
    const ref = unitRef(db, scope, c.req.valid("param").id);
    const [unitRows, tenantRows] = await db.batch([unitLookup(db, ref), settingsLookup(db, scope)]);
    const unit = { ...unitFound(unitRows), ref };
    const body = c.req.valid("json");
    const termYears = settingsOf(tenantRows)?.termYears ?? 3;
    const termEndYear = body.termEndYear ?? body.termStartYear + termYears - 1;
    const award = {
      level: body.level,
      termStartYear: body.termStartYear,
      termEndYear,
      namedOn: body.namedOn,
      validUntil: body.validUntil ?? `${termEndYear}-12-31`,
      status: body.status,
      documentRef: body.documentRef ?? null,
    };
    if (award.validUntil < award.namedOn) {
      throw invalidFields({ termEndYear: ["届期在命名日期之前已结束 / the term ends before the naming"] });
    }
    const { id, statement } = awardInsert(db, scope, unit.ref, award);
    // Its history starts on the day it was conferred; the public lists change with it.
    const recorded = awardEventInsert(db, {
      tenantId: scope.tenantId,
      awardId: id,
      unitId: unit.id,
      kind: "recorded",
      effectiveOn: award.namedOn,
      actorUserId: scope.userId,
    });
    try {
      const { read } = await runAuditedThenRead(
        db,
        [statement, recorded, bumpPublicVersion(db, scope.tenantId)],
        auditEvent(scope, {
          action: "award.record",
          targetType: "award",
          targetId: id,
          after: { unitId: unit.id, ...award },
        }),
        {},
        [awardsOfUnit(db, unit.ref), awardHistoryOfUnit(db, unit.ref)] as const,
      );
      const saved = read[0].find((a) => a.id === id);
      if (!saved) throw new ApiError("not_found");
      return c.json(awardView(saved, new Date(), read[1]), 201);
    } catch (error) {
      // One title per unit, level and term.
      if (isUniqueViolation(error, "awards.tenant_id", "awards_unit_level_term")) throw new ApiError("award_exists");
      throw error;
    }
  });
