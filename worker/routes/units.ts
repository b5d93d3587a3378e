import { createRoute } from "@hono/zod-openapi";
import { getUnit, listUnits } from "../data/units.ts";
import { paging } from "../domain/paging.ts";
import { ApiError } from "../errors.ts";
import { createRouter } from "../router.ts";
import { errorResponses, IdParam, jsonResponse, TenantParams } from "../schemas/common.ts";
import { UnitDetail, UnitListQuery, UnitPage } from "../schemas/units.ts";

const list = createRoute({
  method: "get",
  path: "/",
  tags: ["units"],
  summary: "Units in the caller's scope, filtered and paged",
  request: { params: TenantParams, query: UnitListQuery },
  responses: {
    200: jsonResponse("One page of units", UnitPage),
    ...errorResponses(400, 401, 404),
  },
});

const detail = createRoute({
  method: "get",
  path: "/{id}",
  tags: ["units"],
  summary: "One unit in the caller's scope",
  request: { params: TenantParams.extend({ id: IdParam }) },
  responses: {
    200: jsonResponse("The unit", UnitDetail),
    ...errorResponses(401, 404),
  },
});

export const unitRoutes = createRouter()
  .openapi(list, async (c) => {
    const { page, pageSize, ...filters } = c.req.valid("query");
    const paged = paging(page, pageSize);
    const result = await listUnits(c.var.db, c.var.scope, filters, paged);
    return c.json({ ...result, page: paged.page, pageSize: paged.pageSize }, 200);
  })
  .openapi(detail, async (c) => {
    const unit = await getUnit(c.var.db, c.var.scope, c.req.valid("param").id);
    if (!unit) throw new ApiError("not_found");
    return c.json(unit, 200);
  });
