import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { surveyLinkKey } from "../../worker/domain/survey-token.ts";
import { call, failure, ok, statusOf, tenantApi } from "./client.ts";
import { PATHS, signInAll, UNITS } from "./fixtures.ts";
import { roundTripsOf } from "./round-trips.ts";
import {
  auditCount,
  createSystem,
  insertApplication,
  scoringRound,
  TENANT,
  TENANT_ID,
  uid,
  unitsUnder,
} from "./scoring-fixtures.ts";

let cookies: Record<"sichuanAdmin" | "deyang" | "dazhou" | "sichuanUnit" | "hubeiAdmin", string>;
let systemId: string;
let roundId: string;
let deyangApp: string;
let dazhouApp: string;

const survey = (cookie?: string) => tenantApi(cookie).rounds[":id"].survey;
const poster = (cookie: string, id: string) =>
  tenantApi(cookie).applications[":id"].survey.poster.$get({ param: { tenant: TENANT, id } });

/** A valid questionnaire body over SMALL_SYSTEM's one survey item. */
function body(version: number, change: Record<string, unknown> = {}) {
  return {
    version,
    questions: [
      {
        id: "Q1",
        text: "您对本单位的服务是否满意？",
        itemCode: "A2.1",
        audience: "public" as const,
        options: [
          { label: "满意", value: 1 },
          { label: "基本满意", value: 0.6 },
          { label: "不满意", value: 0 },
        ],
      },
    ],
    minAnswers: 30,
    belowMinimum: "zero" as const,
    gradeBands: [0.9, 0.75, 0.6, 0],
    opensOn: "2026-01-01",
    closesOn: "2099-12-31",
    ...change,
  };
}

const put = (cookie: string, id: string, json: ReturnType<typeof body>) =>
  survey(cookie).$put({ param: { tenant: TENANT, id }, json });

async function insertResponse(applicationId: string, round = roundId) {
  await env.DB.prepare(
    `insert into survey_responses (id, tenant_id, round_id, application_id, device_hash, network_hash, duration_seconds,
      status, created_at) values (?, ?, ?, ?, ?, 'n', 60, 'counted', ?)`,
  )
    .bind(uid("resp"), TENANT_ID, round, applicationId, uid("dev"), new Date().toISOString())
    .run();
}

async function insertScoreForm(round: string, applicationId: string) {
  const reviewer = await env.DB.prepare("select id from users where email = 'deyang@sichuan.demo'").first<{
    id: string;
  }>();
  await env.DB.prepare(
    `insert into score_forms (id, tenant_id, round_id, application_id, stage, reviewer_user_id, updated_at)
      values (?, ?, ?, ?, 'city', ?, ?)`,
  )
    .bind(uid("form"), TENANT_ID, round, applicationId, reviewer?.id ?? "", new Date().toISOString())
    .run();
}

const storedVersion = async (round: string) =>
  (await env.DB.prepare("select version from surveys where round_id = ?").bind(round).first<{ version: number }>())
    ?.version ?? 0;

beforeAll(async () => {
  cookies = await signInAll("sichuanAdmin", "deyang", "dazhou", "sichuanUnit", "hubeiAdmin");
  systemId = await createSystem(cookies.sichuanAdmin);
  roundId = await scoringRound(cookies.sichuanAdmin, systemId, "applications_open");
  deyangApp = await insertApplication(roundId, UNITS.deyangKexie);
  dazhouApp = await insertApplication(roundId, UNITS.dazhouVocational);
  const [, other] = await unitsUnder(PATHS.deyang, 2);
  await insertApplication(roundId, other ?? "", "withdrawn");
});

