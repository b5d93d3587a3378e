import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../worker/data/db.ts";
import { resultRefresh } from "../../worker/data/results.ts";
import { cutOff, poolOf, type RankInput, rankApplications, rankWithin } from "../../worker/domain/scoring/ranking.ts";
import type { TieBreak } from "../../worker/domain/vocabulary.ts";
import { callJson, failure, ok, statusOf, tenantApi } from "./client.ts";
import { PLACES, signInAll } from "./fixtures.ts";
import {
  departmentAccount,
  insertAssignment,
  insertForm,
  putResult,
  roundIn,
  type SettingsInput,
  TENANT,
  TENANT_ID,
  unitApplication,
  userIdOf,
} from "./ranking-fixtures.ts";
import { roundTripsOf } from "./round-trips.ts";

let admin: string;
let deyang: string;
let dazhou: string;
let staff: string;
let hubeiAdmin: string;

type Query = {
  city?: string;
  sector?: string;
  kind?: string;
  pool?: string;
  status?: string;
  page?: string;
  pageSize?: string;
};
const rankingOf = (cookie: string, roundId: string, query: Query = {}) =>
  tenantApi(cookie).rounds[":roundId"].ranking.$get({ param: { tenant: TENANT, roundId }, query });

type Row = Awaited<ReturnType<typeof allRows>>[number];

/** Every row the caller sees, page by page (100 a page, the most a page holds). */
async function allRows(cookie: string, roundId: string, query: Query = {}) {
  const first = await ok(rankingOf(cookie, roundId, { ...query, pageSize: "100" }));
  const rows = [...first.items];
  for (let page = 2; rows.length < first.total; page++)
    rows.push(...(await ok(rankingOf(cookie, roundId, { ...query, page: String(page), pageSize: "100" }))).items);
  return rows;
}

