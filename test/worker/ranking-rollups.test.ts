import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../worker/data/db.ts";
import { resultRefresh } from "../../worker/data/results.ts";
import { calibrate, round2 } from "../../worker/domain/scoring/aggregate.ts";
import { reviewerConsistency } from "../../worker/domain/scoring/consistency.ts";
import { formTotals } from "../../worker/domain/scoring/form-totals.ts";
import type { AggregationMode } from "../../worker/domain/vocabulary.ts";
import type { CriteriaDocument } from "../../worker/schemas/criteria.ts";
import { callJson, failure, ok, statusOf, tenantApi } from "./client.ts";
import { PLACES, signInAll } from "./fixtures.ts";
import {
  DEMO_CRITERIA,
  insertAssignment,
  insertForm,
  putResult,
  roundIn,
  TENANT,
  TENANT_ID,
  unitApplication,
  userIdOf,
} from "./ranking-fixtures.ts";
import { roundTripsOf } from "./round-trips.ts";

let admin: string;
let province: string;
let deyang: string;
let staff: string;
let hubeiAdmin: string;
let doc: CriteriaDocument;

const param = (roundId: string) => ({ param: { tenant: TENANT, roundId } });
const rollups = (cookie: string, roundId: string) => tenantApi(cookie).rounds[":roundId"].rollups.$get(param(roundId));
const reviewers = (cookie: string, roundId: string) =>
  tenantApi(cookie).rounds[":roundId"].reviewers.$get(param(roundId));
const refit = (cookie: string, roundId: string, json: { reason?: string } = {}) =>
  tenantApi(cookie).rounds[":roundId"].calibrate.$post({ ...param(roundId), json });
const resultsCheck = (cookie: string, roundId: string) =>
  tenantApi(cookie).rounds[":roundId"].results.check.$get(param(roundId));

/**
 * A submitted form whose every base item earns `share` of its maximum (points items in steps of 0.5), with its
 * totals as the domain computes them, so the consistency check can recompute it from its score rows.
 */
async function scoredForm(
  roundId: string,
  applicationId: string,
  reviewerId: string,
  share: number,
  stage: "city" | "province" = "city",
) {
  const scores = doc.categories
    .flatMap((c) => c.items)
    .map((item) =>
      item.mode === "graded"
        ? { itemCode: item.code, points: null, grade: (share > 0.8 ? item.grades[0] : item.grades[1])?.grade ?? null }
        : { itemCode: item.code, points: Math.round(item.maxPoints * share * 2) / 2, grade: null },
    );
  const totals = formTotals(doc, scores);
  await insertForm({
    roundId,
    applicationId,
    stage,
    reviewerId,
    total: totals.total,
    deduction: totals.deduction,
    subtotals: { methods: totals.methods, categories: totals.categories },
    scores,
  });
  return totals.total;
}

async function refresh(
  roundId: string,
  applicationId: string,
  mode: AggregationMode,
  stage: "city" | "province" = "city",
) {
  const db = createDb(env.DB);
  await db.batch([resultRefresh(db, { tenantId: TENANT_ID, roundId, applicationId }, stage, mode)]);
}

beforeAll(async () => {
  ({
    sichuanAdmin: admin,
    sichuanProvince: province,
    deyang,
    sichuanUnit: staff,
    hubeiAdmin,
  } = await signInAll("sichuanAdmin", "sichuanProvince", "deyang", "sichuanUnit", "hubeiAdmin"));
  const row = await env.DB.prepare("select content from criteria_systems where id = ?")
    .bind(DEMO_CRITERIA)
    .first<{ content: string }>();
  doc = JSON.parse(row?.content ?? "{}") as CriteriaDocument;
});

