import { createRoute, z } from "@hono/zod-openapi";
import { emailTaken, findUsableToken, tokenConsume, userActivate } from "../data/activation.ts";
import { accountActor, auditEvent, runAudited } from "../data/audit.ts";
import {
  listUserSessions,
  otherSessionsDelete,
  ownSessionDelete,
  type SessionUser,
  userPasswordHash,
  userPasswordUpdate,
} from "../data/sessions.ts";
import { hashPassword, verifyPassword } from "../domain/password.ts";
import { PASSWORD_PROBLEM_TEXT, passwordProblems } from "../domain/password-policy.ts";
import { sessionIdFromToken } from "../domain/session-token.ts";
import { ApiError, invalidFields } from "../errors.ts";
import { requireUser } from "../middleware/session.ts";
import { createRouter } from "../router.ts";
import {
  ActivateBody,
  ActivationInfo,
  ChangePasswordBody,
  InspectActivationBody,
  Ok,
  SessionList,
} from "../schemas/account.ts";
import { errorResponses, jsonBody, jsonResponse } from "../schemas/common.ts";

const inspect = createRoute({
  method: "post",
  path: "/activation/inspect",
  tags: ["auth"],
  summary: "What a one-time link opens (the token is posted, never put in a URL)",
  request: { body: jsonBody(InspectActivationBody) },
  responses: {
    200: jsonResponse("The account", ActivationInfo),
    ...errorResponses(400, 415),
  },
});

const activate = createRoute({
  method: "post",
  path: "/activate",
  tags: ["auth"],
  summary: "Use a one-time link: set the password (and the email, for a first admin)",
  request: { body: jsonBody(ActivateBody) },
  responses: {
    200: jsonResponse("Password set; sign in with it", z.object({ email: z.string() })),
    ...errorResponses(400, 409, 415),
  },
});

const changePassword = createRoute({
  method: "post",
  path: "/password",
  tags: ["auth"],
  summary: "Change one's own password; every other session ends",
  middleware: [requireUser()] as const,
  request: { body: jsonBody(ChangePasswordBody) },
  responses: {
    200: jsonResponse("Changed", Ok),
    ...errorResponses(400, 401, 415),
  },
});

const sessionsRoute = createRoute({
  method: "get",
  path: "/sessions",
  tags: ["auth"],
  summary: "One's own active sessions",
  middleware: [requireUser()] as const,
  responses: {
    200: jsonResponse("Sessions", SessionList),
    ...errorResponses(401),
  },
});

const endSession = createRoute({
  method: "post",
  path: "/sessions/{id}/end",
  tags: ["auth"],
  summary: "End one of one's own sessions",
  middleware: [requireUser()] as const,
  request: {
    params: z.object({ id: z.string().regex(/^[0-9a-f]{64}$/) }),
    body: jsonBody(z.strictObject({})),
  },
  responses: {
    200: jsonResponse("Ended", Ok),
    ...errorResponses(400, 401, 404, 415),
  },
});

function checkNewPassword(password: string, email: string | null, field: string) {
  const problems = passwordProblems(password, email);
  if (problems.length > 0) throw invalidFields({ [field]: problems.map((p) => PASSWORD_PROBLEM_TEXT[p]) });
}

function signedInUser(user: SessionUser | null): SessionUser {
  if (!user) throw new ApiError("unauthenticated");
  return user;
}

export const accountRoutes = createRouter()
  .openapi(inspect, async (c) => {
    const found = await findUsableToken(c.var.db, await sessionIdFromToken(c.req.valid("json").token));
    if (!found || found.userStatus === "disabled") throw new ApiError("token_invalid");
    return c.json(
      { purpose: found.purpose, email: found.email, displayName: found.displayName, tenantName: found.tenantName },
      200,
    );
  })
  .openapi(activate, async (c) => {
    const { db } = c.var;
    const body = c.req.valid("json");
    const tokenId = await sessionIdFromToken(body.token);
    const found = await findUsableToken(db, tokenId);
    if (!found || found.userStatus === "disabled") throw new ApiError("token_invalid");
    const email = found.email ?? body.email?.toLowerCase();
    if (!email) throw invalidFields({ email: ["请填写登录邮箱 / choose a sign-in email"] });
    checkNewPassword(body.password, email, "password");
    if (!found.email && (await emailTaken(db, email, found.userId))) throw new ApiError("email_taken");

    const used = await runAudited(
      db,
      [
        userActivate(db, tokenId, found.userId, {
          passwordHash: await hashPassword(body.password),
          email,
          displayName: body.displayName ?? found.displayName,
        }),
      ],
      auditEvent(accountActor(found.userId), {
        action: found.purpose === "activation" ? "account.activate" : "account.reset_password",
        targetType: "user",
        targetId: found.userId,
      }),
      // Consuming the token is the guard: of two concurrent uses, only one changes a row.
      { guard: tokenConsume(db, tokenId) },
    );
    if (!used) throw new ApiError("token_invalid");
    return c.json({ email }, 200);
  })
  .openapi(changePassword, async (c) => {
    const { db, sessionId } = c.var;
    const user = signedInUser(c.var.user);
    const { currentPassword, newPassword } = c.req.valid("json");
    const stored = await userPasswordHash(db, user.id);
    if (!stored?.passwordHash || !(await verifyPassword(currentPassword, stored.passwordHash))) {
      throw invalidFields({ currentPassword: ["当前密码不正确 / the current password is wrong"] });
    }
    checkNewPassword(newPassword, user.email, "newPassword");
    await runAudited(
      db,
      [
        userPasswordUpdate(db, user.id, await hashPassword(newPassword)),
        otherSessionsDelete(db, user.id, sessionId ?? ""),
      ],
      auditEvent(accountActor(user.id), {
        action: "account.change_password",
        targetType: "user",
        targetId: user.id,
      }),
    );
    return c.json({ ok: true as const }, 200);
  })
  .openapi(sessionsRoute, async (c) => {
    const user = signedInUser(c.var.user);
    const rows = await listUserSessions(c.var.db, user.id);
    return c.json({ items: rows.map((s) => ({ ...s, current: s.id === c.var.sessionId })) }, 200);
  })
  .openapi(endSession, async (c) => {
    const { db } = c.var;
    const user = signedInUser(c.var.user);
    const { id } = c.req.valid("param");
    const own = (await listUserSessions(db, user.id)).some((s) => s.id === id);
    if (!own) throw new ApiError("not_found");
    await runAudited(
      db,
      [ownSessionDelete(db, user.id, id)],
      auditEvent(accountActor(user.id), {
        action: "auth.end_session",
        targetType: "session",
        targetId: id,
      }),
    );
    return c.json({ ok: true as const }, 200);
  });
