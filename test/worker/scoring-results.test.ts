import { env } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../worker/data/db.ts";
import { resultRefresh, resultsCheck } from "../../worker/data/results.ts";
import { aggregateTotals, type PlainMode, round2 } from "../../worker/domain/scoring/aggregate.ts";
import { ok, tenantApi } from "./client.ts";
import { PATHS, signInAll } from "./fixtures.ts";
import {
  createSystem,
  fullItems,
  type ItemInput,
  insertApplication,
  newReviewer,
  scoringRound,
  seat,
  storedResult,
  TENANT,
  TENANT_ID,
  type TestReviewer,
  uid,
  unitsUnder,
} from "./scoring-fixtures.ts";

let admin: string;
let systemId: string;
let units: string[];
let nextUnit = 0;
const db = createDb(env.DB);

beforeAll(async () => {
  ({ sichuanAdmin: admin } = await signInAll("sichuanAdmin"));
  systemId = await createSystem(admin);
  units = await unitsUnder(PATHS.deyang, 60);
});

/** A submitted (or draft) form with these totals, written straight into D1: the SQL under test reads only forms. */
async function insertForm(
  roundId: string,
  applicationId: string,
  reviewerId: string,
  total: number,
  options: { status?: string; onsite?: number; vetoed?: boolean; stage?: string } = {},
) {
  const subtotals = JSON.stringify({ methods: { onsite: options.onsite ?? total / 2 }, categories: { A1: total / 4 } });
  const vetoFindings = JSON.stringify(options.vetoed ? [{ ruleId: "V1", reason: "事故" }] : []);
  await env.DB.prepare(
    `insert into score_forms (id, tenant_id, round_id, application_id, stage, reviewer_user_id, status, version,
       base, bonus, deduction, total, subtotals, veto_findings, submitted_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, 1, ?, 0, 1, ?, ?, ?, ?, ?)`,
  )
    .bind(
      uid("form"),
      TENANT_ID,
      roundId,
      applicationId,
      options.stage ?? "city",
      reviewerId,
      options.status ?? "submitted",
      total,
      total,
      subtotals,
      vetoFindings,
      new Date().toISOString(),
      new Date().toISOString(),
    )
    .run();
}

const refresh = async (roundId: string, applicationId: string, mode: "mean" | "median" | "trimmed" | "calibrated") => {
  await db.batch([resultRefresh(db, { tenantId: TENANT_ID, roundId, applicationId }, "city", mode, "A1")]);
  return storedResult(applicationId, "city");
};

