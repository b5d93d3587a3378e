import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { findSession } from "../data/sessions.ts";
import { sessionIdFromToken } from "../domain/session-token.ts";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../errors.ts";

/** `__Host-`: the browser accepts it only Secure, host-only and for path `/`, so no subdomain can plant one. */
export const SESSION_COOKIE = "__Host-wm_session";

const TENANT_PATH = /^\/api\/t\/([^/]+)(?:\/|$)/;

/**
 * Loads the signed-in user, if any, from the session cookie, re-read on every request; on a tenant's
 * path also their scope there, in the same statement, for `tenantScope()` to check.
 */
export const session = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    c.set("user", null);
    c.set("sessionId", null);
    c.set("pathScope", null);
    const token = getCookie(c, SESSION_COOKIE);
    if (token && token.length <= 128) {
      const sessionId = await sessionIdFromToken(token);
      const found = await findSession(c.var.db, sessionId, TENANT_PATH.exec(c.req.path)?.[1] ?? null);
      if (found) {
        c.set("user", found.user);
        c.set("sessionId", sessionId);
        c.set("pathScope", found.scope);
      }
    }
    return next();
  });

export const requireUser = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (!c.var.user) throw new ApiError("unauthenticated");
    return next();
  });
