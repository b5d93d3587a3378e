import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../worker/data/db.ts";
import { extraPointsRefresh, surveyPointsRefresh } from "../../worker/data/source-points.ts";
import { type SourceItem, surveyItemPoints } from "../../worker/domain/source-points.ts";
import { BURST_ANSWERS } from "../../worker/domain/survey-bursts.ts";
import { call, callJson, failure, ok, statusOf, tenantApi } from "./client.ts";
import { PATHS, PLACES, signInAll } from "./fixtures.ts";
import { departmentAccount } from "./ranking-fixtures.ts";
import { roundTripsOf } from "./round-trips.ts";
import {
  auditCount,
  createSystem,
  insertApplication,
  type NewSystem,
  SMALL_SYSTEM,
  scoringRound,
  TENANT,
  TENANT_ID,
  uid,
  unitsUnder,
} from "./scoring-fixtures.ts";

// The survey's results (问卷结果): per application the responses, bursts and each survey item's rate and points;
// a reviewer's points for an item below the minimum sample. Questionnaires are saved through the owner's route;
// answers are written straight into D1 (the public route is tested on its own), then kept points refreshed as the
// answer batch does.

const db = createDb(env.DB);

/** SMALL_SYSTEM plus a graded survey item, so both kinds of survey item are shown. */
const SYSTEM: NewSystem = {
  ...SMALL_SYSTEM,
  maxTotal: 29,
  categories: SMALL_SYSTEM.categories.map((c) =>
    c.code === "A2"
      ? {
          ...c,
          items: [
            ...c.items,
            {
              code: "A2.3",
              title: "职工满意度",
              maxPoints: 4,
              method: "survey",
              mode: "graded",
              grades: [
                { grade: "A", share: 1 },
                { grade: "B", share: 0.5 },
                { grade: "C", share: 0 },
              ],
            },
          ],
        }
      : c,
  ),
};
const ITEMS: SourceItem[] = [
  { code: "A2.1", maxPoints: 10, mode: "points", grades: [] },
  {
    code: "A2.3",
    maxPoints: 4,
    mode: "graded",
    grades: [
      { grade: "A", share: 1 },
      { grade: "B", share: 0.5 },
      { grade: "C", share: 0 },
    ],
  },
];
const BANDS = [0.9, 0.6, 0];
const MIN = 3;

let admin: string;
let deyang: string;
let staff: string;
let hubei: string;
let department: string;
let systemId: string;

interface Round {
  id: string;
  /** Two 德阳 applications and one 达州 one. */
  apps: [string, string, string];
}

async function roundWithSurvey(belowMinimum: "zero" | "reviewer"): Promise<Round> {
  const id = await scoringRound(admin, systemId);
  const [d1, d2] = await unitsUnder(PATHS.deyang, 2);
  const [z1] = await unitsUnder(PATHS.dazhou, 1);
  const apps = (await Promise.all([d1, d2, z1].map((u) => insertApplication(id, u ?? "")))) as Round["apps"];
  const questions = [
    { id: "q1", text: "您对本单位创建工作满意吗", itemCode: "A2.1", audience: "public" as const },
    { id: "q2", text: "您对服务窗口满意吗", itemCode: "A2.1", audience: "public" as const },
    { id: "q3", text: "您对单位关心职工满意吗", itemCode: "A2.3", audience: "staff" as const },
  ].map((q) => ({
    ...q,
    options: [
      { label: "满意", value: 1 },
      { label: "基本满意", value: 0.6 },
      { label: "不满意", value: 0 },
    ],
  }));
  await ok(
    tenantApi(admin).rounds[":id"].survey.$put({
      param: { tenant: TENANT, id },
      json: {
        version: 0,
        questions,
        minAnswers: MIN,
        belowMinimum,
        gradeBands: BANDS,
        opensOn: "2026-01-01",
        closesOn: "2026-12-31",
      },
    }),
  );
  return { id, apps };
}

const rule = (belowMinimum: "zero" | "reviewer") => ({ minAnswers: MIN, belowMinimum, gradeBands: BANDS });

/**
 * Stores responses of one application (answers by question id), then refreshes its kept points and results as
 * the public answer's batch does.
 */
