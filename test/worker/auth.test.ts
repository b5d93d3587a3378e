import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, callJson, signIn } from "./client.ts";

interface MeBody {
  user: { email: string; platformAdmin: boolean };
  memberships: Array<{
    tenant: { slug: string };
    role: string;
    jurisdiction: { code: string } | null;
    unit: { name: string } | null;
  }>;
}

describe("sign-in", () => {
  it("signs a demo reviewer in with an HttpOnly, Secure, SameSite __Host- cookie", async () => {
    const response = await call("/api/auth/login", {
      body: { email: "deyang@sichuan.demo", password: "wenming-demo" },
    });
    expect(response.status).toBe(200);
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^__Host-wm_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("Secure");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Path=/");
    expect(cookie).not.toContain("Domain");
    const body = (await response.json()) as MeBody;
    expect(body.memberships).toEqual([
      expect.objectContaining({ tenant: expect.objectContaining({ slug: "sichuan" }), role: "reviewer" }),
    ]);
    expect(body.memberships[0]?.jurisdiction?.code).toBe("510600");
  });

  it("accepts the email in any case", async () => {
    const { status } = await callJson("/api/auth/login", {
      body: { email: "Dazhou@Sichuan.DEMO", password: "wenming-demo" },
    });
    expect(status).toBe(200);
  });

  it("answers a wrong password and an unknown account identically", async () => {
    const wrong = await callJson("/api/auth/login", { body: { email: "province@hubei.demo", password: "not-it" } });
    const unknown = await callJson("/api/auth/login", { body: { email: "nobody@hubei.demo", password: "not-it" } });
    expect(wrong.status).toBe(401);
    expect(unknown).toEqual(wrong);
    expect(wrong.body).toEqual({
      error: { code: "invalid_credentials", message: "邮箱或密码错误", messageEn: "Wrong email or password" },
    });
  });

  it("stores only a digest of the session token, never the token", async () => {
    const response = await call("/api/auth/login", { body: { email: "admin@hubei.demo", password: "wenming-demo" } });
    const token = (response.headers.get("set-cookie") ?? "").split(";")[0]?.split("=")[1] ?? "";
    const rows = await env.DB.prepare("select id from sessions").all<{ id: string }>();
    expect(rows.results.length).toBeGreaterThan(0);
    expect(rows.results.some((r) => r.id === token)).toBe(false);
    expect(rows.results.every((r) => /^[0-9a-f]{64}$/.test(r.id))).toBe(true);
  });

  it("refuses bad input with field errors and no session", async () => {
    const { status, body } = await callJson<{ error: { code: string; fields: Record<string, string[]> } }>(
      "/api/auth/login",
      { body: { email: "not-an-email", password: "" } },
    );
    expect(status).toBe(400);
    expect(body.error.code).toBe("validation_failed");
    expect(Object.keys(body.error.fields).sort()).toEqual(["email", "password"]);
  });

  it("refuses unknown fields such as a tenantId", async () => {
    const { status, body } = await callJson<{ error: { code: string } }>("/api/auth/login", {
      body: { email: "deyang@sichuan.demo", password: "wenming-demo", tenantId: "t-hubei" },
    });
    expect(status).toBe(400);
    expect(body.error.code).toBe("validation_failed");
  });

  it("locks an account after five failures, even for the right password, with Retry-After", async () => {
    for (let i = 0; i < 5; i++) {
      const { status } = await callJson("/api/auth/login", {
        body: { email: "huangshi@hubei.demo", password: `bad-${i}` },
      });
      expect(status).toBe(401);
    }
    const locked = await call("/api/auth/login", { body: { email: "huangshi@hubei.demo", password: "wenming-demo" } });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await locked.json()).toMatchObject({ error: { code: "too_many_attempts" } });
  });

  it("locks a client IP that fails across many accounts", async () => {
    const headers = { "cf-connecting-ip": "203.0.113.9" };
    for (let i = 0; i < 30; i++) {
      await call("/api/auth/login", { body: { email: `probe-${i}@example.com`, password: "x" }, headers });
    }
    const locked = await call("/api/auth/login", {
      body: { email: "province@sichuan.demo", password: "wenming-demo" },
      headers,
    });
    expect(locked.status).toBe(429);
    const elsewhere = await call("/api/auth/login", {
      body: { email: "province@sichuan.demo", password: "wenming-demo" },
      headers: { "cf-connecting-ip": "198.51.100.7" },
    });
    expect(elsewhere.status).toBe(200);
  });
});

describe("session", () => {
  it("me answers 401 without a session and the user with memberships with one", async () => {
    expect((await call("/api/auth/me")).status).toBe(401);
    const { status, body } = await callJson<MeBody>("/api/auth/me", { cookie: await signIn("unit@sichuan.demo") });
    expect(status).toBe(200);
    expect(body.user.email).toBe("unit@sichuan.demo");
    expect(body.memberships[0]).toMatchObject({ role: "unit_staff", unit: { name: "德阳市科学技术协会" } });
  });

  it("the platform admin is flagged and has no tenant membership", async () => {
    const { body } = await callJson<MeBody>("/api/auth/me", { cookie: await signIn("platform@wenming.demo") });
    expect(body.user.platformAdmin).toBe(true);
    expect(body.memberships).toEqual([]);
  });

  it("logout ends the session on the server, not just in the browser", async () => {
    const response = await call("/api/auth/login", {
      body: { email: "province@hubei.demo", password: "wenming-demo" },
    });
    const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    expect((await call("/api/auth/me", { cookie })).status).toBe(200);
    const out = await call("/api/auth/logout", { body: {}, cookie });
    expect(out.status).toBe(200);
    expect(out.headers.get("set-cookie")).toMatch(/__Host-wm_session=;.*Max-Age=0/);
    expect((await call("/api/auth/me", { cookie })).status).toBe(401);
  });

  it("a disabled user's existing session stops working at the next request", async () => {
    const cookie = await signIn("dazhou@sichuan.demo");
    expect((await call("/api/t/sichuan/units", { cookie })).status).toBe(200);
    await env.DB.prepare("update users set status = 'disabled' where email = ?").bind("dazhou@sichuan.demo").run();
    expect((await call("/api/t/sichuan/units", { cookie })).status).toBe(401);
    await env.DB.prepare("update users set status = 'active' where email = ?").bind("dazhou@sichuan.demo").run();
  });

  it("an expired session is refused", async () => {
    const cookie = await signIn("admin@sichuan.demo");
    await env.DB.prepare(
      "update sessions set expires_at = '2000-01-01T00:00:00.000Z' where user_id = (select id from users where email = ?)",
    )
      .bind("admin@sichuan.demo")
      .run();
    expect((await call("/api/auth/me", { cookie })).status).toBe(401);
  });
});