describe("the round's questionnaire before a save", () => {
  it("is the default: one question per survey-method item, 30 answers minimum, no window; editable by the owner only", async () => {
    const view = await ok(survey(cookies.sichuanAdmin).$get({ param: { tenant: TENANT, id: roundId } }));
    expect(view).toMatchObject({
      roundId,
      configured: false,
      version: 0,
      editable: true,
      minAnswers: 30,
      belowMinimum: "zero",
      gradeBands: [0.9, 0.75, 0.6, 0],
      opensOn: null,
      closesOn: null,
      open: false,
      items: [{ code: "A2.1", title: "满意度调查", maxPoints: 10, mode: "points" }],
    });
    expect(view.questions).toEqual([
      {
        id: "Q1",
        text: "您对“满意度调查”的评价如何？",
        itemCode: "A2.1",
        audience: "public",
        options: [
          { label: "满意", value: 1 },
          { label: "基本满意", value: 0.6 },
          { label: "不满意", value: 0 },
        ],
      },
    ]);
    const reviewer = await ok(survey(cookies.deyang).$get({ param: { tenant: TENANT, id: roundId } }));
    expect(reviewer.editable).toBe(false);
  });

  it("is read in one round trip", async () => {
    await survey(cookies.deyang).$get({ param: { tenant: TENANT, id: roundId } });
    expect(roundTripsOf(await survey(cookies.deyang).$get({ param: { tenant: TENANT, id: roundId } }))).toBe(1);
  });

  it("is refused to unit staff (403) and to anonymous callers (401)", async () => {
    expect(await statusOf(survey(cookies.sichuanUnit).$get({ param: { tenant: TENANT, id: roundId } }))).toBe(403);
    expect(await statusOf(survey().$get({ param: { tenant: TENANT, id: roundId } }))).toBe(401);
    expect(await statusOf(put(cookies.deyang, roundId, body(0)))).toBe(403);
    expect(await storedVersion(roundId)).toBe(0);
  });

  it("is 404 for another office's round, under either office's path", async () => {
    const hubei = tenantApi(cookies.hubeiAdmin).rounds[":id"].survey;
    expect(await statusOf(hubei.$get({ param: { tenant: "hubei", id: roundId } }))).toBe(404);
    expect(await statusOf(hubei.$put({ param: { tenant: "hubei", id: roundId }, json: body(0) }))).toBe(404);
    expect(await statusOf(hubei.links.$get({ param: { tenant: "hubei", id: roundId }, query: {} }))).toBe(404);
    expect(await statusOf(poster(cookies.hubeiAdmin, deyangApp))).not.toBe(200);
    expect(
      await statusOf(
        tenantApi(cookies.hubeiAdmin).applications[":id"].survey.poster.$get({
          param: { tenant: "hubei", id: deyangApp },
        }),
      ),
    ).toBe(404);
    expect(await statusOf(hubei.$get({ param: { tenant: TENANT, id: roundId } }))).not.toBe(200);
    expect(await storedVersion(roundId)).toBe(0);
  });

  it("has no poster: 404", async () => {
    expect(await statusOf(poster(cookies.sichuanUnit, deyangApp))).toBe(404);
  });
});

