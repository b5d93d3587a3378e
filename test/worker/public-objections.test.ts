import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { api, call, callJson, type ErrorBody, failure, ok } from "./client.ts";
import { UNITS } from "./fixtures.ts";
import { freshAddress, insertNotice, type NoticeFixture, TENANT } from "./public-fixtures.ts";
import { roundTripsOf } from "./round-trips.ts";
import { count } from "./rows.ts";

const REFERENCE = /^YY-[0-9A-Z]{10}$/;
const site = api().api.public;

let open: NoticeFixture;
let hubei: NoticeFixture;

const lodgePath = (tenant = "sichuan") => `/api/public/t/${tenant}/objections`;
const lodge = (body: Record<string, unknown>, address = freshAddress(), tenant = "sichuan") =>
  callJson<{ reference: string } & ErrorBody>(lodgePath(tenant), { body, headers: { "cf-connecting-ip": address } });
const objection = (entryId: string, text = "该单位去年发生安全生产责任事故，不符合文明单位条件。") => ({
  entryId,
  text,
  contact: "13800000000",
});
const objectionRows = () => count("select count(*) n from objections");

beforeAll(async () => {
  open = await insertNotice("sichuan", [UNITS.deyangKexie, UNITS.dazhouVocational, UNITS.deyangEducation]);
  hubei = await insertNotice("hubei", [UNITS.dayeKexie]);
  // The third unit left the shortlist after an upheld objection.
  await env.DB.prepare("update notice_entries set status = 'removed', removed_reason = '异议成立' where id = ?")
    .bind(open.entries[2]?.entryId ?? "")
    .run();
});

const entry = (n: number, notice = open) => notice.entries[n]?.entryId ?? "";

describe("open notices", () => {
  it("lists rounds on notice with their listed units in order, the window and the office's contact", async () => {
    const body = await ok(site.t[":tenant"].notices.$get({ param: { tenant: "sichuan" } }));
    const notice = body.items.find((n) => n.roundId === open.roundId);
    expect(notice).toMatchObject({
      title: "2026年度市级文明单位拟命名名单公示",
      level: "city",
      open: true,
      contact: "电话 028-12345678",
      issuer: "测试市文明办",
    });
    expect(notice?.units).toEqual([
      { entryId: entry(0), unitName: "德阳市科学技术协会", city: "德阳市", sector: expect.any(String) },
      { entryId: entry(1), unitName: "达州市达川区职业技术学校", city: "达州市", sector: expect.any(String) },
    ]);
    expect(body.items.some((n) => n.roundId === hubei.roundId)).toBe(false);
  });

  it("leaves out rounds no longer on notice, and shows a window not yet open as closed", async () => {
    const named = await insertNotice("sichuan", [UNITS.deyangKexie], { phase: "named" });
    const later = await insertNotice("sichuan", [UNITS.deyangKexie], {
      startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 8 * 86_400_000).toISOString(),
    });
    const body = await ok(site.t[":tenant"].notices.$get({ param: { tenant: "sichuan" } }));
    expect(body.items.some((n) => n.roundId === named.roundId)).toBe(false);
    expect(body.items.find((n) => n.roundId === later.roundId)?.open).toBe(false);
  });
});