describe("the result kept in SQL equals the domain's aggregate", () => {
  let roundId: string;
  let reviewers: TestReviewer[];

  beforeAll(async () => {
    roundId = await scoringRound(admin, systemId, "city_review");
    reviewers = [];
    for (let i = 0; i < 6; i++) reviewers.push(await newReviewer());
  });

  const panels: number[][] = [
    [],
    [80],
    [80, 90.5],
    [70.25, 88, 91.5],
    [60, 75.33, 75.33, 99.99],
    [80.01, 80.02, 80.03, 80.04, 80.05],
    [55.5, 92.25, 61.75, 88.88, 73.12, 80],
    [1.005, 2.675, 0.125],
  ];

  for (const mode of ["mean", "median", "trimmed"] as const satisfies readonly PlainMode[]) {
    it(`${mode}: for panels of 0 to 6 totals, aggregate = round2(aggregateTotals) and the totals ascending`, async () => {
      for (const totals of panels) {
        const applicationId = await insertApplication(roundId, units[nextUnit++] ?? "");
        for (const [i, total] of totals.entries())
          await insertForm(roundId, applicationId, reviewers[i]?.id ?? "", total);
        // A draft never counts.
        await insertForm(roundId, applicationId, reviewers[5]?.id ?? "", 1, { status: "draft", stage: "province" });
        const result = await refresh(roundId, applicationId, mode);
        const expected = aggregateTotals(mode, totals);
        expect(result?.aggregate, JSON.stringify(totals)).toBe(expected === null ? null : round2(expected));
        expect(result?.reviewers).toBe(totals.length);
        expect(result?.reviewerTotals).toEqual([...totals].sort((a, b) => a - b));
      }
    });
  }

  it("calibrated: the mean of each total less its reviewer's stored offset at the stage (0 without one)", async () => {
    const offsets = [2.5, -3.25, 0.4];
    for (const [i, offset] of offsets.entries()) {
      await env.DB.prepare(
        `insert into reviewer_offsets (tenant_id, round_id, stage, reviewer_user_id, "offset", applications, flagged, fitted_at)
         values (?, ?, 'city', ?, ?, 3, 0, ?)`,
      )
        .bind(TENANT_ID, roundId, reviewers[i]?.id ?? "", offset, new Date().toISOString())
        .run();
    }
    const totals = [81, 77.5, 90, 68];
    const applicationId = await insertApplication(roundId, units[nextUnit++] ?? "");
    for (const [i, total] of totals.entries()) await insertForm(roundId, applicationId, reviewers[i]?.id ?? "", total);
    const result = await refresh(roundId, applicationId, "calibrated");
    const adjusted = totals.map((t, i) => t - (offsets[i] ?? 0));
    expect(result?.aggregate).toBe(round2(adjusted.reduce((a, b) => a + b, 0) / adjusted.length));
  });

  it("points from the survey and peers are summed and added before rounding; tie-break means and vetoes come from the submitted forms", async () => {
    const applicationId = await insertApplication(roundId, units[nextUnit++] ?? "");
    await insertForm(roundId, applicationId, reviewers[0]?.id ?? "", 80, { onsite: 30 });
    await insertForm(roundId, applicationId, reviewers[1]?.id ?? "", 90, { onsite: 35 });
    await refresh(roundId, applicationId, "mean");
    await env.DB.prepare(
      `insert into source_points (application_id, item_code, tenant_id, round_id, source, answers, rate, below_minimum,
        points, updated_at) values (?1, 'S1', ?2, ?3, 'survey', 40, 0.5, 0, 1, ''), (?1, 'M1', ?2, ?3, 'mutual', 5, 0.255, 0, 0.255, '')`,
    )
      .bind(applicationId, TENANT_ID, roundId)
      .run();
    const withExtra = await refresh(roundId, applicationId, "mean");
    expect(withExtra).toMatchObject({ aggregate: round2(85 + 1.255), onsite: 32.5, vetoed: 0 });
    await insertForm(roundId, applicationId, reviewers[2]?.id ?? "", 70, { vetoed: true });
    expect(await refresh(roundId, applicationId, "mean")).toMatchObject({ vetoed: 1, reviewers: 3 });
  });
});