describe("rollups", () => {
  it("per city for the office, per county for a city reviewer, and per sector: counts, mean, median, histogram, progress", async () => {
    const round = await roundIn(admin, "city_review");
    const r1 = await userIdOf("deyang@sichuan.demo");
    const r2 = await userIdOf("province@sichuan.demo");
    const j1 = await unitApplication(round.id, PLACES.jingyang, { sectorId: "sichuan-sector-education" });
    const j2 = await unitApplication(round.id, PLACES.jingyang, { status: "city_recommended" });
    const j3 = await unitApplication(round.id, PLACES.jingyang);
    const d1 = await unitApplication(round.id, PLACES.deyang);
    const z1 = await unitApplication(round.id, PLACES.dazhou);
    await putResult({ applicationId: j1.applicationId, roundId: round.id, stage: "city", aggregate: 71 });
    await putResult({ applicationId: j2.applicationId, roundId: round.id, stage: "city", aggregate: 85 });
    await putResult({ applicationId: j3.applicationId, roundId: round.id, stage: "city", aggregate: 99, vetoed: true });
    await putResult({ applicationId: d1.applicationId, roundId: round.id, stage: "city", aggregate: 78 });
    await putResult({ applicationId: z1.applicationId, roundId: round.id, stage: "city", aggregate: 60 });
    await insertAssignment({ roundId: round.id, applicationId: j1.applicationId, stage: "city", reviewerId: r1 });
    await insertAssignment({ roundId: round.id, applicationId: j1.applicationId, stage: "city", reviewerId: r2 });
    await insertAssignment({
      roundId: round.id,
      applicationId: j2.applicationId,
      stage: "city",
      reviewerId: r2,
      status: "removed",
    });
    await scoredForm(round.id, j1.applicationId, r1, 0.7);
    await rollups(admin, round.id);
    const res = await rollups(admin, round.id);
    expect(roundTripsOf(res)).toBe(1);
    const office = await ok(Promise.resolve(res));
    expect(office).toMatchObject({ stage: "city", placeLevel: "city", binWidth: 10 });
    const deyangCity = office.places.find((p) => p.id === PLACES.deyang);
    expect(deyangCity).toEqual({
      id: PLACES.deyang,
      name: "德阳市",
      applications: 4,
      recommended: 1,
      vetoed: 1,
      scored: 3,
      mean: round2((71 + 85 + 78) / 3),
      median: 78,
      histogram: [
        { from: 70, count: 2 },
        { from: 80, count: 1 },
      ],
      progress: { assigned: 2, scored: 1, remaining: 1 },
    });
    expect(office.places.find((p) => p.id === PLACES.dazhou)).toMatchObject({ applications: 1, median: 60 });
    expect(office.total).toMatchObject({ applications: 5, scored: 4, median: round2((71 + 78) / 2), vetoed: 1 });
    expect(office.sectors.find((s) => s.id === "sichuan-sector-education")).toMatchObject({
      name: "教育",
      applications: 1,
      mean: 71,
    });
    // The items where units lose most, from the one submitted form's scores (max − points, grades at their share).
    const expectedLoss = doc.categories
      .flatMap((c) => c.items)
      .map((item) => {
        const earned =
          item.mode === "graded"
            ? item.maxPoints * (item.grades[1]?.share ?? 0)
            : Math.round(item.maxPoints * 0.7 * 2) / 2;
        return {
          itemCode: item.code,
          title: item.title,
          maxPoints: item.maxPoints,
          meanLoss: round2(item.maxPoints - earned),
        };
      })
      .sort((a, b) => b.meanLoss - a.meanLoss || (a.itemCode < b.itemCode ? -1 : 1))
      .slice(0, 10);
    expect(office.lossItems).toEqual(expectedLoss);

    const city = await ok(rollups(deyang, round.id));
    expect(city.placeLevel).toBe("county");
    expect(city.places.map((p) => [p.name, p.applications]).sort()).toEqual([
      ["德阳市", 1],
      ["旌阳区", 3],
    ]);
    expect(city.total.applications).toBe(4);
  });

  it("who may read: unit staff 403, another tenant 404, anonymous 401", async () => {
    const round = await roundIn(admin, "applications_open");
    expect(await statusOf(rollups(staff, round.id))).toBe(403);
    expect(await statusOf(rollups(hubeiAdmin, round.id))).toBe(404);
    expect(await statusOf(rollups("", round.id))).toBe(401);
  });
});