describe("lodging an objection", () => {
  it("answers 202 with a reference, stores it as received and writes one audit event without an actor", async () => {
    const before = await count("select count(*) n from audit_events where action = 'objection.lodge'");
    const res = await call(lodgePath(), {
      body: { ...objection(entry(0)), name: "张三", onBehalfOfUnit: "某某社区居委会", sealStatement: "已加盖公章" },
      headers: { "cf-connecting-ip": freshAddress() },
    });
    const body = (await res.json()) as { reference: string };
    expect(res.status).toBe(202);
    expect(body.reference).toMatch(REFERENCE);
    expect(roundTripsOf(res)).toBe(2);
    const row = await env.DB.prepare("select * from objections where reference = ?")
      .bind(body.reference)
      .first<Record<string, string>>();
    expect(row).toMatchObject({
      tenant_id: TENANT.sichuan,
      round_id: open.roundId,
      entry_id: entry(0),
      status: "received",
      name: "张三",
      on_behalf_of_unit: "某某社区居委会",
      seal_statement: "已加盖公章",
    });
    expect(row?.lodged_at).toMatch(/Z$/);
    const events = await env.DB.prepare(
      "select actor_user_id, actor_role, target_type, target_id, tenant_id from audit_events where action = 'objection.lodge'",
    ).all();
    expect(events.results).toHaveLength(before + 1);
    expect(events.results.at(-1)).toEqual({
      actor_user_id: null,
      actor_role: null,
      target_type: "objection",
      target_id: row?.id,
      tenant_id: TENANT.sichuan,
    });
  });

  it("answers the first reference to the same objection lodged again, whitespace aside, storing nothing new", async () => {
    const first = await lodge(objection(entry(1), "该单位  申报材料\n存在弄虚作假。"));
    const rows = await objectionRows();
    const again = await lodge(objection(entry(1), " 该单位 申报材料 存在弄虚作假。 "));
    expect(again.status).toBe(202);
    expect(again.body.reference).toBe(first.body.reference);
    expect(await objectionRows()).toBe(rows);
    const other = await lodge(objection(entry(0), "该单位 申报材料 存在弄虚作假。"));
    expect(other.body.reference).not.toBe(first.body.reference);
  });

  it("drops a bot's objection (honeypot filled) with a well-formed 202 and stores nothing", async () => {
    const rows = await objectionRows();
    const audits = await count("select count(*) n from audit_events");
    const res = await lodge({
      ...objection(entry(0), "机器人提交的异议内容，应当被丢弃。"),
      website: "http://spam.example",
    });
    expect(res.status).toBe(202);
    expect(res.body.reference).toMatch(REFERENCE);
    expect(await objectionRows()).toBe(rows);
    expect(await count("select count(*) n from audit_events")).toBe(audits);
    expect((await callJson(`/api/public/objections/${res.body.reference}`)).status).toBe(404);
  });

  it("is refused with 409 notice_closed before the window opens and after it ends", async () => {
    const now = Date.now();
    const early = await insertNotice("sichuan", [UNITS.deyangKexie], {
      startsAt: new Date(now + 86_400_000).toISOString(),
      endsAt: new Date(now + 5 * 86_400_000).toISOString(),
    });
    const late = await insertNotice("sichuan", [UNITS.deyangKexie], {
      startsAt: new Date(now - 6 * 86_400_000).toISOString(),
      endsAt: new Date(now - 1000).toISOString(),
    });
    const rows = await objectionRows();
    for (const notice of [early, late]) {
      const res = await lodge(objection(entry(0, notice)));
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe("notice_closed");
    }
    expect(await objectionRows()).toBe(rows);
  });

  it("is 404 for an unknown entry, a removed one and another office's", async () => {
    for (const id of ["no-such-entry", entry(2), entry(0, hubei)]) {
      const res = await lodge(objection(id));
      expect(res.status, id).toBe(404);
    }
    expect((await lodge(objection(entry(0)), freshAddress(), "nowhere")).status).toBe(404);
  });

  it("refuses bad input with 400: short or long text, unknown fields, a unit's name without its seal", async () => {
    const bad = [
      { ...objection(entry(0)), text: "太短" },
      { ...objection(entry(0)), text: "长".repeat(2001) },
      { ...objection(entry(0)), status: "upheld" },
      { ...objection(entry(0)), tenantId: TENANT.hubei },
      { ...objection(entry(0)), onBehalfOfUnit: "某某公司" },
      { entryId: entry(0), text: "缺少联系方式的异议内容文本" },
    ];
    const rows = await objectionRows();
    for (const body of bad) {
      const res = await lodge(body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.error.code).toBe("validation_failed");
    }
    expect(await objectionRows()).toBe(rows);
    const foreign = await call(lodgePath(), {
      body: objection(entry(0)),
      headers: { origin: "https://evil.example", "cf-connecting-ip": freshAddress() },
    });
    expect(foreign.status).toBe(403);
  });

  it("limits one address to 5 objections an hour: the sixth is 429 with Retry-After", async () => {
    const address = freshAddress();
    for (let i = 0; i < 5; i++) {
      const res = await lodge(objection(entry(i % 2), `第${i + 1}条异议：该单位存在需要核查的问题。`), address);
      expect(res.status).toBe(202);
    }
    const rows = await objectionRows();
    const res = await call(lodgePath(), {
      body: objection(entry(0), "第六条异议：该单位存在需要核查的问题。"),
      headers: { "cf-connecting-ip": address },
    });
    expect(res.status).toBe(429);
    expect(((await res.json()) as ErrorBody).error.code).toBe("rate_limited");
    expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(3000);
    expect(await objectionRows()).toBe(rows);
    // Another address is not affected, and no address is kept in the clear.
    expect((await lodge(objection(entry(0), "另一个地址提交的异议，应当受理。"))).status).toBe(202);
    expect(await count("select count(*) n from login_throttle where key like ?", "%203.0.113%")).toBe(0);
  });
});

