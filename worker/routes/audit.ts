import { createRoute } from "@hono/zod-openapi";
import { listAuditEvents } from "../data/audit.ts";
import { paging } from "../domain/paging.ts";
import { requireRole } from "../middleware/tenant-scope.ts";
import { createRouter } from "../router.ts";
import { AuditPage, AuditQuery } from "../schemas/audit.ts";
import { errorResponses, jsonResponse, TenantParams } from "../schemas/common.ts";

const list = createRoute({
  method: "get",
  path: "/",
  tags: ["audit"],
  summary: "The office's change history, newest first",
  middleware: [requireRole("tenant_admin")],
  request: { params: TenantParams, query: AuditQuery },
  responses: {
    200: jsonResponse("One page", AuditPage),
    ...errorResponses(400, 401, 403, 404),
  },
});

export const auditRoutes = createRouter().openapi(list, async (c) => {
  const { page, pageSize, ...filters } = c.req.valid("query");
  const paged = paging(page, pageSize);
  const result = await listAuditEvents(c.var.db, c.var.scope.tenantId, filters, paged);
  return c.json({ ...result, page: paged.page, pageSize: paged.pageSize }, 200);
});