async function answer(
  round: Round,
  applicationId: string,
  responses: Array<{ values: Record<string, number>; tooFast?: boolean; network?: string; at?: string }>,
  belowMinimum: "zero" | "reviewer" = "zero",
) {
  const itemOf: Record<string, string> = { q1: "A2.1", q2: "A2.1", q3: "A2.3" };
  const statements = responses.flatMap((r) => {
    const id = uid("resp");
    const counted = r.tooFast ? 0 : 1;
    return [
      env.DB.prepare(
        `insert into survey_responses (id, tenant_id, round_id, application_id, device_hash, network_hash,
          duration_seconds, status, created_at) values (?, ?, ?, ?, ?, ?, 60, ?, ?)`,
      ).bind(
        id,
        TENANT_ID,
        round.id,
        applicationId,
        uid("dev"),
        r.network ?? uid("net"),
        counted ? "counted" : "too_fast",
        r.at ?? new Date().toISOString(),
      ),
      ...Object.entries(r.values).map(([question, value]) =>
        env.DB.prepare(
          `insert into survey_answers (response_id, question_id, tenant_id, application_id, item_code, value, counted)
            values (?, ?, ?, ?, ?, ?, ?)`,
        ).bind(id, question, TENANT_ID, applicationId, itemOf[question] ?? "", value, counted),
      ),
    ];
  });
  await env.DB.batch(statements);
  const target = { tenantId: TENANT_ID, roundId: round.id, applicationId };
  await db.batch([
    surveyPointsRefresh(db, target, ITEMS, rule(belowMinimum)),
    ...extraPointsRefresh(db, target, "mean"),
  ]);
}

const resultsOf = (
  cookie: string,
  roundId: string,
  query: { page?: string; pageSize?: string; cityId?: string } = {},
) => tenantApi(cookie).rounds[":id"].survey.results.$get({ param: { tenant: TENANT, id: roundId }, query });
const surveyOf = (cookie: string, applicationId: string) =>
  tenantApi(cookie).applications[":id"].survey.$get({ param: { tenant: TENANT, id: applicationId } });
const enter = (cookie: string, applicationId: string, itemCode: string, points: number | null) =>
  tenantApi(cookie).applications[":id"].survey.entered.$put({
    param: { tenant: TENANT, id: applicationId },
    json: { itemCode, points },
  });

const extraPoints = async (applicationId: string) =>
  (
    await env.DB.prepare("select extra_points from application_results where application_id = ? and stage = 'city'")
      .bind(applicationId)
      .first<{ extra_points: number }>()
  )?.extra_points;

let zero: Round;
let reviewer: Round;

beforeAll(async () => {
  ({
    sichuanAdmin: admin,
    deyang,
    sichuanUnit: staff,
    hubeiAdmin: hubei,
  } = await signInAll("sichuanAdmin", "deyang", "sichuanUnit", "hubeiAdmin"));
  department = await departmentAccount(admin, "宣传部");
  systemId = await createSystem(admin, SYSTEM);
  zero = await roundWithSurvey("zero");
  reviewer = await roundWithSurvey("reviewer");
  // zero.apps[0]: at the minimum, one too fast besides; zero.apps[1]: one short; zero.apps[2] (达州): at it.
  await answer(zero, zero.apps[0], [
    { values: { q1: 1, q2: 0.6, q3: 1 } },
    { values: { q1: 0.6, q3: 0.6 } },
    { values: { q2: 1, q3: 1 } },
    { values: { q1: 0, q2: 0, q3: 0 }, tooFast: true },
  ]);
  await answer(zero, zero.apps[1], [{ values: { q1: 1, q3: 1 } }, { values: { q1: 1, q3: 1 } }]);
  await answer(zero, zero.apps[2], [{ values: { q1: 1, q3: 1 } }, { values: { q1: 1 } }, { values: { q1: 1, q3: 1 } }]);
  await answer(reviewer, reviewer.apps[0], [{ values: { q1: 1, q3: 1 } }], "reviewer");
  await answer(
    reviewer,
    reviewer.apps[1],
    [{ values: { q1: 1, q3: 0.6 } }, { values: { q1: 0.6, q3: 0.6 } }, { values: { q1: 1, q3: 1 } }],
    "reviewer",
  );
});

