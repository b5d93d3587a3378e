import { createRoute } from "@hono/zod-openapi";
import { measureRollup, programRollup, recordRollup } from "../data/rollups.ts";
import { beijingYear } from "../domain/record-rules.ts";
import { requireRole } from "../middleware/tenant-scope.ts";
import { createRouter } from "../router.ts";
import { errorResponses, jsonResponse, TenantParams } from "../schemas/common.ts";
import { MeasureRollup, NoQuery, ProgramRollup, RecordRollup, YearQuery } from "../schemas/rollups.ts";

/** Cross-unit views are for the people who oversee units; unit staff see only their own unit's progress. */
const overseers = [requireRole("tenant_admin", "reviewer", "department")];

const programs = createRoute({
  method: "get",
  path: "/programs",
  tags: ["rollups"],
  summary: "Approved units in scope, and how many have a published program covering the year, by city/sector/kind",
  middleware: overseers,
  request: { params: TenantParams, query: YearQuery },
  responses: {
    200: jsonResponse("Counts", ProgramRollup),
    ...errorResponses(400, 401, 403, 404),
  },
});

const measures = createRoute({
  method: "get",
  path: "/measures",
  tags: ["rollups"],
  summary: "Published measures of approved units in scope, by 责任部室 and by status",
  middleware: overseers,
  request: { params: TenantParams, query: NoQuery },
  responses: {
    200: jsonResponse("Counts", MeasureRollup),
    ...errorResponses(400, 401, 403, 404),
  },
});

const records = createRoute({
  method: "get",
  path: "/records",
  tags: ["rollups"],
  summary: "Records of approved units in scope for a year, by kind and by month",
  middleware: overseers,
  request: { params: TenantParams, query: YearQuery },
  responses: {
    200: jsonResponse("Counts", RecordRollup),
    ...errorResponses(400, 401, 403, 404),
  },
});

export const rollupRoutes = createRouter()
  .openapi(programs, async (c) => {
    const year = c.req.valid("query").year ?? beijingYear(new Date());
    return c.json(await programRollup(c.var.db, c.var.scope, year), 200);
  })
  .openapi(measures, async (c) => c.json(await measureRollup(c.var.db, c.var.scope), 200))
  .openapi(records, async (c) => {
    const year = c.req.valid("query").year ?? beijingYear(new Date());
    return c.json(await recordRollup(c.var.db, c.var.scope, year), 200);
  });
