import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { type FoundSession, findSession, sessionFromValues, sessionLookupStatement } from "../data/sessions.ts";
import { sessionIdFromToken } from "../domain/session-token.ts";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../errors.ts";
import { rememberSession, sameSession, sessionHint } from "./session-hints.ts";

/** `__Host-`: the browser accepts it only Secure, host-only and for path `/`, so no subdomain can plant one. */
export const SESSION_COOKIE = "__Host-wm_session";

const TENANT_PATH = /^\/api\/t\/([^/]+)(?:\/|$)/;

/** Requests that must look their session up first: the retry of one whose hint proved stale. */
const withoutHint = new WeakSet<Request>();

export function retryWithoutHint(request: Request): Request {
  withoutHint.add(request);
  return request;
}

/**
 * Loads the signed-in user, if any, from the session cookie, re-read on every request; on a tenant's
 * path also their scope there, in the same statement, for `tenantScope()` to check.
 *
 * Steady state costs no round trip of its own: when this isolate has seen the session before, the
 * request runs on that hint and the lookup rides in its first D1 batch. A revoked session, a changed
 * role or a deactivated user makes the lookup disagree; the request then runs again on the fresh
 * answer (see worker/index.ts), so every change takes effect on the very next request.
 */
export const session = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    c.set("user", null);
    c.set("sessionId", null);
    c.set("pathScope", null);
    const token = getCookie(c, SESSION_COOKIE);
    if (!token || token.length > 128) return next();
    const sessionId = await sessionIdFromToken(token);
    const slug = TENANT_PATH.exec(c.req.path)?.[1] ?? null;
    const hint = withoutHint.has(c.req.raw) ? undefined : sessionHint(sessionId, slug);
    let found: FoundSession | undefined = hint;
    if (hint) {
      const { sql, params } = sessionLookupStatement(c.var.db, sessionId, slug);
      c.var.d1.expectSession({
        sql,
        params,
        matches: (values) => {
          const fresh = sessionFromValues(values, slug);
          rememberSession(sessionId, slug, fresh);
          return sameSession(fresh, hint);
        },
      });
    } else {
      found = await findSession(c.var.db, sessionId, slug);
      rememberSession(sessionId, slug, found);
    }
    if (found) {
      c.set("user", found.user);
      c.set("sessionId", sessionId);
      c.set("pathScope", found.scope);
    }
    await next();
    // A handler that made no D1 call confirms the hint now, before its answer leaves.
    await c.var.d1.settleSession();
  });

export const requireUser = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (!c.var.user) throw new ApiError("unauthenticated");
    return next();
  });
