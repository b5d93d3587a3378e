import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { firstBrokenLink } from "../../worker/domain/audit-chain.ts";
import { storedAuditEvents } from "./audit-rows.ts";
import { api } from "./client.ts";
import { DEMO } from "./fixtures.ts";

const auth = api().api.auth;
const login = (email: string, password = "wenming-demo") => auth.login.$post({ json: { email, password } });
/** Logout declares no body, but every write must be application/json: send an empty object, as the SPA does. */
const logout = (cookie: string) =>
  api(cookie).api.auth.logout.$post(undefined, {
    headers: { "content-type": "application/json" },
    init: { body: "{}" },
  });

const events = () => storedAuditEvents();

const signInOut = async (email: string) => {
  const response = await login(email);
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const out = await logout(cookie);
  return [response.status, out.status];
};

describe("audit log", () => {
  it("a sign-in, a failed sign-in and a sign-out each write exactly one event", async () => {
    const before = (await events()).length;
    const response = await login(DEMO.deyang);
    expect((await events()).length).toBe(before + 1);
    await login(DEMO.deyang, "wrong");
    expect((await events()).length).toBe(before + 2);
    const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    await logout(cookie);
    const all = await events();
    expect(all.slice(-3).map((e) => e.action)).toEqual(["auth.login", "auth.login_failed", "auth.logout"]);
    expect(all.at(-1)).toMatchObject({ actorUserId: "user-deyang-sichuan-demo", targetType: "session" });
    expect(all.at(-1)?.createdAt).toMatch(/Z$/);
  });

  it("reads of data write no event", async () => {
    const before = (await events()).length;
    await api().api.tenants.$get();
    await auth.me.$get();
    expect((await events()).length).toBe(before);
  });

  it("concurrent writers extend one unbroken chain", async () => {
    const statuses = await Promise.all(
      [DEMO.sichuanAdmin, DEMO.hubeiAdmin, DEMO.sichuanProvince, DEMO.hubeiUnit, DEMO.dazhou].map(signInOut),
    );
    expect(statuses.flat().every((s) => s === 200)).toBe(true);
    const all = await events();
    expect(all.length).toBeGreaterThanOrEqual(8);
    expect(await firstBrokenLink(all.filter((e) => e.chain === "platform"))).toBe(-1);
  });

  it("tampering with a stored event is detectable", async () => {
    await env.DB.prepare(
      "update audit_events set action = 'auth.logout' where rowid = (select min(rowid) from audit_events)",
    ).run();
    expect(await firstBrokenLink((await events()).filter((e) => e.chain === "platform"))).toBe(0);
  });
});
