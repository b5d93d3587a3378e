import { createRoute, z } from "@hono/zod-openapi";
import { deleteCookie, setCookie } from "hono/cookie";
import { accountActor, auditEvent, runAudited } from "../data/audit.ts";
import type { Db } from "../data/db.ts";
import type { SessionUser } from "../data/sessions.ts";
import { sessionDelete, sessionInsert } from "../data/sessions.ts";
import { counterDelete, counterUpsert, readCounters } from "../data/throttle.ts";
import { findUserByEmail, membershipsOf, tenantAccess } from "../data/users.ts";
import { verifyAgainstDummy, verifyPassword } from "../domain/password.ts";
import { newSessionToken, SESSION_TTL_SECONDS, sessionIdFromToken } from "../domain/session-token.ts";
import { afterFailure, lockedForSeconds, throttleKey } from "../domain/throttle.ts";
import { ApiError } from "../errors.ts";
import { SESSION_COOKIE } from "../middleware/session.ts";
import { createRouter } from "../router.ts";
import { LoginBody, Me } from "../schemas/auth.ts";
import { errorResponses, jsonBody, jsonResponse } from "../schemas/common.ts";

const login = createRoute({
  method: "post",
  path: "/login",
  tags: ["auth"],
  summary: "Sign in with email and password; sets the session cookie",
  request: { body: jsonBody(LoginBody) },
  responses: {
    200: jsonResponse("Signed in", Me),
    ...errorResponses(400, 401, 403, 415, 429),
  },
});

const logout = createRoute({
  method: "post",
  path: "/logout",
  tags: ["auth"],
  summary: "End the current session",
  responses: {
    200: jsonResponse("Signed out", z.object({ ok: z.literal(true) })),
    ...errorResponses(415),
  },
});

const me = createRoute({
  method: "get",
  path: "/me",
  tags: ["auth"],
  summary: "The signed-in user and their memberships",
  responses: {
    200: jsonResponse("The user", Me),
    ...errorResponses(401),
  },
});

async function meOf(db: Db, user: SessionUser) {
  return { user, memberships: await membershipsOf(db, user.id) };
}

export const authRoutes = createRouter()
  .openapi(login, async (c) => {
    const db = c.var.db;
    const { email, password } = c.req.valid("json");
    const now = new Date();
    const ip = c.req.header("cf-connecting-ip") ?? "unknown";
    const accountKey = throttleKey("account", email);
    const ipKey = throttleKey("ip", ip);
    const counters = await readCounters(db, [accountKey, ipKey]);
    const wait = Math.max(
      lockedForSeconds("account", counters.get(accountKey), now),
      lockedForSeconds("ip", counters.get(ipKey), now),
    );
    if (wait > 0) throw new ApiError("too_many_attempts", { headers: { "Retry-After": String(wait) } });

    const user = await findUserByEmail(db, email);
    const ok = user?.passwordHash
      ? await verifyPassword(password, user.passwordHash)
      : await verifyAgainstDummy(password);
    if (!user?.email || !ok) {
      // Unknown account and wrong password take the same path and give the same answer.
      await runAudited(
        db,
        [
          counterUpsert(db, accountKey, afterFailure("account", counters.get(accountKey), now)),
          counterUpsert(db, ipKey, afterFailure("ip", counters.get(ipKey), now)),
        ],
        auditEvent(accountActor(user?.id ?? null), {
          action: "auth.login_failed",
          targetType: "account",
          targetId: null,
          after: { email: email.toLowerCase(), ip },
        }),
      );
      throw new ApiError("invalid_credentials");
    }
    if (!user.platformAdmin && (await tenantAccess(db, user.id)).suspendedOnly) throw new ApiError("tenant_suspended");

    const token = newSessionToken();
    const sessionId = await sessionIdFromToken(token);
    await runAudited(
      db,
      [
        sessionInsert(db, { id: sessionId, userId: user.id, ip, userAgent: c.req.header("user-agent") ?? null }),
        counterDelete(db, accountKey),
      ],
      auditEvent(accountActor(user.id), {
        action: "auth.login",
        targetType: "session",
        targetId: sessionId,
      }),
    );
    setCookie(c, SESSION_COOKIE, token, {
      path: "/",
      httpOnly: true,
      secure: true,
      sameSite: "Lax",
      maxAge: SESSION_TTL_SECONDS,
    });
    const sessionUser = {
      id: user.id,
      email: user.email as string,
      displayName: user.displayName,
      platformAdmin: user.platformAdmin,
    };
    return c.json(await meOf(db, sessionUser), 200);
  })
  .openapi(logout, async (c) => {
    const { user, sessionId } = c.var;
    if (user && sessionId) {
      await runAudited(
        c.var.db,
        [sessionDelete(c.var.db, sessionId)],
        auditEvent(accountActor(user.id), {
          action: "auth.logout",
          targetType: "session",
          targetId: sessionId,
        }),
      );
    }
    deleteCookie(c, SESSION_COOKIE, { path: "/", secure: true });
    return c.json({ ok: true as const }, 200);
  })
  .openapi(me, async (c) => {
    const user = c.var.user;
    if (!user) throw new ApiError("unauthenticated");
    return c.json(await meOf(c.var.db, user), 200);
  });
