import { env } from "cloudflare:workers";
import type { InferRequestType } from "hono/client";
import { beforeAll, describe, expect, it } from "vitest";
import { beijingToday, beijingYear } from "../../worker/domain/record-rules.ts";
import { call, callJson, type ErrorBody, failure, ok, statusOf, tenantApi } from "./client.ts";
import { signInAll, UNITS } from "./fixtures.ts";
import { roundTripsOf } from "./round-trips.ts";
import { count } from "./rows.ts";

// 动态管理 between rounds: POST /units/{id}/awards/{awardId}/outcome, and the awards list's computed expiry.

type Api = ReturnType<typeof tenantApi>;
type OutcomeBody = InferRequestType<Api["units"][":id"]["awards"][":awardId"]["outcome"]["$post"]>["json"];

const UNIT = UNITS.deyangKexie;
const DAZHOU_UNIT = UNITS.dazhouVocational;
const YEAR = beijingYear(new Date());
const today = beijingToday(new Date());
const nextYear = `${YEAR + 1}-06-30`;

let admin: string;
let province: string;
let deyang: string;
let dazhou: string;
let staff: string;
let hubeiAdmin: string;

const outcome = (cookie: string | undefined, unit: string, awardId: string, json: OutcomeBody, tenant = "sichuan") =>
  tenantApi(cookie).units[":id"].awards[":awardId"].outcome.$post({ param: { tenant, id: unit, awardId }, json });
const list = (cookie: string, unit: string) =>
  tenantApi(cookie).units[":id"].awards.$get({ param: { tenant: "sichuan", id: unit } });
const path = (unit: string, awardId: string) => `/api/t/sichuan/units/${unit}/awards/${awardId}/outcome`;

const auditCount = () => count("select count(*) n from audit_events where chain = 't-sichuan'");
const eventCount = (awardId: string) => count("select count(*) n from award_events where award_id = ?", awardId);
const publicVersion = () => count("select public_version n from tenants where id = 't-sichuan'");
const awardRow = (id: string) => env.DB.prepare("select * from awards where id = ?").bind(id).first();

/** Terms of the titles tests record, each its own (one title per unit, level and term). */
let nextTerm = YEAR - 20;

/** A fresh current 县级 title of `unit` (recorded by hand), so each test starts from its own active title. */
async function freshTitle(unit: string): Promise<{ id: string; version: number }> {
  const termStartYear = nextTerm--;
  return ok(
    tenantApi(admin).units[":id"].awards.$post({
      param: { tenant: "sichuan", id: unit },
      json: { level: "county", termStartYear, namedOn: `${termStartYear - 1}-12-20`, validUntil: `${YEAR + 1}-12-31` },
    }),
    201,
  );
}

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