describe("looking an objection up by its reference", () => {
  it("shows its status, and once decided the outcome and reply, never notes, finding, assignee, name or contact", async () => {
    const { body } = await lodge({ ...objection(entry(1), "查询测试：该单位存在需要核查的问题。"), name: "李四" });
    const received = await ok(site.objections[":reference"].$get({ param: { reference: body.reference } }));
    expect(received).toEqual({
      reference: body.reference,
      status: "received",
      lodgedAt: expect.any(String),
      outcome: null,
    });
    await env.DB.prepare(
      `update objections set status = 'upheld', notes = '内部备注：已电话核实', finding = '调查属实', reply = '经核查，异议成立。',
         decided_at = '2026-12-01T08:00:00.000Z', assignee_user_id = (select id from users limit 1) where reference = ?`,
    )
      .bind(body.reference)
      .run();
    const decided = await ok(site.objections[":reference"].$get({ param: { reference: body.reference } }));
    expect(decided).toEqual({
      reference: body.reference,
      status: "upheld",
      lodgedAt: received.lodgedAt,
      outcome: { result: "upheld", decidedAt: "2026-12-01T08:00:00.000Z", reply: "经核查，异议成立。" },
    });
    const text = JSON.stringify(decided);
    for (const secret of ["内部备注", "调查属实", "李四", "13800000000"]) expect(text).not.toContain(secret);
  });

  it("is 404 for an unknown reference, 400 for a malformed one, and 429 after many unknown ones from one address", async () => {
    expect((await callJson("/api/public/objections/YY-0000000000")).status).toBe(404);
    expect((await callJson("/api/public/objections/not-a-reference")).status).toBe(400);
    const address = freshAddress();
    const guess = (n: number) =>
      call(`/api/public/objections/YY-${String(n).padStart(10, "0")}`, { headers: { "cf-connecting-ip": address } });
    for (let n = 1; n <= 20; n++) expect((await guess(n)).status).toBe(404);
    const limited = await guess(21);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toBeTruthy();
  });

  it("is 404 while the office is suspended", async () => {
    const { body } = await lodge(
      objection(entry(0, hubei), "湖北测试：该单位存在需要核查的问题。"),
      freshAddress(),
      "hubei",
    );
    expect(body.reference).toMatch(REFERENCE);
    await env.DB.prepare("update tenants set status = 'suspended' where id = ?").bind(TENANT.hubei).run();
    await failure(site.objections[":reference"].$get({ param: { reference: body.reference } }), 404);
    expect((await lodge(objection(entry(0, hubei)), freshAddress(), "hubei")).status).toBe(404);
    await env.DB.prepare("update tenants set status = 'active' where id = ?").bind(TENANT.hubei).run();
  });
});
