import { createRoute, z } from "@hono/zod-openapi";
import { listActiveTenants } from "../data/tenants.ts";
import { createRouter } from "../router.ts";
import { TenantList } from "../schemas/directory.ts";

const health = createRoute({
  method: "get",
  path: "/health",
  tags: ["public"],
  summary: "Liveness: answers without touching the database",
  responses: {
    200: { description: "Alive", content: { "application/json": { schema: z.object({ ok: z.literal(true) }) } } },
  },
});

const tenantList = createRoute({
  method: "get",
  path: "/tenants",
  tags: ["public"],
  summary: "The civilization offices that are live on this deployment",
  responses: { 200: { description: "Tenants", content: { "application/json": { schema: TenantList } } } },
});

export const publicRoutes = createRouter()
  .openapi(health, (c) => c.json({ ok: true as const }, 200))
  .openapi(tenantList, async (c) => c.json({ items: await listActiveTenants(c.var.db) }, 200));
