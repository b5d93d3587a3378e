import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { callJson, failure, ok, statusOf, tenantApi } from "./client.ts";
import { PLACES, signInAll } from "./fixtures.ts";
import {
  applicationRow,
  auditCount,
  departmentAccount,
  putResult,
  roundIn,
  TENANT,
  unitApplication,
} from "./ranking-fixtures.ts";
import { roundTripsOf } from "./round-trips.ts";

let admin: string;
let deyang: string;
let dazhou: string;
let staff: string;
let hubeiAdmin: string;

type Decision = { version: number; decision: "recommend" | "not_recommend"; reason?: string };

const decide = (cookie: string, id: string, json: Decision) =>
  tenantApi(cookie).applications[":id"].decision.$post({ param: { tenant: TENANT, id }, json });

/** A round in city review whose city pools (德阳, 达州) and the 文化 sector channel have the given quotas. */
async function cityReviewRound(options: { deyangQuota?: number; gate?: number | null; sectorQuota?: number } = {}) {
  const round = await roundIn(admin, "city_review", {
    quotas: {
      perCity: [
        { cityId: PLACES.deyang, quota: options.deyangQuota ?? 2 },
        { cityId: PLACES.dazhou, quota: 5 },
      ],
      perSector: [{ sectorId: "sichuan-sector-culture", quota: options.sectorQuota ?? 1 }],
    },
    sectorChannels: ["sichuan-sector-culture"],
    eligibility: { minScoreForOnsite: options.gate ?? null },
  });
  return { roundId: round.id };
}

const version = async (id: string) => (await applicationRow(id)).version;

beforeAll(async () => {
  ({
    sichuanAdmin: admin,
    deyang,
    dazhou,
    sichuanUnit: staff,
    hubeiAdmin,
  } = await signInAll("sichuanAdmin", "deyang", "dazhou", "sichuanUnit", "hubeiAdmin"));
});

describe("the city's decision", () => {
  it("a city reviewer recommends a submitted application of their city; one audit event; two round trips", async () => {
    const { roundId } = await cityReviewRound();
    const { applicationId } = await unitApplication(roundId, PLACES.jingyang);
    // Steady state: this isolate has seen the reviewer's session in the tenant once.
    await ok(tenantApi(deyang).rounds.$get({ param: { tenant: TENANT } }));
    const res = await decide(deyang, applicationId, { version: 1, decision: "recommend" });
    expect(roundTripsOf(res)).toBe(2);
    const body = await ok(Promise.resolve(res));
    expect(body).toEqual({
      applicationId,
      status: "city_recommended",
      decisionReason: null,
      version: 2,
      quota: { pool: `city:${PLACES.deyang}`, name: "德阳市", quota: 2, used: 1 },
    });
    expect(await auditCount("application.decide", applicationId)).toBe(1);
    // Recommending again is refused and records nothing.
    const again = await failure(decide(deyang, applicationId, { version: 2, decision: "recommend" }), 409);
    expect(again.error.code).toBe("already_in_state");
    expect(await auditCount("application.decide", applicationId)).toBe(1);
  });

  it("not recommending needs a reason (400, nothing written); with one it is stored and may be changed while city review lasts", async () => {
    const { roundId } = await cityReviewRound();
    const { applicationId } = await unitApplication(roundId, PLACES.jingyang);
    const missing = await failure(decide(deyang, applicationId, { version: 1, decision: "not_recommend" }), 400);
    expect(missing.error.fields).toHaveProperty("reason");
    const blank = await failure(
      decide(deyang, applicationId, { version: 1, decision: "not_recommend", reason: "   " }),
      400,
    );
    expect(blank.error.code).toBe("validation_failed");
    expect(await applicationRow(applicationId)).toMatchObject({ status: "submitted", version: 1 });
    expect(await auditCount("application.decide", applicationId)).toBe(0);
    const declined = await ok(
      decide(deyang, applicationId, { version: 1, decision: "not_recommend", reason: "创建台账不完整" }),
    );
    expect(declined).toMatchObject({ status: "city_not_recommended", decisionReason: "创建台账不完整", version: 2 });
    const changed = await ok(decide(admin, applicationId, { version: 2, decision: "recommend" }));
    expect(changed).toMatchObject({ status: "city_recommended", decisionReason: null, version: 3 });
    const back = await ok(decide(deyang, applicationId, { version: 3, decision: "not_recommend", reason: "名额调整" }));
    expect(back).toMatchObject({ status: "city_not_recommended", decisionReason: "名额调整" });
    expect(await auditCount("application.decide", applicationId)).toBe(3);
  });

  it("a stale version answers 409 with the current decision and changes nothing", async () => {
    const { roundId } = await cityReviewRound();
    const { applicationId } = await unitApplication(roundId, PLACES.jingyang);
    await ok(decide(deyang, applicationId, { version: 1, decision: "not_recommend", reason: "材料不足" }));
    const stale = await failure(decide(admin, applicationId, { version: 1, decision: "recommend" }), 409);
    expect(stale.error).toMatchObject({
      code: "stale_version",
      current: { status: "city_not_recommended", version: 2 },
    });
    expect(await applicationRow(applicationId)).toMatchObject({ status: "city_not_recommended", version: 2 });
  });

  it("only submitted (or already decided) applications can be decided", async () => {
    const { roundId } = await cityReviewRound();
    for (const status of ["city_returned", "withdrawn", "not_submitted"]) {
      const { applicationId } = await unitApplication(roundId, PLACES.jingyang, { status });
      const refused = await failure(decide(deyang, applicationId, { version: 1, decision: "recommend" }), 409);
      expect(refused.error.code, status).toBe("decision_not_open");
    }
  });
});