describe("survey results: points from rates", () => {
  it("each item earns rate × max (or its graded band) at the minimum sample, counted answers only", async () => {
    const page = await ok(resultsOf(admin, zero.id, { pageSize: "100" }));
    expect(page.minAnswers).toBe(MIN);
    expect(page.items.map((i) => [i.code, i.title, i.maxPoints, i.mode])).toEqual([
      ["A2.1", "满意度调查", 10, "points"],
      ["A2.3", "职工满意度", 4, "graded"],
    ]);
    const row = page.rows.find((r) => r.applicationId === zero.apps[0]);
    // A2.1: answers 1, 0.6, 0.6, 1 from three respondents; A2.3: 1, 0.6, 1.
    const a21 = surveyItemPoints(ITEMS[0] as SourceItem, { answers: 3, rate: 3.2 / 4 }, rule("zero"), null);
    const a23 = surveyItemPoints(ITEMS[1] as SourceItem, { answers: 3, rate: 2.6 / 3 }, rule("zero"), null);
    expect(a21.points).toBe(8);
    expect(a23.points).toBe(2);
    expect(row).toMatchObject({ counted: 3, tooFast: 1, burst: false, points: 10 });
    expect(row?.items.map((i) => [i.itemCode, i.answers, i.points, i.belowMinimum])).toEqual([
      ["A2.1", 3, a21.points, false],
      ["A2.3", 3, a23.points, false],
    ]);
    expect(row?.items[0]?.rate).toBeCloseTo(0.8, 9);
    expect(await extraPoints(zero.apps[0])).toBeCloseTo(10, 9);
  });

  it("below the minimum under rule zero an item is marked and earns 0; an item nobody answered is shown at 0", async () => {
    const page = await ok(resultsOf(admin, zero.id, { pageSize: "100" }));
    const short = page.rows.find((r) => r.applicationId === zero.apps[1]);
    expect(short?.items.map((i) => [i.itemCode, i.answers, i.points, i.belowMinimum])).toEqual([
      ["A2.1", 2, 0, true],
      ["A2.3", 2, 0, true],
    ]);
    expect(short?.points).toBe(0);
    // 达州: A2.3 answered twice only.
    const dazhou = page.rows.find((r) => r.applicationId === zero.apps[2]);
    expect(dazhou?.items.map((i) => [i.itemCode, i.belowMinimum])).toEqual([
      ["A2.1", false],
      ["A2.3", true],
    ]);
    const fresh = await roundWithSurvey("zero");
    const untouched = (await ok(resultsOf(admin, fresh.id))).rows.find((r) => r.applicationId === fresh.apps[0]);
    expect(untouched).toMatchObject({ counted: 0, tooFast: 0, points: 0 });
    expect(untouched?.items.map((i) => [i.answers, i.rate, i.belowMinimum])).toEqual([
      [0, null, true],
      [0, null, true],
    ]);
  });

  it("the application's view lists its items with titles and maxima and its answers per hour", async () => {
    const view = await ok(surveyOf(admin, zero.apps[0]));
    expect(view).toMatchObject({ applicationId: zero.apps[0], minAnswers: MIN, counted: 3, tooFast: 1 });
    expect(view.items.map((i) => [i.itemCode, i.title, i.maxPoints, i.points])).toEqual([
      ["A2.1", "满意度调查", 10, 8],
      ["A2.3", "职工满意度", 4, 2],
    ]);
    expect(view.timeline.reduce((n, h) => n + h.answers, 0)).toBe(4);
    expect(view.bursts).toEqual([]);
    expect(view.canEnter).toBe(false);
  });

  it("a round without a questionnaire answers 404 survey_not_configured", async () => {
    const bare = await scoringRound(admin, systemId);
    expect((await failure(resultsOf(admin, bare), 404)).error.code).toBe("survey_not_configured");
  });
});