describe("saving the questionnaire", () => {
  it("refuses bad input per field with 400 and changes nothing", async () => {
    const [q] = body(0).questions;
    if (!q) throw new Error("no question");
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ questions: [{ ...q, itemCode: "ZZ" }] }, "questions.0.itemCode"],
      [{ questions: [{ ...q, itemCode: "A1.1" }] }, "questions.0.itemCode"],
      [{ questions: [q, { ...q }] }, "questions.1.id"],
      [{ closesOn: "2025-12-31" }, "closesOn"],
      [{ gradeBands: [0.6, 0.9] }, "gradeBands"],
      [{ opensOn: "2026-02-30" }, "opensOn"],
      [{ minAnswers: 0 }, "minAnswers"],
      [{ questions: [{ ...q, options: [{ label: "满意", value: 2 }, q.options[1]] }] }, "questions.0.options.0.value"],
      [{ questions: [] }, "questions"],
      [{ questions: [{ ...q, text: "好" }] }, "questions.0.text"],
    ];
    for (const [change, field] of cases) {
      const error = await failure(put(cookies.sichuanAdmin, roundId, body(0, change)), 400);
      expect(error.error.fields, JSON.stringify(change)).toHaveProperty([field]);
    }
    expect(await storedVersion(roundId)).toBe(0);
  });

  it("refuses fields the owner does not set (mass assignment) with 400", async () => {
    for (const extra of [{ tenantId: "t-hubei" }, { roundId: "x" }, { open: true }]) {
      const res = await call(`/api/t/sichuan/rounds/${roundId}/survey`, {
        method: "PUT",
        body: { ...body(0), ...extra },
        cookie: cookies.sichuanAdmin,
      });
      expect(res.status).toBe(400);
    }
    expect(await storedVersion(roundId)).toBe(0);
  });

  it("creates it with version 0 in at most two round trips, with one audit event, and answers the saved view", async () => {
    const res = await put(cookies.sichuanAdmin, roundId, body(0));
    expect(roundTripsOf(res)).toBeLessThanOrEqual(2);
    const view = await ok(Promise.resolve(res));
    expect(view).toMatchObject({
      configured: true,
      version: 1,
      opensOn: "2026-01-01",
      closesOn: "2099-12-31",
      open: true,
      questions: body(0).questions,
    });
    expect(await auditCount("survey.save", roundId)).toBe(1);
    const row = await env.DB.prepare("select opens_at, closes_at from surveys where round_id = ?")
      .bind(roundId)
      .first<{ opens_at: string; closes_at: string }>();
    expect(row).toEqual({ opens_at: "2025-12-31T16:00:00.000Z", closes_at: "2099-12-31T16:00:00.000Z" });
  });

  it("refuses a stale version with 409 and the current questionnaire, writing no audit event", async () => {
    const error = await failure(put(cookies.sichuanAdmin, roundId, body(0, { minAnswers: 10 })), 409);
    expect(error.error.code).toBe("stale_version");
    expect(error.error.current).toMatchObject({ version: 1, minAnswers: 30 });
    expect(await auditCount("survey.save", roundId)).toBe(1);
  });

  it("refuses a question on an item scored by mutual assessment", async () => {
    const round = await scoringRound(cookies.sichuanAdmin, systemId, "applications_open");
    const now = new Date().toISOString();
    await env.DB.prepare(
      `insert into mutual_assessments (round_id, tenant_id, item_codes, peers, opens_on, closes_on, opens_at, closes_at, updated_at)
        values (?, ?, '["A2.1"]', 3, '2026-01-01', '2026-01-31', ?, ?, ?)`,
    )
      .bind(round, TENANT_ID, now, now, now)
      .run();
    const error = await failure(put(cookies.sichuanAdmin, round, body(0)), 400);
    expect(error.error.fields?.["questions.0.itemCode"]).toEqual(["该条目已由互评计分"]);
  });

  it("refuses with 409 sources_locked to change the survey's items once a reviewer score form exists in the round", async () => {
    const round = await scoringRound(cookies.sichuanAdmin, systemId, "city_review");
    const app = await insertApplication(round, UNITS.deyangKexie);
    await insertScoreForm(round, app);
    const error = await failure(put(cookies.sichuanAdmin, round, body(0)), 409);
    expect(error.error.code).toBe("sources_locked");
    expect(await storedVersion(round)).toBe(0);
  });

  it("once answers exist, refuses with 409 survey_answered to change scoring but takes new texts and a new closing day", async () => {
    await insertResponse(deyangApp);
    for (const change of [
      { minAnswers: 10 },
      { belowMinimum: "reviewer" },
      { gradeBands: [0.8, 0.5] },
      { opensOn: "2026-02-01" },
      { questions: [{ ...body(1).questions[0], audience: "staff" }] },
    ]) {
      const error = await failure(put(cookies.sichuanAdmin, roundId, body(1, change)), 409);
      expect(error.error.code, JSON.stringify(change)).toBe("survey_answered");
    }
    const texts = body(1, {
      questions: [{ ...body(1).questions[0], text: "您对本单位的窗口服务是否满意？" }],
      closesOn: "2099-06-30",
    });
    const view = await ok(put(cookies.sichuanAdmin, roundId, texts));
    expect(view).toMatchObject({ version: 2, closesOn: "2099-06-30" });
    expect(view.questions[0]?.text).toBe("您对本单位的窗口服务是否满意？");
    expect(await auditCount("survey.save", roundId)).toBe(2);
  });

  it("once a reviewer entered points below the minimum, refuses to change scoring like answers do (409 survey_answered)", async () => {
    const other = await scoringRound(cookies.sichuanAdmin, systemId);
    const [unitId] = await unitsUnder(PATHS.deyang, 1);
    const app = await insertApplication(other, unitId ?? "");
    await ok(put(cookies.sichuanAdmin, other, body(0, { belowMinimum: "reviewer" })));
    await env.DB.prepare(
      `insert into source_points (application_id, item_code, tenant_id, round_id, source, answers, below_minimum,
        entered_points, points, updated_at) values (?, 'A2.1', ?, ?, 'survey', 0, 1, 2, 2, '')`,
    )
      .bind(app, TENANT_ID, other)
      .run();
    const error = await failure(put(cookies.sichuanAdmin, other, body(1, { belowMinimum: "zero" })), 409);
    expect(error.error.code).toBe("survey_answered");
    expect(await storedVersion(other)).toBe(1);
  });
});