describe("quota pools", () => {
  it("the quota+1st recommendation in a city's pool answers 409 quota_full naming the pool; a freed place can be taken", async () => {
    const { roundId } = await cityReviewRound({ deyangQuota: 2 });
    const apps = [];
    for (let i = 0; i < 3; i++) apps.push((await unitApplication(roundId, PLACES.jingyang)).applicationId);
    const [a, b, c] = apps as [string, string, string];
    await ok(decide(deyang, a, { version: 1, decision: "recommend" }));
    await ok(decide(deyang, b, { version: 1, decision: "recommend" }));
    const full = await failure(decide(deyang, c, { version: 1, decision: "recommend" }), 409);
    expect(full.error).toMatchObject({
      code: "quota_full",
      message: expect.any(String),
      messageEn: expect.any(String),
      current: {
        pool: `city:${PLACES.deyang}`,
        name: "德阳市",
        quota: 2,
        used: 2,
        message: expect.stringContaining("德阳市"),
        messageEn: expect.stringContaining("德阳市"),
      },
    });
    expect(await applicationRow(c)).toMatchObject({ status: "submitted", version: 1 });
    expect(await auditCount("application.decide", c)).toBe(0);
    // Not recommending one of the two frees its place.
    await ok(decide(deyang, b, { version: 2, decision: "not_recommend", reason: "让出名额" }));
    expect(await ok(decide(deyang, c, { version: 1, decision: "recommend" }))).toMatchObject({
      status: "city_recommended",
      quota: { used: 2 },
    });
    // Another city's pool is its own.
    const other = await unitApplication(roundId, PLACES.dazhou);
    expect(await ok(decide(dazhou, other.applicationId, { version: 1, decision: "recommend" }))).toMatchObject({
      quota: { pool: `city:${PLACES.dazhou}`, quota: 5, used: 1 },
    });
  });

  it("a sector channel's application counts against its sector's pool, not its city's", async () => {
    const { roundId } = await cityReviewRound({ deyangQuota: 5, sectorQuota: 1 });
    const one = await unitApplication(roundId, PLACES.jingyang, {
      channel: "sector",
      channelSectorId: "sichuan-sector-culture",
    });
    const two = await unitApplication(roundId, PLACES.dazhou, {
      channel: "sector",
      channelSectorId: "sichuan-sector-culture",
    });
    expect(await ok(decide(admin, one.applicationId, { version: 1, decision: "recommend" }))).toMatchObject({
      quota: { pool: "sector:sichuan-sector-culture", quota: 1, used: 1 },
    });
    const full = await failure(decide(admin, two.applicationId, { version: 1, decision: "recommend" }), 409);
    expect(full.error).toMatchObject({ code: "quota_full", current: { pool: "sector:sichuan-sector-culture" } });
    // The city pool of 德阳 is untouched.
    const city = await unitApplication(roundId, PLACES.jingyang);
    expect(await ok(decide(deyang, city.applicationId, { version: 1, decision: "recommend" }))).toMatchObject({
      quota: { pool: `city:${PLACES.deyang}`, used: 1 },
    });
  });

  it("simultaneous recommendations never take a pool past its quota", async () => {
    const { roundId } = await cityReviewRound({ deyangQuota: 2 });
    const apps: string[] = [];
    for (let i = 0; i < 8; i++) apps.push((await unitApplication(roundId, PLACES.jingyang)).applicationId);
    const responses = await Promise.all(apps.map((id) => decide(deyang, id, { version: 1, decision: "recommend" })));
    const statuses: number[] = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 409, 409, 409, 409, 409, 409]);
    for (const r of responses) {
      const body = (await r.json()) as unknown as { error?: { code: string } };
      if (r.status !== 200) expect(body.error?.code).toBe("quota_full");
    }
    const recommended = await env.DB.prepare(
      "select count(*) n from applications where round_id = ? and status = 'city_recommended'",
    )
      .bind(roundId)
      .first<{ n: number }>();
    expect(recommended?.n).toBe(2);
    const events = await env.DB.prepare(
      `select count(*) n from audit_events where action = 'application.decide'
         and target_id in (select id from applications where round_id = ?)`,
    )
      .bind(roundId)
      .first<{ n: number }>();
    expect(events?.n).toBe(2);
  });
});

