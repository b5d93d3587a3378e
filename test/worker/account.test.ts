import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, call, failure, ok, statusOf } from "./client.ts";
import { DEMO } from "./fixtures.ts";

const login = async (email: string, password = "wenming-demo", ip = "192.0.2.1") => {
  const response = await api().api.auth.login.$post(
    { json: { email, password } },
    { headers: { "cf-connecting-ip": ip } },
  );
  return { status: response.status, cookie: (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "" };
};
const account = (cookie?: string) => {
  const auth = api(cookie).api.auth;
  return {
    me: () => auth.me.$get(),
    sessions: () => auth.sessions.$get(),
    end: (id: string) => auth.sessions[":id"].end.$post({ param: { id }, json: {} }),
    changePassword: (currentPassword: string, newPassword: string) =>
      auth.password.$post({ json: { currentPassword, newPassword } }),
  };
};

describe("own sessions", () => {
  it("lists one's own sessions with the current one marked, and ends another", async () => {
    const laptop = await login(DEMO.dazhou, "wenming-demo", "192.0.2.10");
    const phone = await login(DEMO.dazhou, "wenming-demo", "192.0.2.11");
    const body = await ok(account(laptop.cookie).sessions());
    expect(body.items).toHaveLength(2);
    expect(body.items.filter((s) => s.current)).toEqual([expect.objectContaining({ ip: "192.0.2.10" })]);
    const other = body.items.find((s) => !s.current);
    expect(await statusOf(account(laptop.cookie).end(other?.id ?? "no-session"))).toBe(200);
    expect(await statusOf(account(phone.cookie).me())).toBe(401);
    expect(await statusOf(account(laptop.cookie).me())).toBe(200);
  });

  it("cannot end someone else's session (404) and lists only one's own", async () => {
    const mine = await login(DEMO.sichuanProvince);
    const theirs = await login(DEMO.deyang);
    const theirIds = (await ok(account(theirs.cookie).sessions())).items.map((s) => s.id);
    const myIds = (await ok(account(mine.cookie).sessions())).items.map((s) => s.id);
    expect(myIds.some((id) => theirIds.includes(id))).toBe(false);
    expect(await statusOf(account(mine.cookie).end(theirIds[0] ?? "no-session"))).toBe(404);
    expect(await statusOf(account(theirs.cookie).me())).toBe(200);
    expect(await statusOf(account(mine.cookie).end("not-a-session-id"))).toBe(400);
    expect(await statusOf(account().sessions())).toBe(401);
  });
});

describe("changing one's password", () => {
  it("needs the current password, applies the rules, and ends the other sessions", async () => {
    const here = await login(DEMO.hubeiAdmin);
    const elsewhere = await login(DEMO.hubeiAdmin);
    const wrong = await failure(account(here.cookie).changePassword("not-it", "a-brand-new-passphrase"), 400);
    expect(Object.keys(wrong.error.fields ?? {})).toEqual(["currentPassword"]);
    const weak = await failure(account(here.cookie).changePassword("wenming-demo", "short"), 400);
    expect(Object.keys(weak.error.fields ?? {})).toEqual(["newPassword"]);
    expect(await statusOf(account(here.cookie).changePassword("wenming-demo", "a-brand-new-passphrase"))).toBe(200);
    expect(await statusOf(account(here.cookie).me())).toBe(200);
    expect(await statusOf(account(elsewhere.cookie).me())).toBe(401);
    expect((await login(DEMO.hubeiAdmin)).status).toBe(401);
    expect((await login(DEMO.hubeiAdmin, "a-brand-new-passphrase")).status).toBe(200);
    const events = await env.DB.prepare(
      "select count(*) n from audit_events where action = 'account.change_password'",
    ).first<{ n: number }>();
    expect(events?.n).toBe(1);
  });

  it("refuses unknown fields and anonymous callers", async () => {
    const me = await login(DEMO.hubeiUnit);
    // Plain request: a field the body's type does not have, on purpose.
    const extra = await call("/api/auth/password", {
      body: {
        currentPassword: "wenming-demo",
        newPassword: "a-brand-new-passphrase",
        userId: "user-platform-wenming-demo",
      },
      cookie: me.cookie,
    });
    expect(extra.status).toBe(400);
    expect(await statusOf(account().changePassword("x", "y"))).toBe(401);
  });
});
