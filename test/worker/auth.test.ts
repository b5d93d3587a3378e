import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, call, failure, ok, signIn, statusOf, tenantApi } from "./client.ts";
import { DEMO } from "./fixtures.ts";

const auth = api().api.auth;
const login = (email: string, password: string, headers: Record<string, string> = {}) =>
  auth.login.$post({ json: { email, password } }, { headers });
const me = (cookie?: string) => api(cookie).api.auth.me.$get();
/** Logout declares no body, but every write must be application/json: send an empty object, as the SPA does. */
const logout = (cookie: string) =>
  api(cookie).api.auth.logout.$post(undefined, {
    headers: { "content-type": "application/json" },
    init: { body: "{}" },
  });

describe("sign-in", () => {
  it("signs a demo reviewer in with an HttpOnly, Secure, SameSite __Host- cookie", async () => {
    const response = await login(DEMO.deyang, "wenming-demo");
    expect(response.status).toBe(200);
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^__Host-wm_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("Secure");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Path=/");
    expect(cookie).not.toContain("Domain");
    const body = await response.json();
    expect(body.memberships).toEqual([
      expect.objectContaining({ tenant: expect.objectContaining({ slug: "sichuan" }), role: "reviewer" }),
    ]);
    expect(body.memberships[0]?.jurisdiction?.code).toBe("510600");
  });

  it("accepts the email in any case", async () => {
    expect(await statusOf(login("Dazhou@Sichuan.DEMO", "wenming-demo"))).toBe(200);
  });

  it("answers a wrong password and an unknown account identically", async () => {
    const wrong = await failure(login(DEMO.hubeiProvince, "not-it"), 401);
    const unknown = await failure(login("nobody@hubei.demo", "not-it"), 401);
    expect(unknown).toEqual(wrong);
    expect(wrong).toEqual({
      error: { code: "invalid_credentials", message: "邮箱或密码错误", messageEn: "Wrong email or password" },
    });
  });

  it("stores only a digest of the session token, never the token", async () => {
    const response = await login(DEMO.hubeiAdmin, "wenming-demo");
    const token = (response.headers.get("set-cookie") ?? "").split(";")[0]?.split("=")[1] ?? "";
    const rows = await env.DB.prepare("select id from sessions").all<{ id: string }>();
    expect(rows.results.length).toBeGreaterThan(0);
    expect(rows.results.some((r) => r.id === token)).toBe(false);
    expect(rows.results.every((r) => /^[0-9a-f]{64}$/.test(r.id))).toBe(true);
  });

  it("refuses bad input with field errors and no session", async () => {
    const body = await failure(login("not-an-email", ""), 400);
    expect(body.error.code).toBe("validation_failed");
    expect(Object.keys(body.error.fields ?? {}).sort()).toEqual(["email", "password"]);
  });

  it("refuses unknown fields such as a tenantId", async () => {
    // Plain request: a field the body's type does not have, on purpose.
    const body = await failure(
      call("/api/auth/login", { body: { email: DEMO.deyang, password: "wenming-demo", tenantId: "t-hubei" } }),
      400,
    );
    expect(body.error.code).toBe("validation_failed");
  });

  it("locks an account after five failures, even for the right password, with Retry-After", async () => {
    for (let i = 0; i < 5; i++) {
      expect(await statusOf(login(DEMO.huangshi, `bad-${i}`))).toBe(401);
    }
    const locked = await login(DEMO.huangshi, "wenming-demo");
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await locked.json()).toMatchObject({ error: { code: "too_many_attempts" } });
  });

  it("locks a client IP that fails across many accounts", async () => {
    const headers = { "cf-connecting-ip": "203.0.113.9" };
    for (let i = 0; i < 30; i++) {
      await login(`probe-${i}@example.com`, "x", headers);
    }
    expect(await statusOf(login(DEMO.sichuanProvince, "wenming-demo", headers))).toBe(429);
    const elsewhere = login(DEMO.sichuanProvince, "wenming-demo", { "cf-connecting-ip": "198.51.100.7" });
    expect(await statusOf(elsewhere)).toBe(200);
  });
});

describe("session", () => {
  it("me answers 401 without a session and the user with memberships with one", async () => {
    expect(await statusOf(me())).toBe(401);
    const body = await ok(me(await signIn(DEMO.sichuanUnit)));
    expect(body.user.email).toBe("unit@sichuan.demo");
    expect(body.memberships[0]).toMatchObject({ role: "unit_staff", unit: { name: "德阳市科学技术协会" } });
  });

  it("the platform admin is flagged and has no tenant membership", async () => {
    const body = await ok(me(await signIn(DEMO.platform)));
    expect(body.user.platformAdmin).toBe(true);
    expect(body.memberships).toEqual([]);
  });

  it("logout ends the session on the server, not just in the browser", async () => {
    const response = await login(DEMO.hubeiProvince, "wenming-demo");
    const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    expect(await statusOf(me(cookie))).toBe(200);
    const out = await logout(cookie);
    expect(out.status).toBe(200);
    expect(out.headers.get("set-cookie")).toMatch(/__Host-wm_session=;.*Max-Age=0/);
    expect(await statusOf(me(cookie))).toBe(401);
  });

  it("a disabled user's existing session stops working at the next request", async () => {
    const cookie = await signIn(DEMO.dazhou);
    const units = () => statusOf(tenantApi(cookie).units.$get({ param: { tenant: "sichuan" }, query: {} }));
    expect(await units()).toBe(200);
    await env.DB.prepare("update users set status = 'disabled' where email = ?").bind(DEMO.dazhou).run();
    expect(await units()).toBe(401);
    await env.DB.prepare("update users set status = 'active' where email = ?").bind(DEMO.dazhou).run();
  });

  it("an expired session is refused", async () => {
    const cookie = await signIn(DEMO.sichuanAdmin);
    await env.DB.prepare(
      "update sessions set expires_at = '2000-01-01T00:00:00.000Z' where user_id = (select id from users where email = ?)",
    )
      .bind(DEMO.sichuanAdmin)
      .run();
    expect(await statusOf(me(cookie))).toBe(401);
  });
});