describe("vetoes and the on-site gate", () => {
  it("an application vetoed by a form finding or a department cannot be recommended (409 application_vetoed)", async () => {
    const { roundId } = await cityReviewRound();
    const byForm = await unitApplication(roundId, PLACES.jingyang);
    await putResult({ applicationId: byForm.applicationId, roundId, stage: "city", aggregate: 90, vetoed: true });
    const refused = await failure(decide(deyang, byForm.applicationId, { version: 1, decision: "recommend" }), 409);
    expect(refused.error).toMatchObject({ code: "application_vetoed", current: { vetoedByForms: true } });
    // Not recommending it is still possible.
    await ok(decide(deyang, byForm.applicationId, { version: 1, decision: "not_recommend", reason: "一票否决" }));

    const byDepartment = await unitApplication(roundId, PLACES.jingyang);
    const department = await departmentAccount(admin, "纪检监察");
    await env.DB.prepare(
      `insert into signoffs (id, tenant_id, round_id, application_id, department, user_id, verdict, reason, updated_at)
       values (?, 't-sichuan', ?, ?, '纪检监察', (select id from users where email like 'dept-%' limit 1), 'veto', '违纪', ?)`,
    )
      .bind(`so-${byDepartment.applicationId}`, roundId, byDepartment.applicationId, new Date().toISOString())
      .run();
    expect(department).toBeTruthy();
    const vetoed = await failure(
      decide(deyang, byDepartment.applicationId, { version: 1, decision: "recommend" }),
      409,
    );
    expect(vetoed.error).toMatchObject({
      code: "application_vetoed",
      current: { departments: [{ department: "纪检监察", reason: "违纪" }] },
    });
    expect(await applicationRow(byDepartment.applicationId)).toMatchObject({ status: "submitted", version: 1 });
  });

  it("below the round's minimum score for on-site review (or unscored) a recommendation answers 409 below_onsite_gate", async () => {
    const { roundId } = await cityReviewRound({ gate: 60 });
    const low = await unitApplication(roundId, PLACES.jingyang);
    await putResult({ applicationId: low.applicationId, roundId, stage: "city", aggregate: 59.99 });
    expect(
      (await failure(decide(deyang, low.applicationId, { version: 1, decision: "recommend" }), 409)).error,
    ).toMatchObject({ code: "below_onsite_gate", current: { aggregate: 59.99, minScoreForOnsite: 60 } });
    const unscored = await unitApplication(roundId, PLACES.jingyang);
    expect(
      (await failure(decide(deyang, unscored.applicationId, { version: 1, decision: "recommend" }), 409)).error,
    ).toMatchObject({ code: "below_onsite_gate", current: { aggregate: null } });
    const enough = await unitApplication(roundId, PLACES.jingyang);
    await putResult({ applicationId: enough.applicationId, roundId, stage: "city", aggregate: 60 });
    await ok(decide(deyang, enough.applicationId, { version: 1, decision: "recommend" }));
  });
});