describe("results maintained on write equal a recompute from raw scores", () => {
  const save = (
    r: TestReviewer,
    applicationId: string,
    json: { version: number; items: ItemInput[]; submit: boolean },
  ) =>
    tenantApi(r.cookie).applications[":id"].form.$put({
      param: { tenant: TENANT, id: applicationId },
      json: { stage: "city", vetoFindings: [], ...json },
    });

  const item = fc.record({
    a11: fc.integer({ min: 0, max: 8 }).map((n) => n / 2),
    a12: fc.constantFrom("A", "B", "C"),
    a21: fc.integer({ min: 0, max: 20 }).map((n) => n / 2),
    a22: fc.integer({ min: 0, max: 10 }).map((n) => n / 2),
    b1: fc.option(
      fc.integer({ min: 0, max: 6 }).map((n) => n / 2),
      { nil: undefined },
    ),
    c1: fc.option(
      fc.integer({ min: 0, max: 10 }).map((n) => n / 2),
      { nil: undefined },
    ),
    partial: fc.boolean(),
  });
  const write = fc.record({ reviewer: fc.nat(3), application: fc.nat(1), submit: fc.boolean(), scores: item });

  it("property: after random saves and submits by random panel members, every kept result equals the recompute", async () => {
    const modes = ["mean", "median", "trimmed", "calibrated"] as const;
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 8 }), async (writes) => {
        const mode = modes[run++ % modes.length] ?? "mean";
        const roundId = await scoringRound(admin, systemId, "city_review", { review: { aggregation: mode } });
        const reviewers = [await newReviewer(), await newReviewer(), await newReviewer(), await newReviewer()];
        const apps = [
          await insertApplication(roundId, units[nextUnit++ % units.length] ?? ""),
          await insertApplication(roundId, units[nextUnit++ % units.length] ?? ""),
        ];
        for (const app of apps) for (const r of reviewers) await seat(roundId, app, "city", r.id);
        const versions = new Map<string, number>();
        for (const w of writes) {
          const r = reviewers[w.reviewer] as TestReviewer;
          const app = apps[w.application] as string;
          const s = w.scores;
          const items: ItemInput[] = [
            ...fullItems(s.a11, s.a12, s.a21, s.a22).slice(s.partial ? 1 : 0),
            ...(s.b1 === undefined ? [] : [{ itemCode: "B1", points: s.b1 }]),
            ...(s.c1 === undefined ? [] : [{ itemCode: "C1", points: s.c1 }]),
          ];
          const key = `${r.id}|${app}`;
          const version = versions.get(key) ?? 0;
          const res = await save(r, app, { version, items, submit: w.submit && !s.partial });
          expect(res.status).toBe(200);
          versions.set(key, version + 1);
        }
        const check = await resultsCheck(db, { tenantId: TENANT_ID, roundId });
        expect(check.mismatches).toEqual([]);
        expect(check.results).toBe(new Set(writes.map((w) => w.application)).size);
      }),
      { numRuns: 15 },
    );
  });

  it("the check reports a kept result that no longer matches its scores", async () => {
    const roundId = await scoringRound(admin, systemId, "city_review");
    const r = await newReviewer();
    const app = await insertApplication(roundId, units[nextUnit++ % units.length] ?? "");
    await seat(roundId, app, "city", r.id);
    await ok(save(r, app, { version: 0, items: fullItems(), submit: true }));
    expect((await resultsCheck(db, { tenantId: TENANT_ID, roundId })).mismatches).toEqual([]);
    await env.DB.prepare("update application_results set aggregate = aggregate + 1 where application_id = ?")
      .bind(app)
      .run();
    await env.DB.prepare(
      "update scores set points = 0 where item_code = 'A2.1' and form_id in (select id from score_forms where application_id = ?)",
    )
      .bind(app)
      .run();
    const check = await resultsCheck(db, { tenantId: TENANT_ID, roundId });
    expect(check.mismatches.map((m) => m.field).sort()).toEqual([
      "aggregate",
      `form:${r.id}.total`,
      "reviewerTotals",
      "survey",
    ]);
  });

  it("simultaneous saves by every member of one panel: none is lost from the result", async () => {
    const roundId = await scoringRound(admin, systemId, "city_review", { review: { aggregation: "mean" } });
    const panel = [
      await newReviewer(),
      await newReviewer(),
      await newReviewer(),
      await newReviewer(),
      await newReviewer(),
    ];
    const app = await insertApplication(roundId, units[nextUnit++ % units.length] ?? "");
    for (const r of panel) await seat(roundId, app, "city", r.id);
    const responses = await Promise.all(
      panel.map((r, i) => save(r, app, { version: 0, items: fullItems(i, "A", 10, 5), submit: true })),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const result = await storedResult(app, "city");
    // Totals 0+6+10+5 … 4+6+10+5: 21 … 25.
    expect(result).toMatchObject({ reviewers: 5, reviewerTotals: [21, 22, 23, 24, 25], aggregate: 23 });
  });
});