describe("reviewer consistency and calibration", () => {
  async function calibratedRound() {
    const round = await roundIn(admin, "city_review", {
      review: { aggregation: "calibrated", outlierThreshold: 5 },
    });
    const ids = await Promise.all(
      ["reviewer1@sichuan.demo", "reviewer2@sichuan.demo", "province@sichuan.demo"].map(userIdOf),
    );
    const apps: string[] = [];
    const observations = [];
    for (let i = 0; i < 4; i++) {
      const { applicationId } = await unitApplication(round.id, PLACES.jingyang);
      apps.push(applicationId);
      for (const [k, reviewerId] of ids.entries()) {
        // reviewer2 harsh, the third lenient.
        const total = await scoredForm(round.id, applicationId, reviewerId, ([0.8, 0.6, 0.9][k] as number) - i * 0.05);
        observations.push({ reviewerId, applicationId, total });
      }
      await refresh(round.id, applicationId, "calibrated");
    }
    return { round, ids, apps, observations };
  }

  it("each reviewer's mean, deviation from their panels, spread and outliers as the domain computes them; offsets once fitted", async () => {
    const { round, observations, ids } = await calibratedRound();
    const before = await ok(reviewers(admin, round.id));
    const expected = reviewerConsistency(observations, 5);
    expect(before).toMatchObject({ stage: "city", mode: "calibrated", threshold: 5, calibratedAt: null });
    expect(
      before.items.map(({ reviewer, offset, flagged, ...rest }) => ({ reviewerId: reviewer.id, ...rest })),
    ).toEqual(expected);
    expect(before.items.every((r) => r.offset === null && r.reviewer.name !== "")).toBe(true);
    expect(before.items.find((r) => r.reviewer.id === ids[1])?.meanDeviation).toBeLessThan(0);

    await ok(refit(admin, round.id, { reason: "全部评分提交后校准" }));
    const after = await ok(reviewers(province, round.id));
    const fitted = calibrate(observations);
    for (const item of after.items)
      expect(item.offset, item.reviewer.name).toBe(round2(fitted.offsets.get(item.reviewer.id)?.offset ?? Number.NaN));
    expect(after.calibratedAt).toMatch(/Z$/);
  });

  it("refitting writes the offsets and the calibrated aggregates; the ranking shows when; the consistency check agrees", async () => {
    const { round, apps, observations } = await calibratedRound();
    expect(await ok(resultsCheck(admin, round.id))).toMatchObject({
      agree: true,
      checked: 4,
      forms: 12,
      mismatches: [],
    });
    await ok(tenantApi(admin).rounds.$get({ param: { tenant: TENANT } }));
    const res = await refit(admin, round.id);
    expect(roundTripsOf(res)).toBe(2);
    const body = await ok(Promise.resolve(res));
    expect(body).toMatchObject({
      stage: "city",
      reviewers: 3,
      applications: 4,
      calibratedAt: expect.stringMatching(/Z$/),
    });
    const fitted = calibrate(observations);
    const ranking = await ok(
      tenantApi(admin).rounds[":roundId"].ranking.$get({ ...param(round.id), query: { pageSize: "10" } }),
    );
    expect(ranking).toMatchObject({ mode: "calibrated", calibratedAt: body.calibratedAt });
    for (const id of apps)
      expect(ranking.items.find((r) => r.applicationId === id)?.aggregate).toBe(round2(fitted.aggregates.get(id) ?? 0));
    expect(await ok(resultsCheck(admin, round.id))).toMatchObject({ agree: true, mismatches: [] });
    const events = await env.DB.prepare(
      "select count(*) n from audit_events where action = 'round.calibrate' and target_id = ?",
    )
      .bind(round.id)
      .first<{ n: number }>();
    expect(events?.n).toBe(1);
    // A kept result tampered with: the check finds it.
    await env.DB.prepare(
      "update application_results set aggregate = aggregate + 1 where application_id = ? and stage = 'city'",
    )
      .bind(apps[0] as string)
      .run();
    const broken = await ok(resultsCheck(admin, round.id));
    expect(broken.agree).toBe(false);
    expect(broken.mismatches).toEqual([
      expect.objectContaining({ applicationId: apps[0], stage: "city", field: "aggregate" }),
    ]);
  });

  it("refits are the owner's, in a calibrated round, while a stage is scored; bad bodies 400", async () => {
    const plain = await roundIn(admin, "city_review");
    expect((await failure(refit(admin, plain.id), 409)).error.code).toBe("not_calibrated");
    const early = await roundIn(admin, "applications_open", { review: { aggregation: "calibrated" } });
    expect((await failure(refit(admin, early.id), 409)).error.code).toBe("round_applications_open");
    const round = await roundIn(admin, "city_review", { review: { aggregation: "calibrated" } });
    expect(await statusOf(refit(province, round.id))).toBe(403);
    expect(await statusOf(refit(hubeiAdmin, round.id))).toBe(404);
    expect(await statusOf(refit("", round.id))).toBe(401);
    // Plain request: an unknown field breaks the body's types on purpose.
    const extra = await callJson(`/api/t/${TENANT}/rounds/${round.id}/calibrate`, {
      body: { stage: "province" },
      cookie: admin,
    });
    expect(extra.status).toBe(400);
    const events = await env.DB.prepare(
      "select count(*) n from audit_events where action = 'round.calibrate' and target_id in (?, ?, ?)",
    )
      .bind(plain.id, early.id, round.id)
      .first<{ n: number }>();
    expect(events?.n).toBe(0);
  });

  it("reviewer statistics: the office and provincial reviewers; a city reviewer and unit staff 403; the check is the office's", async () => {
    const round = await roundIn(admin, "city_review");
    expect(await statusOf(reviewers(admin, round.id))).toBe(200);
    expect(await statusOf(reviewers(province, round.id))).toBe(200);
    expect(await statusOf(reviewers(deyang, round.id))).toBe(403);
    expect(await statusOf(reviewers(staff, round.id))).toBe(403);
    expect(await statusOf(reviewers(hubeiAdmin, round.id))).toBe(404);
    expect(await statusOf(reviewers("", round.id))).toBe(401);
    expect(await statusOf(resultsCheck(province, round.id))).toBe(403);
    expect(await statusOf(resultsCheck(hubeiAdmin, round.id))).toBe(404);
    await ok(resultsCheck(admin, round.id));
    expect(roundTripsOf(await resultsCheck(admin, round.id))).toBe(1);
    await ok(reviewers(admin, round.id));
    expect(roundTripsOf(await reviewers(admin, round.id))).toBe(1);
  });
});