describe("survey results: minimum sample with reviewer-entered points", () => {
  it("a reviewer enters points for an item below the minimum: it earns them, the results follow, one audit event", async () => {
    const [app] = reviewer.apps;
    expect((await ok(surveyOf(deyang, app))).canEnter).toBe(true);
    const res = await enter(deyang, app, "A2.1", 6.5);
    expect(roundTripsOf(res)).toBeLessThanOrEqual(2);
    const view = await ok(Promise.resolve(res));
    expect(view.items.find((i) => i.itemCode === "A2.1")).toMatchObject({
      belowMinimum: true,
      enteredPoints: 6.5,
      points: 6.5,
    });
    expect(await extraPoints(app)).toBeCloseTo(6.5, 9);
    expect(await auditCount("survey.enter_points", app)).toBe(1);
    // A graded item nobody answered enough takes entered points too; its row may not exist before.
    await ok(enter(admin, app, "A2.3", 3));
    expect(await extraPoints(app)).toBeCloseTo(9.5, 9);
  });

  it("entered points cleared with null leave the item at 0", async () => {
    const [app] = reviewer.apps;
    const view = await ok(enter(admin, app, "A2.1", null));
    expect(view.items.find((i) => i.itemCode === "A2.1")).toMatchObject({ enteredPoints: null, points: 0 });
    expect(await extraPoints(app)).toBeCloseTo(3, 9);
  });

  it("entering is refused with 409 not_below_minimum at the minimum, and under rule zero", async () => {
    const atMinimum = await failure(enter(admin, reviewer.apps[1], "A2.1", 5), 409);
    expect(atMinimum.error.code).toBe("not_below_minimum");
    expect((await failure(enter(admin, zero.apps[1], "A2.1", 5), 409)).error.code).toBe("not_below_minimum");
    expect(await auditCount("survey.enter_points", zero.apps[1])).toBe(0);
  });

  it("an item over the minimum later is scored from its rate again, the entered points kept but unused", async () => {
    const [app] = reviewer.apps;
    await ok(enter(admin, app, "A2.1", 4));
    await answer(reviewer, app, [{ values: { q1: 1 } }, { values: { q1: 0.6 } }], "reviewer");
    const item = (await ok(surveyOf(admin, app))).items.find((i) => i.itemCode === "A2.1");
    expect(item).toMatchObject({ answers: 3, belowMinimum: false, enteredPoints: 4 });
    expect(item?.points).toBe(
      surveyItemPoints(ITEMS[0] as SourceItem, { answers: 3, rate: 2.6 / 3 }, rule("reviewer"), 4).points,
    );
  });
});

describe("survey results: atomicity", () => {
  it("a statement of the entering batch that fails leaves nothing half-written and no audit event", async () => {
    const app = reviewer.apps[2];
    // Forced failure: the results refresh (the batch's last statements) aborts for this application.
    await env.DB.exec(
      `create trigger fail_results before insert on application_results when new.application_id = '${app}' begin select raise(abort, 'forced failure'); end`,
    );
    try {
      expect(await statusOf(enter(admin, app, "A2.1", 5))).toBe(500);
    } finally {
      await env.DB.exec("drop trigger fail_results");
    }
    const kept = await env.DB.prepare("select count(*) n from source_points where application_id = ?")
      .bind(app)
      .first<{ n: number }>();
    expect(kept?.n).toBe(0);
    expect(await auditCount("survey.enter_points", app)).toBe(0);
  });
});

describe("survey results: bursts", () => {
  it(`${BURST_ANSWERS} responses from one network within minutes flag the row and list one burst as 网络 1`, async () => {
    const round = await roundWithSurvey("zero");
    const t0 = Date.parse("2026-05-01T02:00:00.000Z");
    const at = (minutes: number) => new Date(t0 + minutes * 60_000).toISOString();
    await answer(
      round,
      round.apps[0],
      Array.from({ length: BURST_ANSWERS }, (_, i) => ({ values: { q1: 1 }, network: "net-same", at: at(i) })),
    );
    // As many from one network, but an hour apart: no burst.
    await answer(
      round,
      round.apps[1],
      Array.from({ length: BURST_ANSWERS }, (_, i) => ({ values: { q1: 1 }, network: "net-slow", at: at(i * 60) })),
    );
    const rows = (await ok(resultsOf(admin, round.id, { pageSize: "100" }))).rows;
    expect(rows.find((r) => r.applicationId === round.apps[0])?.burst).toBe(true);
    expect(rows.find((r) => r.applicationId === round.apps[1])?.burst).toBe(false);
    const view = await ok(surveyOf(admin, round.apps[0]));
    expect(view.bursts).toEqual([
      { network: "网络 1", answers: BURST_ANSWERS, from: at(0), to: at(BURST_ANSWERS - 1) },
    ]);
    expect(view.timeline).toEqual([{ hour: "2026-05-01T02:00:00.000Z", answers: BURST_ANSWERS }]);
    expect(JSON.stringify(view)).not.toContain("net-same");
    const slow = await ok(surveyOf(admin, round.apps[1]));
    expect(slow.bursts).toEqual([]);
    expect(slow.timeline).toHaveLength(BURST_ANSWERS);
  });
});

