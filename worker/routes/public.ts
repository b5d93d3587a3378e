import { createRoute, z } from "@hono/zod-openapi";
import { logoUrl } from "../data/settings.ts";
import { findTenantBySlug, listActiveTenants } from "../data/tenants.ts";
import { beijingToday } from "../domain/record-rules.ts";
import { ApiError } from "../errors.ts";
import { createRouter } from "../router.ts";
import { PublicTenant, TenantSlug } from "../schemas/admin.ts";
import { errorResponses, jsonResponse } from "../schemas/common.ts";
import { TenantList } from "../schemas/directory.ts";

const health = createRoute({
  method: "get",
  path: "/health",
  tags: ["public"],
  summary: "Liveness: answers without touching the database",
  responses: {
    200: jsonResponse("Alive", z.object({ ok: z.literal(true) })),
  },
});

const tenantList = createRoute({
  method: "get",
  path: "/tenants",
  tags: ["public"],
  summary: "The civilization offices that are live on this deployment, with headline numbers (public, no login)",
  responses: { 200: jsonResponse("Tenants", TenantList) },
});

const tenantProfile = createRoute({
  method: "get",
  path: "/tenants/{slug}",
  tags: ["public"],
  summary: "An office's public profile; a suspended office shows only that it is unavailable",
  request: { params: z.object({ slug: TenantSlug }) },
  responses: {
    200: jsonResponse("Profile", PublicTenant),
    ...errorResponses(400, 404),
  },
});

const tenantLogo = createRoute({
  method: "get",
  path: "/tenants/{slug}/logo",
  tags: ["public"],
  summary: "An office's logo (cacheable: its URL changes with every new logo)",
  request: { params: z.object({ slug: TenantSlug }) },
  responses: {
    200: { description: "The image", content: { "image/png": { schema: z.string() } } },
    ...errorResponses(400, 404),
  },
});

export const publicRoutes = createRouter()
  .openapi(health, (c) => c.json({ ok: true as const }, 200))
  .openapi(tenantList, async (c) => c.json({ items: await listActiveTenants(c.var.db, beijingToday(new Date())) }, 200))
  .openapi(tenantProfile, async (c) => {
    const tenant = await findTenantBySlug(c.var.db, c.req.valid("param").slug);
    if (!tenant) throw new ApiError("not_found");
    const live = tenant.status === "active";
    return c.json(
      {
        slug: tenant.slug,
        name: tenant.name,
        displayName: live ? (tenant.displayName ?? tenant.name) : tenant.name,
        status: tenant.status,
        logoUrl: live && tenant.logoKey ? logoUrl(tenant.slug, tenant.version) : null,
      },
      200,
    );
  })
  .openapi(tenantLogo, async (c) => {
    const tenant = await findTenantBySlug(c.var.db, c.req.valid("param").slug);
    const object = tenant?.status === "active" && tenant.logoKey ? await c.env.FILES.get(tenant.logoKey) : null;
    if (!object) throw new ApiError("not_found");
    return c.body(object.body, 200, {
      "Content-Type": object.httpMetadata?.contentType ?? "application/octet-stream",
      "Cache-Control": "public, max-age=86400",
    });
  });
