import { createMiddleware } from "hono/factory";
import type { Role } from "../data/scope.ts";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../errors.ts";

/**
 * For `/api/t/:tenant/*`: the tenant comes from the path and must be one the signed-in user is an
 * active member of; anything else is 404, so a tenant's existence is never confirmed to outsiders.
 */
export const tenantScope = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const user = c.var.user;
    if (!user) throw new ApiError("unauthenticated");
    // The session lookup read the scope for the slug in the raw path; it must be this route's tenant.
    const scope = c.var.pathScope;
    if (!scope || scope.tenantSlug !== c.req.param("tenant")) throw new ApiError("not_found");
    c.set("scope", scope);
    return next();
  });

/** The object may be in scope, but the action is not this role's: 403. */
export const requireRole = (...roles: Role[]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (!roles.includes(c.var.scope.role)) throw new ApiError("forbidden");
    return next();
  });
