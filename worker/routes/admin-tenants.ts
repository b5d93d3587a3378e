import { createRoute, z } from "@hono/zod-openapi";
import { auditEvent, platformActor, runAudited } from "../data/audit.ts";
import type { Db } from "../data/db.ts";
import { DIVISIONS, divisionChoices } from "../data/divisions.ts";
import { existingEmails } from "../data/people.ts";
import type { SessionUser } from "../data/sessions.ts";
import { findTenantBySlug, listAllTenants, newTenantStatements, setTenantStatus } from "../data/tenants.ts";
import { isUniqueViolation } from "../data/unique-violation.ts";
import { activationExpiry, activationLink } from "../domain/activation.ts";
import { findDivision, jurisdictionRowsFor } from "../domain/division-tree.ts";
import { newOneTimeToken } from "../domain/one-time-token.ts";
import type { TenantStatus } from "../domain/vocabulary.ts";
import { ApiError, invalidFields } from "../errors.ts";
import { requirePlatformAdmin } from "../middleware/platform-admin.ts";
import { createRouter } from "../router.ts";
import { Ok } from "../schemas/account.ts";
import {
  AdminTenantList,
  CreatedTenant,
  CreateTenantBody,
  DivisionList,
  DivisionQuery,
  TenantSlug,
  TenantStatusBody,
} from "../schemas/admin.ts";
import { errorResponses, jsonBody, jsonResponse } from "../schemas/common.ts";

const list = createRoute({
  method: "get",
  path: "/tenants",
  tags: ["platform"],
  summary: "Every office on the deployment, suspended ones included",
  middleware: [requirePlatformAdmin()] as const,
  responses: {
    200: jsonResponse("Offices", AdminTenantList),
    ...errorResponses(401, 403),
  },
});

const create = createRoute({
  method: "post",
  path: "/tenants",
  tags: ["platform"],
  summary: "Create an office with its jurisdiction tree and a first admin (one-time activation link)",
  middleware: [requirePlatformAdmin()] as const,
  request: { body: jsonBody(CreateTenantBody) },
  responses: {
    201: jsonResponse("Created", CreatedTenant),
    ...errorResponses(400, 401, 403, 409, 415),
  },
});

const statusRoute = <A extends "suspend" | "resume">(action: A) =>
  createRoute({
    method: "post",
    path: `/tenants/{slug}/${action}`,
    tags: ["platform"],
    summary: action === "suspend" ? "Suspend an office: its people cannot sign in" : "Resume a suspended office",
    middleware: [requirePlatformAdmin()] as const,
    request: {
      params: z.object({ slug: TenantSlug }),
      body: jsonBody(TenantStatusBody),
    },
    responses: {
      200: jsonResponse("Done", Ok),
      ...errorResponses(400, 401, 403, 404, 409, 415),
    },
  });

const divisions = createRoute({
  method: "get",
  path: "/divisions",
  tags: ["platform"],
  summary: "National divisions (GB/T 2260): provinces, or the cities of one province",
  middleware: [requirePlatformAdmin()] as const,
  request: { query: DivisionQuery },
  responses: {
    200: jsonResponse("Divisions", DivisionList),
    ...errorResponses(400, 401, 403),
  },
});

export const adminTenantRoutes = createRouter()
  .openapi(list, async (c) => c.json({ items: await listAllTenants(c.var.db) }, 200))
  .openapi(create, async (c) => {
    const { db } = c.var;
    const user = c.var.user;
    if (!user) throw new ApiError("unauthenticated");
    const body = c.req.valid("json");
    const root = findDivision(DIVISIONS, body.rootCode);
    if (!root) throw invalidFields({ rootCode: ["不是省级或地级行政区划代码 / not a province or city division code"] });
    if (await findTenantBySlug(db, body.slug)) throw new ApiError("slug_taken");
    const adminEmail = body.adminEmail?.toLowerCase() ?? null;
    if (adminEmail && (await existingEmails(db, [adminEmail])).size > 0) throw new ApiError("email_taken");

    const { token, tokenId } = await newOneTimeToken();
    const { tenantId, statements } = newTenantStatements(db, {
      slug: body.slug,
      name: body.name,
      rows: jurisdictionRowsFor(root),
      admin: { email: adminEmail, displayName: body.adminName ?? `${body.name}管理员` },
      activation: { tokenId, expiresAt: activationExpiry(new Date()), createdBy: user.id },
    });
    try {
      await runAudited(
        db,
        statements,
        auditEvent(platformActor(tenantId, user.id), {
          action: "tenant.create",
          targetType: "tenant",
          targetId: tenantId,
          after: { slug: body.slug, name: body.name, rootCode: body.rootCode },
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error, "tenants.slug")) throw new ApiError("slug_taken");
      throw error;
    }
    return c.json({ slug: body.slug, activationLink: activationLink(new URL(c.req.url).origin, token) }, 201);
  })
  .openapi(statusRoute("suspend"), async (c) => {
    await changeStatus(c.var, c.req.valid("param").slug, "suspended", c.req.valid("json").reason);
    return c.json({ ok: true as const }, 200);
  })
  .openapi(statusRoute("resume"), async (c) => {
    await changeStatus(c.var, c.req.valid("param").slug, "active", c.req.valid("json").reason);
    return c.json({ ok: true as const }, 200);
  })
  .openapi(divisions, (c) => c.json({ items: divisionChoices(c.req.valid("query").parent) }, 200));

async function changeStatus(
  { db, user }: { db: Db; user: SessionUser | null },
  slug: string,
  status: TenantStatus,
  reason: string | undefined,
) {
  const tenant = await findTenantBySlug(db, slug);
  if (!tenant || !user) throw new ApiError("not_found");
  if (tenant.status === status) throw new ApiError("already_in_state");
  await runAudited(
    db,
    [setTenantStatus(db, tenant.id, status)],
    auditEvent(platformActor(tenant.id, user.id), {
      action: status === "suspended" ? "tenant.suspend" : "tenant.resume",
      targetType: "tenant",
      targetId: tenant.id,
      before: { status: tenant.status },
      after: { status },
      reason: reason ?? null,
    }),
  );
}
