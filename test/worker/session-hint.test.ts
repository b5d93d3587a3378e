import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { api, signIn, statusOf, tenantApi } from "./client.ts";
import { DEMO, UNITS } from "./fixtures.ts";
import { roundTripsOf } from "./round-trips.ts";
import { count } from "./rows.ts";

const unit = (cookie: string) =>
  tenantApi(cookie).units[":id"].$get({ param: { tenant: "sichuan", id: UNITS.deyangKexie } });
const people = (cookie: string) =>
  tenantApi(cookie).people.$get({ param: { tenant: "sichuan" }, query: { pageSize: 1 } });
const hubeiUnits = (cookie: string) =>
  tenantApi(cookie).units.$get({ param: { tenant: "hubei" }, query: { pageSize: 1 } });
const me = (cookie: string) => api(cookie).api.auth.me.$get();

describe("a session's scope is used before the database confirms it, never instead of it", () => {
  let reviewer: string;
  beforeAll(async () => {
    reviewer = await signIn(DEMO.deyang);
  });

  it("a repeated read takes one D1 round trip: the session lookup rides in the read's batch", async () => {
    await unit(reviewer);
    const again = await unit(reviewer);
    expect(again.status).toBe(200);
    expect(roundTripsOf(again)).toBe(1);
  });

  it("a changed scope takes effect on the very next request", async () => {
    const cookie = await signIn(DEMO.dazhou);
    expect(await statusOf(unit(cookie))).toBe(404);
    // Another isolate (or an admin) moves the 达州 reviewer to 德阳: the hint here still says 达州.
    await env.DB.prepare(
      `update memberships set jurisdiction_id = (select jurisdiction_id from memberships m join users u on u.id = m.user_id where u.email = ?)
       where user_id = (select id from users where email = ?)`,
    )
      .bind(DEMO.deyang, DEMO.dazhou)
      .run();
    expect(await statusOf(unit(cookie))).toBe(200);
  });

  it("a changed role takes effect on the very next request", async () => {
    const cookie = await signIn(DEMO.sichuanProvince);
    expect(await statusOf(people(cookie))).toBe(403);
    await env.DB.prepare(
      "update memberships set role = 'tenant_admin' where user_id = (select id from users where email = ?)",
    )
      .bind(DEMO.sichuanProvince)
      .run();
    expect(await statusOf(people(cookie))).toBe(200);
  });

  it("a revoked session is refused on the very next request", async () => {
    const cookie = await signIn(DEMO.huangshi);
    expect(await statusOf(hubeiUnits(cookie))).toBe(200);
    await env.DB.prepare("delete from sessions where user_id = (select id from users where email = ?)")
      .bind(DEMO.huangshi)
      .run();
    expect(await statusOf(hubeiUnits(cookie))).toBe(401);
  });

  it("a deactivated user is refused on the very next request, even where the handler reads nothing", async () => {
    const cookie = await signIn(DEMO.hubeiAdmin);
    expect(await statusOf(me(cookie))).toBe(200);
    expect(await statusOf(me(cookie))).toBe(200);
    await env.DB.prepare("update users set status = 'disabled' where email = ?").bind(DEMO.hubeiAdmin).run();
    expect(await statusOf(me(cookie))).toBe(401);
  });

  it("a write on a stale hint runs no statement before the session is confirmed", async () => {
    const cookie = await signIn(DEMO.hubeiUnit);
    expect(await statusOf(me(cookie))).toBe(200);
    await env.DB.prepare("delete from sessions where user_id = (select id from users where email = ?)")
      .bind(DEMO.hubeiUnit)
      .run();
    const before = await count("select count(*) n from records");
    const write = tenantApi(cookie).units[":unitId"].records.$post({
      param: { tenant: "hubei", unitId: UNITS.dayeKexie },
      json: { date: "2026-11-30", kind: "study", title: "学习会" },
    });
    expect(await statusOf(write)).toBe(401);
    expect(await count("select count(*) n from records")).toBe(before);
  });
});