describe("POST /units/:id/awards/:awardId/outcome", () => {
  it("a provincial reviewer warns a title: status, deadline, public reason, one history row, one audit event, public version bumped, two round trips", async () => {
    const title = await freshTitle(UNIT);
    await list(province, UNIT); // the session is then known to this isolate: steady state
    const [audits, versionBefore] = [await auditCount(), await publicVersion()];
    const res = await outcome(province, UNIT, title.id, {
      outcome: "warn",
      reason: "群众举报创建台账造假，经核查属实",
      publicReason: "创建工作台账不实",
      deadline: nextYear,
      version: title.version,
    });
    expect(roundTripsOf(res)).toBe(2);
    const body = await ok(Promise.resolve(res));
    expect(body).toMatchObject({
      id: title.id,
      status: "warned",
      state: "warned",
      held: true,
      expired: false,
      warningDeadline: nextYear,
      publicReason: "创建工作台账不实",
      version: title.version + 1,
    });
    expect(body.history.map((e) => e.kind)).toEqual(["recorded", "warned"]);
    expect(body.history[1]).toEqual({
      kind: "warned",
      effectiveOn: today,
      reason: "群众举报创建台账造假，经核查属实",
      publicReason: "创建工作台账不实",
      deadline: nextYear,
      round: null,
    });
    expect(await auditCount()).toBe(audits + 1);
    expect(await publicVersion()).toBe(versionBefore + 1);
    const audit = await env.DB.prepare("select * from audit_events where target_id = ? and action = 'award.outcome'")
      .bind(title.id)
      .first<Record<string, string>>();
    expect(audit).toMatchObject({
      actor_role: "reviewer",
      target_type: "award",
      reason: "群众举报创建台账造假，经核查属实",
    });

    // Restoring the fixed warning clears it; the unit's staff then see the whole history, internal reason included.
    const restored = await ok(
      outcome(admin, UNIT, title.id, { outcome: "restore", reason: "整改到位，验收合格", version: body.version }),
    );
    expect(restored).toMatchObject({ status: "active", warningDeadline: null, publicReason: null });
    const seen = (await ok(list(staff, UNIT))).items.find((a) => a.id === title.id);
    expect(seen?.history.map((e) => [e.kind, e.reason])).toEqual([
      ["recorded", null],
      ["warned", "群众举报创建台账造假，经核查属实"],
      ["restored", "整改到位，验收合格"],
    ]);
  });

  it("keep leaves a warned title warned; revoke ends it with its public reason; then nothing more is accepted", async () => {
    const title = await freshTitle(UNIT);
    const warned = await ok(
      outcome(admin, UNIT, title.id, {
        outcome: "warn",
        reason: "复查发现问题",
        publicReason: "创建工作不扎实",
        deadline: nextYear,
        version: title.version,
      }),
    );
    const kept = await ok(outcome(admin, UNIT, title.id, { outcome: "keep", reason: "维持", version: warned.version }));
    expect(kept).toMatchObject({ status: "warned", warningDeadline: nextYear, publicReason: "创建工作不扎实" });
    const revoked = await ok(
      outcome(admin, UNIT, title.id, {
        outcome: "revoke",
        reason: "纪检监察部门通报重大违纪",
        publicReason: "发生严重违纪违法案件",
        version: kept.version,
      }),
    );
    expect(revoked).toMatchObject({ status: "revoked", state: "revoked", held: false, warningDeadline: null });
    expect(revoked.publicReason).toBe("发生严重违纪违法案件");
    const before = [await eventCount(title.id), await auditCount()];
    for (const o of ["keep", "restore", "lapse", "revoke", "warn"] as const) {
      const refused = await failure(
        outcome(admin, UNIT, title.id, {
          outcome: o,
          reason: "再次处理",
          publicReason: "再次处理",
          deadline: nextYear,
          version: revoked.version,
        }),
        409,
      );
      expect(refused.error.code).toBe("title_transition");
      expect(refused.error.current).toEqual({ state: "revoked" });
    }
    expect([await eventCount(title.id), await auditCount()]).toEqual(before);
  });

  it("restoring an active title is 409 title_transition and writes nothing", async () => {
    const title = await freshTitle(DAZHOU_UNIT);
    const before = [await eventCount(title.id), await auditCount(), await awardRow(title.id)];
    const refused = await failure(
      outcome(admin, DAZHOU_UNIT, title.id, { outcome: "restore", reason: "恢复", version: title.version }),
      409,
    );
    expect(refused.error).toMatchObject({ code: "title_transition", current: { state: "active" } });
    expect([await eventCount(title.id), await auditCount(), await awardRow(title.id)]).toEqual(before);
  });

  it("an expired title (past its valid-until date) takes no outcome", async () => {
    // The demo unit's previous 市级 term ended last term: held by status, expired by date.
    const expired = `${UNIT}-award-city-1`;
    const row = await awardRow(expired);
    const refused = await failure(
      outcome(admin, UNIT, expired, {
        outcome: "lapse",
        reason: "终止",
        publicReason: "单位撤并",
        version: Number(row?.version),
      }),
      409,
    );
    expect(refused.error).toMatchObject({ code: "title_transition", current: { state: "expired" } });
  });

  it("a stale version is 409 with the title as it is now, and writes nothing", async () => {
    const title = await freshTitle(DAZHOU_UNIT);
    await ok(outcome(admin, DAZHOU_UNIT, title.id, { outcome: "keep", reason: "保留", version: title.version }));
    const before = [await eventCount(title.id), await auditCount()];
    const stale = await failure(
      outcome(admin, DAZHOU_UNIT, title.id, {
        outcome: "revoke",
        reason: "撤销",
        publicReason: "撤销",
        version: title.version,
      }),
      409,
    );
    expect(stale.error.code).toBe("stale_version");
    expect(stale.error.current).toMatchObject({ id: title.id, version: title.version + 1, status: "active" });
    expect([await eventCount(title.id), await auditCount()]).toEqual(before);
  });

  it("city reviewers (even in scope) and department-less unit staff are 403; out of scope, other tenant and unknown ids 404; anonymous 401", async () => {
    const title = await freshTitle(UNIT);
    const body = { outcome: "keep", reason: "保留", version: title.version } as const;
    expect(await statusOf(outcome(deyang, UNIT, title.id, body))).toBe(403);
    expect(await statusOf(outcome(staff, UNIT, title.id, body))).toBe(403);
    expect(await statusOf(outcome(dazhou, UNIT, title.id, body))).toBe(404);
    expect(await statusOf(outcome(hubeiAdmin, UNIT, title.id, body))).toBe(404);
    expect(await statusOf(outcome(hubeiAdmin, UNIT, title.id, body, "hubei"))).toBe(404);
    expect(await statusOf(outcome(admin, UNITS.dayeKexie, title.id, body))).toBe(404);
    // A title of another unit under this unit's path.
    expect(await statusOf(outcome(admin, DAZHOU_UNIT, title.id, body))).toBe(404);
    expect(await statusOf(outcome(admin, UNIT, "no-such-award", body))).toBe(404);
    expect(await statusOf(outcome(undefined, UNIT, title.id, body))).toBe(401);
    expect(await eventCount(title.id)).toBe(1);
  });

  it("unknown fields and bad input are 400 naming the field; nothing is written", async () => {
    const title = await freshTitle(DAZHOU_UNIT);
    const before = [await eventCount(title.id), await auditCount(), await awardRow(title.id)];
    const good = { outcome: "keep", reason: "保留称号", version: title.version };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...good, status: "revoked" }, ""],
      [{ ...good, tenantId: "t-hubei" }, ""],
      [{ ...good, awardId: "x" }, ""],
      [{ ...good, outcome: "revoke" }, "publicReason"],
      [{ ...good, outcome: "lapse" }, "publicReason"],
      [{ ...good, outcome: "warn", publicReason: "台账不全" }, "deadline"],
      [{ ...good, outcome: "warn", publicReason: "台账不全", deadline: today }, "deadline"],
      [{ ...good, outcome: "warn", publicReason: "台账不全", deadline: "2027-02-30" }, "deadline"],
      [{ ...good, outcome: "cancel" }, "outcome"],
      [{ ...good, reason: "" }, "reason"],
      [{ ...good, reason: "理".repeat(1001) }, "reason"],
      [{ ...good, outcome: "revoke", publicReason: "理".repeat(201) }, "publicReason"],
      [{ ...good, version: "1" }, "version"],
      [{ ...good, version: 0 }, "version"],
      [{ outcome: "keep", reason: "保留称号" }, "version"],
    ];
    for (const [body, field] of cases) {
      const res = await callJson<ErrorBody>(path(DAZHOU_UNIT, title.id), { body, cookie: admin });
      expect(res.status, JSON.stringify(body)).toBe(400);
      if (field) expect(Object.keys(res.body.error.fields ?? {}), JSON.stringify(body)).toContain(field);
    }
    expect((await call(path(DAZHOU_UNIT, title.id), { body: "{", cookie: admin })).status).toBe(400);
    expect([await eventCount(title.id), await auditCount(), await awardRow(title.id)]).toEqual(before);
  });

  it("atomicity: when the history row fails, the title, the audit log and the public version are unchanged", async () => {
    const title = await freshTitle(DAZHOU_UNIT);
    const before = [await awardRow(title.id), await eventCount(title.id), await auditCount(), await publicVersion()];
    // Forced failure: the history insert aborts after the title's guarded update ran in the same batch.
    await env.DB.exec(
      "create trigger fail_history before insert on award_events when new.kind = 'lapsed' begin select raise(abort, 'forced failure'); end",
    );
    try {
      const res = await outcome(admin, DAZHOU_UNIT, title.id, {
        outcome: "lapse",
        reason: "单位撤并",
        publicReason: "单位已撤并",
        version: title.version,
      });
      expect(res.status).toBe(500);
    } finally {
      await env.DB.exec("drop trigger fail_history");
    }
    expect([await awardRow(title.id), await eventCount(title.id), await auditCount(), await publicVersion()]).toEqual(
      before,
    );
  });
});

describe("a title past its valid-until date stops showing as current by itself", () => {
  it("an award valid until yesterday reads expired and not held, with no write", async () => {
    const title = await freshTitle(DAZHOU_UNIT);
    const yesterday = new Date(Date.now() - 86_400_000);
    await env.DB.prepare("update awards set valid_until = ? where id = ?")
      .bind(beijingToday(yesterday), title.id)
      .run();
    const stored = await awardRow(title.id);
    const seen = (await ok(list(admin, DAZHOU_UNIT))).items.find((a) => a.id === title.id);
    expect(seen).toMatchObject({ status: "active", state: "expired", expired: true, held: false });
    // Reading changed nothing: the status stays as written.
    expect(await awardRow(title.id)).toEqual(stored);
  });

  it("the awards list is still one round trip with the history", async () => {
    await list(staff, UNIT);
    const again = await list(staff, UNIT);
    expect(roundTripsOf(again)).toBe(1);
    expect(await statusOf(Promise.resolve(again))).toBe(200);
  });
});