describe("who may decide, and when", () => {
  it("outside city review the decision answers 409 naming the phase", async () => {
    const round = await roundIn(admin, "applications_open");
    const appId = (await unitApplication(round.id, PLACES.jingyang)).applicationId;
    const early = await failure(decide(deyang, appId, { version: 1, decision: "recommend" }), 409);
    expect(early.error.code).toBe("round_applications_open");
  });

  it("another tenant and another city get 404; unit staff and department accounts 403; anonymous 401", async () => {
    const { roundId } = await cityReviewRound();
    const { applicationId } = await unitApplication(roundId, PLACES.jingyang);
    const json: Decision = { version: 1, decision: "recommend" };
    expect(await statusOf(decide(hubeiAdmin, applicationId, json))).toBe(404);
    expect(await statusOf(decide(dazhou, applicationId, json))).toBe(404);
    expect(await statusOf(decide(staff, applicationId, json))).toBe(403);
    const department = await departmentAccount(admin, "综治");
    expect(await statusOf(decide(department, applicationId, json))).toBe(403);
    expect(await statusOf(decide("", applicationId, json))).toBe(401);
    // 四川's id under 湖北's path is 404 too.
    const crossed = await tenantApi(hubeiAdmin).applications[":id"].decision.$post({
      param: { tenant: "hubei", id: applicationId },
      json,
    });
    expect(crossed.status).toBe(404);
    expect(await applicationRow(applicationId)).toMatchObject({ status: "submitted", version: 1 });
    expect(await auditCount("application.decide", applicationId)).toBe(0);
  });

  it("unknown fields and bad values answer 400 and leave the application as it was", async () => {
    const { roundId } = await cityReviewRound();
    const { applicationId } = await unitApplication(roundId, PLACES.jingyang);
    const path = `/api/t/${TENANT}/applications/${applicationId}/decision`;
    // Plain requests: each body breaks the route's types on purpose.
    for (const body of [
      { version: 1, decision: "recommend", status: "city_recommended" },
      { version: 1, decision: "recommend", tenantId: "t-hubei" },
      { version: 1, decision: "maybe" },
      { version: "1", decision: "recommend" },
      { decision: "recommend" },
      { version: 1, decision: "not_recommend", reason: "x".repeat(501) },
    ]) {
      const res = await callJson<{ error: { code: string } }>(path, { body, cookie: deyang });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("validation_failed");
    }
    expect(await applicationRow(applicationId)).toMatchObject({ status: "submitted", version: 1 });
    expect(await version(applicationId)).toBe(1);
  });
});
