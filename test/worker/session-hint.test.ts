import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, signIn } from "./client.ts";
import { DEMO, UNITS } from "./fixtures.ts";
import { roundTripsOf } from "./round-trips.ts";

const unitPath = `/api/t/sichuan/units/${UNITS.deyangKexie}`;

describe("a session's scope is used before the database confirms it, never instead of it", () => {
  let reviewer: string;
  beforeAll(async () => {
    reviewer = await signIn(DEMO.deyang);
  });

  it("a repeated read takes one D1 round trip: the session lookup rides in the read's batch", async () => {
    await call(unitPath, { cookie: reviewer });
    const again = await call(unitPath, { cookie: reviewer });
    expect(again.status).toBe(200);
    expect(roundTripsOf(again)).toBe(1);
  });

  it("a changed scope takes effect on the very next request", async () => {
    const cookie = await signIn(DEMO.dazhou);
    expect((await call(unitPath, { cookie })).status).toBe(404);
    // Another isolate (or an admin) moves the 达州 reviewer to 德阳: the hint here still says 达州.
    await env.DB.prepare(
      `update memberships set jurisdiction_id = (select jurisdiction_id from memberships m join users u on u.id = m.user_id where u.email = ?)
       where user_id = (select id from users where email = ?)`,
    )
      .bind(DEMO.deyang, DEMO.dazhou)
      .run();
    const moved = await call(unitPath, { cookie });
    expect(moved.status).toBe(200);
  });

  it("a changed role takes effect on the very next request", async () => {
    const cookie = await signIn(DEMO.sichuanProvince);
    expect((await call("/api/t/sichuan/people?pageSize=1", { cookie })).status).toBe(403);
    await env.DB.prepare(
      "update memberships set role = 'tenant_admin' where user_id = (select id from users where email = ?)",
    )
      .bind(DEMO.sichuanProvince)
      .run();
    expect((await call("/api/t/sichuan/people?pageSize=1", { cookie })).status).toBe(200);
  });

  it("a revoked session is refused on the very next request", async () => {
    const cookie = await signIn(DEMO.huangshi);
    expect((await call("/api/t/hubei/units?pageSize=1", { cookie })).status).toBe(200);
    await env.DB.prepare("delete from sessions where user_id = (select id from users where email = ?)")
      .bind(DEMO.huangshi)
      .run();
    expect((await call("/api/t/hubei/units?pageSize=1", { cookie })).status).toBe(401);
  });

  it("a deactivated user is refused on the very next request, even where the handler reads nothing", async () => {
    const cookie = await signIn(DEMO.hubeiAdmin);
    expect((await call("/api/auth/me", { cookie })).status).toBe(200);
    expect((await call("/api/auth/me", { cookie })).status).toBe(200);
    await env.DB.prepare("update users set status = 'disabled' where email = ?").bind(DEMO.hubeiAdmin).run();
    expect((await call("/api/auth/me", { cookie })).status).toBe(401);
  });

  it("a write on a stale hint runs no statement before the session is confirmed", async () => {
    const cookie = await signIn(DEMO.hubeiUnit);
    expect((await call("/api/auth/me", { cookie })).status).toBe(200);
    await env.DB.prepare("delete from sessions where user_id = (select id from users where email = ?)")
      .bind(DEMO.hubeiUnit)
      .run();
    const before = await env.DB.prepare("select count(*) n from records").first<{ n: number }>();
    const write = await call(`/api/t/hubei/units/${UNITS.dayeKexie}/records`, {
      cookie,
      body: { date: "2026-11-30", kind: "study", title: "学习会" },
    });
    expect(write.status).toBe(401);
    expect(await env.DB.prepare("select count(*) n from records").first<{ n: number }>()).toEqual(before);
  });
});
