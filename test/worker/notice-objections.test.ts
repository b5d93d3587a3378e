import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../worker/data/db.ts";
import { objectionDecision } from "../../worker/data/objections.ts";
import { call, callJson, failure, ok, statusOf, tenantApi } from "./client.ts";
import { DEMO, PLACES, signInAll } from "./fixtures.ts";
import {
  adminScope,
  insertObjection,
  publicVersion,
  published,
  readNotice,
  roundReadyForNotice,
  rowOf,
} from "./notice-fixtures.ts";
import { applicationRow, auditCount, TENANT, userIdOf } from "./ranking-fixtures.ts";
import { roundTripsOf } from "./round-trips.ts";

let admin: string;
let province: string;
let deyang: string;
let dazhou: string;
let staff: string;
let hubeiAdmin: string;

beforeAll(async () => {
  ({
    sichuanAdmin: admin,
    sichuanProvince: province,
    deyang,
    dazhou,
    sichuanUnit: staff,
    hubeiAdmin,
  } = await signInAll("sichuanAdmin", "sichuanProvince", "deyang", "dazhou", "sichuanUnit", "hubeiAdmin"));
});

/** A round on notice with a Deyang unit (旌阳区) and a Dazhou unit listed, and one objection on each. */
async function onNotice() {
  const round = await roundReadyForNotice(admin, [
    { place: PLACES.jingyang, aggregate: 90 },
    { place: PLACES.dazhou, aggregate: 85 },
  ]);
  const view = await published(admin, round);
  const [deyangEntry, dazhouEntry] = view.entries;
  if (!deyangEntry || !dazhouEntry) throw new Error("entries missing");
  return {
    round,
    deyangEntry,
    dazhouEntry,
    deyangObjection: await insertObjection(deyangEntry.entryId),
    dazhouObjection: await insertObjection(dazhouEntry.entryId, "另一件异议"),
  };
}

const objection = (cookie: string) => tenantApi(cookie).objections[":id"];
const read = (cookie: string, id: string, tenant = TENANT) => objection(cookie).$get({ param: { tenant, id } });
const patch = (
  cookie: string,
  id: string,
  json: { version: number; assigneeUserId?: string | null; investigating?: true; notes?: string },
  tenant = TENANT,
) => objection(cookie).$patch({ param: { tenant, id }, json });
const decide = (
  cookie: string,
  id: string,
  json: { version: number; result: "upheld" | "not_upheld"; finding: string; reply?: string },
  tenant = TENANT,
) => objection(cookie).finding.$post({ param: { tenant, id }, json });
const list = (cookie: string, roundId: string, tenant = TENANT) =>
  tenantApi(cookie).rounds[":id"].objections.$get({ param: { tenant, id: roundId } });

describe("reading objections", () => {
  it("the provincial reviewer sees all of a round's; a city reviewer only their city's; units 403; others 404", async () => {
    const n = await onNotice();
    const all = await ok(list(province, n.round.id));
    expect(all.items.map((o) => o.id).sort()).toEqual([n.deyangObjection, n.dazhouObjection].sort());
    expect(all.items.find((o) => o.id === n.deyangObjection)).toMatchObject({
      status: "received",
      entryId: n.deyangEntry.entryId,
      applicationId: n.deyangEntry.applicationId,
      assignee: null,
      notes: "",
      finding: null,
      version: 1,
    });
    expect((await ok(list(deyang, n.round.id))).items.map((o) => o.id)).toEqual([n.deyangObjection]);
    expect((await ok(read(deyang, n.deyangObjection))).id).toBe(n.deyangObjection);
    expect(await statusOf(read(deyang, n.dazhouObjection))).toBe(404);
    expect(await statusOf(read(dazhou, n.deyangObjection))).toBe(404);
    expect(await statusOf(read(staff, n.deyangObjection))).toBe(403);
    expect(await statusOf(list(staff, n.round.id))).toBe(403);
    expect(await statusOf(read(hubeiAdmin, n.deyangObjection))).toBe(404);
    expect(await statusOf(read(hubeiAdmin, n.deyangObjection, "hubei"))).toBe(404);
    expect(await statusOf(list(hubeiAdmin, n.round.id, "hubei"))).toBe(404);
    expect(await statusOf(read("", n.deyangObjection))).toBe(401);
    // The notice view counts them per entry.
    const notice = await ok(readNotice(admin, n.round.id));
    expect(notice.entries.map((e) => e.objections)).toEqual([
      { open: 1, total: 1 },
      { open: 1, total: 1 },
    ]);
  });
});

