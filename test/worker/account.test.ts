import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, callJson } from "./client.ts";

const login = async (email: string, password = "wenming-demo", ip = "192.0.2.1") => {
  const response = await call("/api/auth/login", { body: { email, password }, headers: { "cf-connecting-ip": ip } });
  return { status: response.status, cookie: (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "" };
};

interface Sessions {
  items: Array<{ id: string; current: boolean; ip: string | null }>;
}

describe("own sessions", () => {
  it("lists one's own sessions with the current one marked, and ends another", async () => {
    const laptop = await login("dazhou@sichuan.demo", "wenming-demo", "192.0.2.10");
    const phone = await login("dazhou@sichuan.demo", "wenming-demo", "192.0.2.11");
    const { body } = await callJson<Sessions>("/api/auth/sessions", { cookie: laptop.cookie });
    expect(body.items).toHaveLength(2);
    expect(body.items.filter((s) => s.current)).toEqual([expect.objectContaining({ ip: "192.0.2.10" })]);
    const other = body.items.find((s) => !s.current);
    expect((await call(`/api/auth/sessions/${other?.id}/end`, { body: {}, cookie: laptop.cookie })).status).toBe(200);
    expect((await call("/api/auth/me", { cookie: phone.cookie })).status).toBe(401);
    expect((await call("/api/auth/me", { cookie: laptop.cookie })).status).toBe(200);
  });

  it("cannot end someone else's session (404) and lists only one's own", async () => {
    const mine = await login("province@sichuan.demo");
    const theirs = await login("deyang@sichuan.demo");
    const theirIds = (await callJson<Sessions>("/api/auth/sessions", { cookie: theirs.cookie })).body.items.map(
      (s) => s.id,
    );
    const myIds = (await callJson<Sessions>("/api/auth/sessions", { cookie: mine.cookie })).body.items.map((s) => s.id);
    expect(myIds.some((id) => theirIds.includes(id))).toBe(false);
    expect((await call(`/api/auth/sessions/${theirIds[0]}/end`, { body: {}, cookie: mine.cookie })).status).toBe(404);
    expect((await call("/api/auth/me", { cookie: theirs.cookie })).status).toBe(200);
    expect((await call("/api/auth/sessions/not-a-session-id/end", { body: {}, cookie: mine.cookie })).status).toBe(400);
    expect((await call("/api/auth/sessions")).status).toBe(401);
  });
});

describe("changing one's password", () => {
  it("needs the current password, applies the rules, and ends the other sessions", async () => {
    const here = await login("admin@hubei.demo");
    const elsewhere = await login("admin@hubei.demo");
    const wrong = await callJson<{ error: { fields: Record<string, string[]> } }>("/api/auth/password", {
      body: { currentPassword: "not-it", newPassword: "a-brand-new-passphrase" },
      cookie: here.cookie,
    });
    expect(wrong.status).toBe(400);
    expect(Object.keys(wrong.body.error.fields)).toEqual(["currentPassword"]);
    const weak = await callJson<{ error: { fields: Record<string, string[]> } }>("/api/auth/password", {
      body: { currentPassword: "wenming-demo", newPassword: "short" },
      cookie: here.cookie,
    });
    expect(Object.keys(weak.body.error.fields)).toEqual(["newPassword"]);
    const done = await call("/api/auth/password", {
      body: { currentPassword: "wenming-demo", newPassword: "a-brand-new-passphrase" },
      cookie: here.cookie,
    });
    expect(done.status).toBe(200);
    expect((await call("/api/auth/me", { cookie: here.cookie })).status).toBe(200);
    expect((await call("/api/auth/me", { cookie: elsewhere.cookie })).status).toBe(401);
    expect((await login("admin@hubei.demo")).status).toBe(401);
    expect((await login("admin@hubei.demo", "a-brand-new-passphrase")).status).toBe(200);
    const events = await env.DB.prepare(
      "select count(*) n from audit_events where action = 'account.change_password'",
    ).first<{ n: number }>();
    expect(events?.n).toBe(1);
  });

  it("refuses unknown fields and anonymous callers", async () => {
    const me = await login("unit@hubei.demo");
    const extra = await call("/api/auth/password", {
      body: {
        currentPassword: "wenming-demo",
        newPassword: "a-brand-new-passphrase",
        userId: "user-platform-wenming-demo",
      },
      cookie: me.cookie,
    });
    expect(extra.status).toBe(400);
    expect((await call("/api/auth/password", { body: { currentPassword: "x", newPassword: "y" } })).status).toBe(401);
  });
});