describe("survey results: isolation and input (CHECKLIST)", () => {
  it("a city reviewer sees only their cities' applications; another city's application is 404", async () => {
    const rows = (await ok(resultsOf(deyang, zero.id, { pageSize: "100" }))).rows;
    expect(rows.map((r) => r.applicationId).sort()).toEqual([zero.apps[0], zero.apps[1]].sort());
    expect((await ok(resultsOf(deyang, zero.id, { cityId: PLACES.dazhou }))).rows).toEqual([]);
    expect(await statusOf(surveyOf(deyang, zero.apps[2]))).toBe(404);
    expect(await statusOf(enter(deyang, reviewer.apps[2], "A2.1", 1))).toBe(404);
    expect(await auditCount("survey.enter_points", reviewer.apps[2])).toBe(0);
  });

  it("the office filters by city", async () => {
    const rows = (await ok(resultsOf(admin, zero.id, { cityId: PLACES.dazhou }))).rows;
    expect(rows.map((r) => r.applicationId)).toEqual([zero.apps[2]]);
    expect(rows[0]?.city).toBe("达州市");
  });

  it("another tenant's user gets 404 for this tenant's round and applications", async () => {
    expect(await statusOf(resultsOf(hubei, zero.id))).toBe(404);
    expect(await statusOf(surveyOf(hubei, zero.apps[0]))).toBe(404);
    expect(await statusOf(enter(hubei, reviewer.apps[0], "A2.1", 1))).toBe(404);
    const viaHubei = await call(`/api/t/hubei/rounds/${zero.id}/survey/results`, { cookie: hubei });
    expect(viaHubei.status).toBe(404);
  });

  it("unit staff and departments get 403; anonymous 401", async () => {
    for (const cookie of [staff, department]) {
      expect(await statusOf(resultsOf(cookie, zero.id))).toBe(403);
      expect(await statusOf(surveyOf(cookie, zero.apps[0]))).toBe(403);
      expect(await statusOf(enter(cookie, reviewer.apps[0], "A2.1", 1))).toBe(403);
    }
    expect(await statusOf(call(`/api/t/sichuan/rounds/${zero.id}/survey/results`))).toBe(401);
  });

  it("bad input is 400 with field messages, never a 500; pageSize is clamped", async () => {
    const path = `/api/t/sichuan/applications/${reviewer.apps[0]}/survey/entered`;
    const put = (body: unknown) => callJson<{ error: { code: string } }>(path, { method: "PUT", cookie: admin, body });
    for (const body of [
      { itemCode: "A2.1", points: 1, enteredBy: "x" },
      { itemCode: "A2.1", points: -1 },
      { itemCode: "A2.1", points: "3" },
      { itemCode: "A2.1" },
      { itemCode: "", points: 1 },
      { itemCode: "A2.1", points: 1, tenantId: "t-hubei" },
    ]) {
      const res = await put(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const over = await failure(enter(admin, reviewer.apps[0], "A2.1", 10.5), 400);
    expect(Object.keys(over.error.fields ?? {})).toEqual(["points"]);
    const notSurvey = await failure(enter(admin, reviewer.apps[0], "A1.1", 1), 400);
    expect(Object.keys(notSurvey.error.fields ?? {})).toEqual(["itemCode"]);
    expect(await statusOf(resultsOf(admin, zero.id, { page: "0" }))).toBe(400);
    expect(await statusOf(resultsOf(admin, zero.id, { pageSize: "abc" }))).toBe(400);
    expect((await ok(resultsOf(admin, zero.id, { pageSize: "100000" }))).pageSize).toBe(100);
    const paged = await ok(resultsOf(admin, zero.id, { pageSize: "2", page: "2" }));
    expect(paged).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(paged.rows).toHaveLength(1);
  });

  it("each GET is one D1 round trip", async () => {
    expect(roundTripsOf(await resultsOf(deyang, zero.id))).toBe(1);
    expect(roundTripsOf(await surveyOf(deyang, zero.apps[0]))).toBe(1);
  });
});
