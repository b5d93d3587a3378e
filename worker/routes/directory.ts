import { createRoute } from "@hono/zod-openapi";
import { listSectors, listUnitKinds } from "../data/classifications.ts";
import { citiesInScope, listJurisdictions } from "../data/jurisdictions.ts";
import { createRouter } from "../router.ts";
import { errorResponses, jsonResponse, TenantParams } from "../schemas/common.ts";
import { JurisdictionList, JurisdictionQuery, UnitFilterOptions } from "../schemas/directory.ts";

const jurisdictions = createRoute({
  method: "get",
  path: "/jurisdictions",
  tags: ["directory"],
  summary: "Children of a jurisdiction node (the roots when no parent is given)",
  request: { params: TenantParams, query: JurisdictionQuery },
  responses: {
    200: jsonResponse("Nodes", JurisdictionList),
    ...errorResponses(400, 401, 404),
  },
});

const unitFilters = createRoute({
  method: "get",
  path: "/unit-filters",
  tags: ["directory"],
  summary: "Choices for filtering units: cities under the caller's scope, sectors, unit kinds",
  request: { params: TenantParams },
  responses: {
    200: jsonResponse("Filter options", UnitFilterOptions),
    ...errorResponses(401, 404),
  },
});

/** Reference lists inside a tenant, readable by every member. */
export const directoryRoutes = createRouter()
  .openapi(jurisdictions, async (c) => {
    const items = await listJurisdictions(c.var.db, c.var.scope, c.req.valid("query").parent);
    return c.json({ items }, 200);
  })
  .openapi(unitFilters, async (c) => {
    const { db, scope } = c.var;
    const [cities, sectors, kinds] = await db.batch([
      citiesInScope(db, scope),
      listSectors(db, scope),
      listUnitKinds(db, scope),
    ]);
    return c.json({ cities, sectors, kinds }, 200);
  });
