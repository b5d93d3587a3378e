import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { findSessionUser } from "../data/sessions.ts";
import { sessionIdFromToken } from "../domain/session-token.ts";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../errors.ts";

/** `__Host-`: the browser accepts it only Secure, host-only and for path `/`, so no subdomain can plant one. */
export const SESSION_COOKIE = "__Host-wm_session";

/** Loads the signed-in user, if any, from the session cookie. The user is re-read on every request. */
export const session = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    c.set("user", null);
    c.set("sessionId", null);
    const token = getCookie(c, SESSION_COOKIE);
    if (token && token.length <= 128) {
      const sessionId = await sessionIdFromToken(token);
      const user = await findSessionUser(c.var.db, sessionId);
      if (user) {
        c.set("user", user);
        c.set("sessionId", sessionId);
      }
    }
    return next();
  });

export const requireUser = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (!c.var.user) throw new ApiError("unauthenticated");
    return next();
  });