describe("the survey links", () => {
  const links = (cookie: string, query: { page?: string; pageSize?: string; q?: string } = {}) =>
    survey(cookie).links.$get({ param: { tenant: TENANT, id: roundId }, query });

  it("list the round's applications but withdrawn ones, each with its signed link and counted answers", async () => {
    const list = await ok(links(cookies.sichuanAdmin));
    expect(list.total).toBe(2);
    const secret = await env.DB.prepare("select key from signing_keys where purpose = 'survey'").first<{
      key: string;
    }>();
    const byId = new Map(list.items.map((item) => [item.applicationId, item]));
    for (const id of [deyangApp, dazhouApp]) {
      const key = await surveyLinkKey(secret?.key ?? "", id);
      expect(byId.get(id)?.path).toBe(`/s/sichuan/${id}?k=${key}`);
    }
    expect(byId.get(deyangApp)).toMatchObject({ unitName: "德阳市科学技术协会", city: "德阳市", counted: 1 });
    expect(byId.get(dazhouApp)?.counted).toBe(0);
  });

  it("show a city reviewer only their city's applications", async () => {
    expect((await ok(links(cookies.deyang))).items.map((i) => i.applicationId)).toEqual([deyangApp]);
    expect((await ok(links(cookies.dazhou))).items.map((i) => i.applicationId)).toEqual([dazhouApp]);
  });

  it("are refused to unit staff (403) and clamp the page size", async () => {
    expect(await statusOf(links(cookies.sichuanUnit))).toBe(403);
    expect((await ok(links(cookies.sichuanAdmin, { pageSize: "1000" }))).pageSize).toBe(100);
    expect(await statusOf(links(cookies.sichuanAdmin, { page: "x" }))).toBe(400);
    const found = await ok(links(cookies.sichuanAdmin, { q: "达州" }));
    expect(found.items.map((i) => i.applicationId)).toEqual([dazhouApp]);
  });

  it("are read in one round trip", async () => {
    await links(cookies.deyang);
    expect(roundTripsOf(await links(cookies.deyang))).toBe(1);
  });
});

describe("the poster", () => {
  it("gives the unit's staff the unit, the round, the window, the link and its QR code, in one round trip", async () => {
    await poster(cookies.sichuanUnit, deyangApp);
    const res = await poster(cookies.sichuanUnit, deyangApp);
    expect(roundTripsOf(res)).toBe(1);
    const sheet = await ok(Promise.resolve(res));
    const list = await ok(
      survey(cookies.sichuanAdmin).links.$get({ param: { tenant: TENANT, id: roundId }, query: {} }),
    );
    expect(sheet).toMatchObject({
      applicationId: deyangApp,
      unitName: "德阳市科学技术协会",
      opensOn: "2026-01-01",
      closesOn: "2099-06-30",
      counted: 1,
      path: list.items.find((i) => i.applicationId === deyangApp)?.path,
    });
    expect(sheet.roundTitle).toMatch(/^评分测试评选/);
    expect(sheet.qrSvg).toMatch(/^<svg[^>]*>/);
    expect(sheet.qrSvg).not.toMatch(/<script/i);
  });

  it("is 404 to staff of another unit and to a reviewer of another city", async () => {
    expect(await statusOf(poster(cookies.sichuanUnit, dazhouApp))).toBe(404);
    expect(await statusOf(poster(cookies.dazhou, deyangApp))).toBe(404);
    expect(await statusOf(poster(cookies.dazhou, dazhouApp))).toBe(200);
  });
});