describe("handling an objection", () => {
  it("assigns it to a reviewer, starts investigating and keeps notes: two round trips, one audit event", async () => {
    const n = await onNotice();
    const reviewer = await userIdOf(DEMO.sichuanProvince);
    await ok(read(province, n.deyangObjection));
    const res = await patch(province, n.deyangObjection, {
      version: 1,
      assigneeUserId: reviewer,
      investigating: true,
      notes: "已联系举报人",
    });
    expect(roundTripsOf(res)).toBe(2);
    const saved = await ok(Promise.resolve(res));
    expect(saved).toMatchObject({
      status: "investigating",
      assignee: { id: reviewer },
      notes: "已联系举报人",
      version: 2,
    });
    expect(await auditCount("objection.update", n.deyangObjection)).toBe(1);
  });

  it("refuses an assignee who is not a reviewer of the office (400), unknown fields (400) and a stale version (409 with the current one)", async () => {
    const n = await onNotice();
    const unitUser = await userIdOf(DEMO.sichuanUnit);
    const hubeiReviewer = await userIdOf(DEMO.hubeiProvince);
    for (const assigneeUserId of [unitUser, hubeiReviewer, "nobody"]) {
      const bad = await failure(patch(admin, n.deyangObjection, { version: 1, assigneeUserId }), 400);
      expect(bad.error.fields).toHaveProperty("assigneeUserId");
    }
    const path = `/api/t/${TENANT}/objections/${n.deyangObjection}`;
    for (const body of [
      { version: 1, status: "upheld" },
      { version: 1, finding: "x" },
      { version: 1, notes: "x".repeat(4001) },
      { version: 1, investigating: false },
      { notes: "无版本" },
    ]) {
      const res = await call(path, { method: "PATCH", body, cookie: admin });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    await ok(patch(admin, n.deyangObjection, { version: 1, notes: "第一次" }));
    const stale = await failure(patch(admin, n.deyangObjection, { version: 1, notes: "过期" }), 409);
    expect(stale.error).toMatchObject({
      code: "stale_version",
      current: { id: n.deyangObjection, notes: "第一次", version: 2 },
    });
    expect(await auditCount("objection.update", n.deyangObjection)).toBe(1);
  });

  it("is the provincial reviewer's: a city reviewer in scope 403, out of scope 404, units 403, anonymous 401", async () => {
    const n = await onNotice();
    expect(await statusOf(patch(deyang, n.deyangObjection, { version: 1, notes: "x" }))).toBe(403);
    expect(await statusOf(patch(deyang, n.dazhouObjection, { version: 1, notes: "x" }))).toBe(404);
    expect(await statusOf(patch(staff, n.deyangObjection, { version: 1, notes: "x" }))).toBe(403);
    expect(await statusOf(patch(hubeiAdmin, n.deyangObjection, { version: 1, notes: "x" }, "hubei"))).toBe(404);
    expect(await statusOf(patch("", n.deyangObjection, { version: 1, notes: "x" }))).toBe(401);
    const finding = { version: 1, result: "upheld" as const, finding: "经查属实，取消资格" };
    expect(await statusOf(decide(deyang, n.deyangObjection, finding))).toBe(403);
    expect(await statusOf(decide(dazhou, n.deyangObjection, finding))).toBe(404);
    expect(await statusOf(decide(hubeiAdmin, n.deyangObjection, finding, "hubei"))).toBe(404);
    expect(await statusOf(decide("", n.deyangObjection, finding))).toBe(401);
    expect(await rowOf<{ status: string }>("select status from objections where id = ?", n.deyangObjection)).toEqual({
      status: "received",
    });
  });
});

describe("the finding", () => {
  it("upheld takes the entry off the notice and the application out with the finding as the reason; once only", async () => {
    const n = await onNotice();
    const before = await publicVersion();
    await ok(read(admin, n.deyangObjection));
    const res = await decide(admin, n.deyangObjection, {
      version: 1,
      result: "upheld",
      finding: "经查属实：该单位存在违规行为",
      reply: "经调查，反映情况属实，已取消该单位拟命名资格。",
    });
    expect(roundTripsOf(res)).toBe(2);
    const decided = await ok(Promise.resolve(res));
    expect(decided).toMatchObject({
      status: "upheld",
      finding: "经查属实：该单位存在违规行为",
      reply: "经调查，反映情况属实，已取消该单位拟命名资格。",
      version: 2,
    });
    expect(decided.decidedAt).toBeTruthy();
    const entry = await rowOf<{ status: string; removed_reason: string }>(
      "select status, removed_reason from notice_entries where id = ?",
      n.deyangEntry.entryId,
    );
    expect(entry).toEqual({ status: "removed", removed_reason: "经查属实：该单位存在违规行为" });
    expect(await applicationRow(n.deyangEntry.applicationId)).toMatchObject({
      status: "not_awarded",
      decision_reason: "经查属实：该单位存在违规行为",
    });
    expect(await publicVersion()).toBe(before + 1);
    expect(await auditCount("objection.decide", n.deyangObjection)).toBe(1);
    const again = await failure(
      decide(admin, n.deyangObjection, { version: 2, result: "not_upheld", finding: "再次处理测试" }),
      409,
    );
    expect(again.error.code).toBe("objection_decided");
    expect((await failure(patch(admin, n.deyangObjection, { version: 2, notes: "x" }), 409)).error.code).toBe(
      "objection_decided",
    );
    const notice = await ok(readNotice(admin, n.round.id));
    expect(notice.entries.find((e) => e.entryId === n.deyangEntry.entryId)).toMatchObject({
      status: "removed",
      removedReason: "经查属实：该单位存在违规行为",
      objections: { open: 0, total: 1 },
    });
  });

  it("not upheld keeps the unit listed", async () => {
    const n = await onNotice();
    await ok(decide(admin, n.dazhouObjection, { version: 1, result: "not_upheld", finding: "经查不属实，维持公示" }));
    expect(
      await rowOf<{ status: string }>("select status from notice_entries where id = ?", n.dazhouEntry.entryId),
    ).toEqual({ status: "listed" });
    expect(await applicationRow(n.dazhouEntry.applicationId)).toMatchObject({ status: "on_notice" });
  });

  it("refuses bad input (400), a stale version (409) and a round no longer on notice (409 naming its phase)", async () => {
    const n = await onNotice();
    const path = `/api/t/${TENANT}/objections/${n.deyangObjection}/finding`;
    for (const body of [
      { version: 1, result: "maybe", finding: "经查属实属实" },
      { version: 1, result: "upheld", finding: "短" },
      { version: 1, result: "upheld", finding: "经查属实属实", status: "upheld" },
      { version: 1, result: "upheld", finding: "x".repeat(2001) },
    ]) {
      const res = await callJson(path, { body, cookie: admin });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const stale = await failure(
      decide(admin, n.deyangObjection, { version: 3, result: "upheld", finding: "经查属实属实" }),
      409,
    );
    expect(stale.error).toMatchObject({ code: "stale_version", current: { version: 1, status: "received" } });
    await env.DB.prepare("update rounds set phase = 'named' where id = ?").bind(n.round.id).run();
    const closed = await failure(
      decide(admin, n.deyangObjection, { version: 1, result: "upheld", finding: "经查属实属实" }),
      409,
    );
    expect(closed.error.code).toBe("round_named");
    expect(await auditCount("objection.decide", n.deyangObjection)).toBe(0);
  });

  it("a failing statement in the finding's batch leaves the objection, the entry and the application as they were", async () => {
    const n = await onNotice();
    const db = createDb(env.DB);
    const scope = await adminScope();
    const writes = objectionDecision(
      db,
      scope,
      {
        id: n.deyangObjection,
        version: 1,
        entryId: n.deyangEntry.entryId,
        roundId: n.round.id,
        roundKind: "selection",
      },
      { result: "upheld", finding: "原子性测试结论", reply: null },
    );
    const broken = db.run(sql`insert into round_transitions (id) values (null)`);
    await expect(db.batch([writes.guard, ...writes.after, broken])).rejects.toThrow();
    expect(
      await rowOf<{ status: string; version: number }>(
        "select status, version from objections where id = ?",
        n.deyangObjection,
      ),
    ).toEqual({ status: "received", version: 1 });
    expect(
      await rowOf<{ status: string }>("select status from notice_entries where id = ?", n.deyangEntry.entryId),
    ).toEqual({ status: "listed" });
    expect(await applicationRow(n.deyangEntry.applicationId)).toMatchObject({ status: "on_notice" });
  });
});