/** A small deterministic generator (mulberry32), so a failure can be replayed from its seed. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T };
}

const CITIES = [PLACES.jingyang, PLACES.deyang, PLACES.dazhou, PLACES.chengdu] as const;
const SECTORS = ["sichuan-sector-culture", "sichuan-sector-education", null] as const;
const TIMES = ["2026-03-01T08:00:00.000Z", "2026-03-02T08:00:00.000Z", null] as const;

beforeAll(async () => {
  ({
    sichuanAdmin: admin,
    deyang,
    dazhou,
    sichuanUnit: staff,
    hubeiAdmin,
  } = await signInAll("sichuanAdmin", "deyang", "dazhou", "sichuanUnit", "hubeiAdmin"));
});

describe("the ranking equals the domain's", () => {
  for (const seed of [7, 2026, 31337]) {
    it(`random results (seed ${seed}): rank, city, sector and pool ranks, order and cut-offs as rankApplications / rankWithin / cutOff`, async () => {
      const rng = random(seed);
      const tieBreak: TieBreak[] = [
        ...new Set([
          rng.pick(["onsite", "material"] as const),
          "first_category",
          "fewer_deductions",
          "earlier_submission",
        ]),
      ] as TieBreak[];
      const settings: SettingsInput = {
        tieBreak,
        sectorChannels: ["sichuan-sector-culture"],
        quotas: {
          perCity: [
            { cityId: PLACES.deyang, quota: 4 },
            { cityId: PLACES.dazhou, quota: 2 },
          ],
          perSector: [{ sectorId: "sichuan-sector-culture", quota: 3 }],
        },
      };
      const round = await roundIn(admin, "city_review", settings);
      const inputs: Array<
        RankInput & {
          cityId: string | null;
          sectorId: string | null;
          channel: "city" | "sector";
          channelSectorId: string | null;
        }
      > = [];
      const cityOf = new Map(
        (
          await env.DB.prepare("select id, city_id from jurisdictions where tenant_id = 't-sichuan'").all<{
            id: string;
            city_id: string | null;
          }>()
        ).results.map((r) => [r.id, r.city_id]),
      );
      for (let i = 0; i < 45; i++) {
        const place = rng.pick(CITIES);
        const sectorId = rng.pick(SECTORS);
        const channel = sectorId === "sichuan-sector-culture" && rng.next() < 0.5 ? "sector" : "city";
        const submittedAt = rng.pick(TIMES);
        const { applicationId } = await unitApplication(round.id, place, {
          sectorId,
          channel,
          channelSectorId: channel === "sector" ? sectorId : null,
          submittedAt,
        });
        const roll = rng.next();
        const aggregate = roll < 0.1 ? null : 60 + Math.floor(rng.next() * 8) / 2;
        const vetoed = roll > 0.9;
        const keys = {
          onsite: rng.pick([10, 10.5, 11.25]),
          material: rng.pick([20, 21.5]),
          survey: 0,
          online: 0,
          firstCategory: rng.pick([5, 6.33]),
          deduction: rng.pick([0, 1, 1.5]),
        };
        await putResult({ applicationId, roundId: round.id, stage: "city", aggregate, vetoed, ...keys });
        inputs.push({
          applicationId,
          aggregate,
          vetoed,
          ...keys,
          submittedAt,
          cityId: cityOf.get(place) ?? null,
          sectorId,
          channel,
          channelSectorId: channel === "sector" ? sectorId : null,
        });
      }
      const rows = await allRows(admin, round.id);
      expect(rows).toHaveLength(inputs.length);
      const byId = new Map(rows.map((r) => [r.applicationId, r]));
      const quotas = { perCity: settings.quotas?.perCity ?? [], perSector: settings.quotas?.perSector ?? [] };
      const input = new Map(inputs.map((r) => [r.applicationId, r]));
      const expected = rankApplications(inputs, tieBreak);
      const cityRank = rankWithin(inputs, tieBreak, (r) => input.get(r.applicationId)?.cityId ?? null);
      const sectorRank = rankWithin(inputs, tieBreak, (r) => input.get(r.applicationId)?.sectorId ?? null);
      const poolKey = (r: RankInput) => {
        const app = input.get(r.applicationId);
        return app ? (poolOf(app, quotas)?.pool ?? null) : null;
      };
      const poolRank = rankWithin(inputs, tieBreak, poolKey);
      for (const e of expected) {
        const row = byId.get(e.applicationId);
        expect(row, e.applicationId).toBeDefined();
        expect(
          {
            rank: row?.rank,
            cityRank: row?.cityRank,
            sectorRank: row?.sectorRank,
            poolRank: row?.poolRank,
            pool: row?.pool,
            vetoed: row?.vetoed,
          },
          e.applicationId,
        ).toEqual({
          rank: e.rank,
          cityRank: cityRank.get(e.applicationId),
          sectorRank: sectorRank.get(e.applicationId),
          poolRank: poolRank.get(e.applicationId),
          pool: poolKey(e),
          vetoed: e.vetoed,
        });
      }
      // The listing: ranked rows in rank order, then unscored, then vetoed.
      const bucket = (r: Row) => (r.vetoed ? 2 : r.rank === null ? 1 : 0);
      expect(rows.map(bucket)).toEqual([...rows.map(bucket)].sort());
      const ranks = rows.filter((r) => r.rank !== null).map((r) => r.rank as number);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      // Cut-offs per pool, as the domain computes them from the pool's ranked rows.
      const page = await ok(rankingOf(admin, round.id, { pageSize: "1" }));
      for (const pool of [
        ...quotas.perCity.map((q) => ({ pool: `city:${q.cityId}`, quota: q.quota })),
        ...quotas.perSector.map((q) => ({ pool: `sector:${q.sectorId}`, quota: q.quota })),
      ]) {
        const inPool = expected
          .filter((e) => poolKey(e) === pool.pool)
          .map((e) => ({ aggregate: e.aggregate, rank: poolRank.get(e.applicationId) ?? null }));
        expect(
          page.cutOffs.find((c) => c.pool === pool.pool),
          pool.pool,
        ).toMatchObject({ quota: pool.quota, cutOff: cutOff(inPool, pool.quota) });
      }
      expect(page).toMatchObject({ total: inputs.length, page: 1, pageSize: 1, mode: "trimmed", stage: "city" });
    });
  }
});

describe("reading the ranking", () => {
  it("a tie on the aggregate is broken by the round's tie-breaks, compared after rounding; equal keys share a rank", async () => {
    const round = await roundIn(admin, "city_review", { tieBreak: ["onsite", "fewer_deductions"] });
    const app = async (aggregate: number, onsite: number, deduction: number) => {
      const { applicationId } = await unitApplication(round.id, PLACES.jingyang);
      await putResult({ applicationId, roundId: round.id, stage: "city", aggregate, onsite, deduction });
      return applicationId;
    };
    const top = await app(90, 10, 0);
    const tiedA = await app(85.5, 12, 1);
    const tiedB = await app(85.5, 12, 1);
    // 11.999 rounds to 12.00: equal on-site points, then fewer deductions wins.
    const broken = await app(85.5, 11.999, 0);
    const last = await app(85.5, 11, 0);
    const rows = await allRows(admin, round.id);
    const rankOf = (id: string) => rows.find((r) => r.applicationId === id)?.rank;
    expect([top, tiedA, tiedB, broken, last].map(rankOf)).toEqual([1, 3, 3, 2, 5]);
  });

  it("rows carry the panel's totals, the survey's extra points, the aggregate as the kept result computes it, and the gates", async () => {
    const round = await roundIn(admin, "city_review", {
      eligibility: { minScoreForOnsite: 80, minScoreToName: 85 },
      review: { aggregation: "trimmed" },
    });
    const { applicationId, unitId } = await unitApplication(round.id, PLACES.jingyang, { name: "汇总测试单位" });
    const reviewers = await Promise.all(
      ["deyang@sichuan.demo", "deyang2@sichuan.demo", "reviewer1@sichuan.demo"]
        .map(userIdOf)
        .map((p) => p.catch(() => "")),
    );
    const ids = reviewers.filter(Boolean);
    const totals = [70, 84.5, 90].slice(0, ids.length);
    for (const [i, reviewerId] of ids.entries())
      await insertForm({ roundId: round.id, applicationId, stage: "city", reviewerId, total: totals[i] as number });
    await env.DB.prepare(
      `insert into source_points (application_id, item_code, tenant_id, round_id, source, answers, rate, below_minimum,
        points, updated_at) values (?, 'S1', 't-sichuan', ?, 'survey', 40, 0.75, 0, 1.5, '')`,
    )
      .bind(applicationId, round.id)
      .run();
    const db = createDb(env.DB);
    await db.batch([resultRefresh(db, { tenantId: TENANT_ID, roundId: round.id, applicationId }, "city", "trimmed")]);
    const [row] = await allRows(admin, round.id);
    const middle = ids.length >= 3 ? 84.5 : totals.reduce((s, t) => s + t, 0) / totals.length;
    expect(row).toMatchObject({
      applicationId,
      unitId,
      unitName: "汇总测试单位",
      city: "德阳市",
      sector: "文化旅游",
      status: "submitted",
      reviewerTotals: totals,
      extraPoints: 1.5,
      aggregate: Math.round((middle + 1.5) * 100) / 100,
      rank: 1,
      blind: false,
      vetoed: false,
      gates: { onsite: true, naming: true },
    });
    const low = await unitApplication(round.id, PLACES.jingyang);
    await putResult({ applicationId: low.applicationId, roundId: round.id, stage: "city", aggregate: 82 });
    const unscored = await unitApplication(round.id, PLACES.jingyang);
    const rows = await allRows(admin, round.id);
    expect(rows.find((r) => r.applicationId === low.applicationId)?.gates).toEqual({ onsite: true, naming: false });
    expect(rows.find((r) => r.applicationId === unscored.applicationId)).toMatchObject({
      aggregate: null,
      rank: null,
      reviewerTotals: [],
      gates: { onsite: null, naming: null },
    });
  });

  it("vetoed applications come after the others without a rank, saying why (the veto rule, or the department and its reason)", async () => {
    const round = await roundIn(admin, "city_review", { review: { signoffDepartments: ["纪检监察"] } });
    const reviewer = await userIdOf("deyang@sichuan.demo");
    const ranked = await unitApplication(round.id, PLACES.jingyang);
    await putResult({ applicationId: ranked.applicationId, roundId: round.id, stage: "city", aggregate: 70 });
    const byForm = await unitApplication(round.id, PLACES.jingyang);
    await insertForm({
      roundId: round.id,
      applicationId: byForm.applicationId,
      stage: "city",
      reviewerId: reviewer,
      total: 95,
      vetoFindings: [{ ruleId: "V1", reason: "班子成员受到党纪处分" }],
    });
    await putResult({
      applicationId: byForm.applicationId,
      roundId: round.id,
      stage: "city",
      aggregate: 95,
      vetoed: true,
    });
    const byDepartment = await unitApplication(round.id, PLACES.jingyang);
    const department = await departmentAccount(admin, "纪检监察");
    await ok(
      tenantApi(department).applications[":id"].signoff.$put({
        param: { tenant: TENANT, id: byDepartment.applicationId },
        json: { verdict: "veto", reason: "领导班子成员严重违纪" },
      }),
    );
    const rows = await allRows(admin, round.id);
    expect(rows.map((r) => r.applicationId)).toEqual([
      ranked.applicationId,
      byForm.applicationId,
      byDepartment.applicationId,
    ]);
    const rule = (
      await env.DB.prepare(
        "select json_extract(content, '$.vetoRules[0].text') t from criteria_systems where id = 'sichuan-criteria-2026'",
      ).first<{ t: string }>()
    )?.t;
    expect(rows[1]).toMatchObject({ rank: null, cityRank: null, vetoed: true, vetoReason: rule, aggregate: 95 });
    expect(rows[2]).toMatchObject({ rank: null, vetoed: true, vetoReason: "纪检监察：领导班子成员严重违纪" });
  });

  it("blind first pass: a reviewer with an unsubmitted form sees no score, rank or totals for that application until they submit", async () => {
    const round = await roundIn(admin, "city_review");
    const me = await userIdOf("deyang@sichuan.demo");
    const other = await userIdOf("province@sichuan.demo");
    const mine = await unitApplication(round.id, PLACES.jingyang);
    const open = await unitApplication(round.id, PLACES.jingyang);
    await putResult({
      applicationId: mine.applicationId,
      roundId: round.id,
      stage: "city",
      aggregate: 99,
      totals: [99],
    });
    await putResult({
      applicationId: open.applicationId,
      roundId: round.id,
      stage: "city",
      aggregate: 60,
      totals: [60],
    });
    await insertAssignment({ roundId: round.id, applicationId: mine.applicationId, stage: "city", reviewerId: me });
    await insertForm({
      roundId: round.id,
      applicationId: mine.applicationId,
      stage: "city",
      reviewerId: other,
      total: 99,
    });
    await insertForm({
      roundId: round.id,
      applicationId: mine.applicationId,
      stage: "city",
      reviewerId: me,
      status: "draft",
    });
    const blindRows = await allRows(deyang, round.id);
    expect(blindRows.map((r) => r.applicationId)).toEqual([open.applicationId, mine.applicationId]);
    expect(blindRows[1]).toMatchObject({
      blind: true,
      aggregate: null,
      rank: null,
      cityRank: null,
      sectorRank: null,
      poolRank: null,
      reviewerTotals: [],
      gates: { onsite: null, naming: null },
    });
    // The open application's rank is over the whole round: the blind one still ranks first.
    expect(blindRows[0]).toMatchObject({ blind: false, rank: 2 });
    // The admin is not on the panel: nothing is hidden.
    expect((await allRows(admin, round.id))[0]).toMatchObject({
      applicationId: mine.applicationId,
      rank: 1,
      blind: false,
    });
    await env.DB.prepare(
      "update score_forms set status = 'submitted' where application_id = ? and reviewer_user_id = ?",
    )
      .bind(mine.applicationId, me)
      .run();
    expect((await allRows(deyang, round.id))[0]).toMatchObject({
      applicationId: mine.applicationId,
      rank: 1,
      aggregate: 99,
      blind: false,
    });
  });

  it("a city reviewer sees only their city's rows, with ranks over the whole round; filters narrow without re-ranking", async () => {
    const round = await roundIn(admin, "city_review", {
      quotas: {
        perCity: [
          { cityId: PLACES.deyang, quota: 1 },
          { cityId: PLACES.dazhou, quota: 1 },
        ],
        perSector: [],
      },
    });
    const d1 = await unitApplication(round.id, PLACES.jingyang, { sectorId: "sichuan-sector-education" });
    const z1 = await unitApplication(round.id, PLACES.dazhou);
    const d2 = await unitApplication(round.id, PLACES.deyang, { status: "city_not_recommended" });
    await putResult({ applicationId: z1.applicationId, roundId: round.id, stage: "city", aggregate: 90 });
    await putResult({ applicationId: d1.applicationId, roundId: round.id, stage: "city", aggregate: 80 });
    await putResult({ applicationId: d2.applicationId, roundId: round.id, stage: "city", aggregate: 70 });
    const mine = await ok(rankingOf(deyang, round.id));
    expect(mine.items.map((r) => [r.applicationId, r.rank, r.cityRank])).toEqual([
      [d1.applicationId, 2, 1],
      [d2.applicationId, 3, 2],
    ]);
    expect(mine.cutOffs).toEqual([{ pool: `city:${PLACES.deyang}`, name: "德阳市", quota: 1, cutOff: 80 }]);
    const theirs = await ok(rankingOf(dazhou, round.id));
    expect(theirs.items.map((r) => r.applicationId)).toEqual([z1.applicationId]);
    expect((await ok(rankingOf(admin, round.id))).cutOffs.map((c) => c.pool)).toEqual([
      `city:${PLACES.deyang}`,
      `city:${PLACES.dazhou}`,
    ]);
    const filtered = async (query: Query) =>
      (await allRows(admin, round.id, query)).map((r) => [r.applicationId, r.rank]);
    expect(await filtered({ city: PLACES.dazhou })).toEqual([[z1.applicationId, 1]]);
    expect(await filtered({ sector: "sichuan-sector-education" })).toEqual([[d1.applicationId, 2]]);
    expect(await filtered({ kind: "sichuan-kind-institution" })).toHaveLength(3);
    expect(await filtered({ pool: `city:${PLACES.deyang}` })).toEqual([
      [d1.applicationId, 2],
      [d2.applicationId, 3],
    ]);
    expect(await filtered({ status: "city_not_recommended" })).toEqual([[d2.applicationId, 3]]);
  });

  it("from provincial review on, the province's results rank the recommended applications", async () => {
    let a = "";
    let b = "";
    let out = "";
    const round = await roundIn(admin, "province_review", {}, async (roundId) => {
      a = (await unitApplication(roundId, PLACES.jingyang, { status: "city_recommended" })).applicationId;
      b = (await unitApplication(roundId, PLACES.dazhou, { status: "city_recommended" })).applicationId;
      out = (await unitApplication(roundId, PLACES.dazhou, { status: "city_not_recommended" })).applicationId;
    });
    await putResult({ applicationId: a, roundId: round.id, stage: "city", aggregate: 99 });
    await putResult({ applicationId: b, roundId: round.id, stage: "city", aggregate: 50 });
    await putResult({ applicationId: a, roundId: round.id, stage: "province", aggregate: 70 });
    await putResult({ applicationId: b, roundId: round.id, stage: "province", aggregate: 80 });
    await putResult({ applicationId: out, roundId: round.id, stage: "province", aggregate: 95 });
    const page = await ok(rankingOf(admin, round.id));
    expect(page.stage).toBe("province");
    expect(page.items.map((r) => [r.applicationId, r.aggregate, r.rank])).toEqual([
      [b, 80, 1],
      [a, 70, 2],
    ]);
  });

  it("one round trip; pageSize clamped; a page past the end still knows the total", async () => {
    const round = await roundIn(admin, "city_review");
    for (let i = 0; i < 3; i++) await unitApplication(round.id, PLACES.jingyang);
    await ok(rankingOf(deyang, round.id));
    const res = await rankingOf(deyang, round.id);
    expect(roundTripsOf(res)).toBe(1);
    expect(await ok(rankingOf(admin, round.id, { pageSize: "5000" }))).toMatchObject({ pageSize: 100, total: 3 });
    expect(await ok(rankingOf(admin, round.id, { page: "3", pageSize: "2" }))).toMatchObject({ items: [], total: 3 });
  });

  it("who may read: unit staff and departments 403, another tenant 404, anonymous 401; bad queries 400", async () => {
    const round = await roundIn(admin, "city_review");
    expect(await statusOf(rankingOf(staff, round.id))).toBe(403);
    expect(await statusOf(rankingOf(await departmentAccount(admin, "综治"), round.id))).toBe(403);
    expect(await statusOf(rankingOf(hubeiAdmin, round.id))).toBe(404);
    expect(
      await statusOf(
        tenantApi(hubeiAdmin).rounds[":roundId"].ranking.$get({
          param: { tenant: "hubei", roundId: round.id },
          query: {},
        }),
      ),
    ).toBe(404);
    expect(await statusOf(rankingOf("", round.id))).toBe(401);
    expect(await statusOf(rankingOf(admin, "no-such-round"))).toBe(404);
    expect((await failure(rankingOf(admin, round.id, { page: "0" }), 400)).error.code).toBe("validation_failed");
    // Plain request: an unknown query field breaks the route's types on purpose.
    const unknown = await callJson(`/api/t/${TENANT}/rounds/${round.id}/ranking?tenantId=t-hubei`, { cookie: admin });
    expect(unknown.status).toBe(400);
  });
});
