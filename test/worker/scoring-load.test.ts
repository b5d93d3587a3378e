import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../worker/data/db.ts";
import { resultsCheck } from "../../worker/data/results.ts";
import { ok, tenantApi } from "./client.ts";
import { PATHS, PLACES, signInAll } from "./fixtures.ts";
import { expectNo5xx, fireAtOnce, statusCounts } from "./load.ts";
import {
  type ItemInput,
  insertApplication,
  newReviewer,
  scoringRound,
  seat,
  TENANT,
  TENANT_ID,
  type TestReviewer,
  unitsUnder,
} from "./scoring-fixtures.ts";

// Bounded load on the loopback Worker (in the suite at this size; the bench runs it at full size): 50 reviewers of
// one tenant save their forms of one round at the same moment, on the demo's 100-point system.

const DEMO_CRITERIA = "sichuan-criteria-2026";
const REVIEWERS = 50;
const PANEL = 5;

let admin: string;
let roundId: string;
let items: ItemInput[];
const reviewers: TestReviewer[] = [];
const seats: Array<{ reviewer: TestReviewer; applicationId: string }> = [];

beforeAll(async () => {
  ({ sichuanAdmin: admin } = await signInAll("sichuanAdmin"));
  roundId = await scoringRound(admin, DEMO_CRITERIA, "city_review", { review: { aggregation: "trimmed" } });
  const system = await ok(
    tenantApi(admin)["criteria-systems"][":id"].$get({ param: { tenant: TENANT, id: DEMO_CRITERIA } }),
  );
  // Every base item scored: graded items their second grade, points items their maximum less half a point.
  items = system.categories.flatMap((c) =>
    c.items.map((item) =>
      item.mode === "graded"
        ? { itemCode: item.code, grade: item.grades[1]?.grade ?? item.grades[0]?.grade ?? "A", comment: "现场核实" }
        : { itemCode: item.code, points: Math.max(0, item.maxPoints - 0.5), comment: "材料齐全" },
    ),
  );
  const cities = [PLACES.deyang, PLACES.dazhou];
  const units = [...(await unitsUnder(PATHS.deyang, 5)), ...(await unitsUnder(PATHS.dazhou, 5))];
  for (let i = 0; i < REVIEWERS; i++) reviewers.push(await newReviewer(cities[i < REVIEWERS / 2 ? 0 : 1]));
  for (const [u, unitId] of units.entries()) {
    const applicationId = await insertApplication(roundId, unitId);
    for (let k = 0; k < PANEL; k++) {
      const reviewer = reviewers[u * PANEL + k] as TestReviewer;
      await seat(roundId, applicationId, "city", reviewer.id);
      seats.push({ reviewer, applicationId });
    }
  }
});

describe("50 reviewers saving their forms at once", () => {
  it("every save answers 200 (or a genuine 409), none 5xx, and nothing is lost", async () => {
    expect(seats).toHaveLength(REVIEWERS);
    const responses = await fireAtOnce(REVIEWERS, (i) => {
      const { reviewer, applicationId } = seats[i] as (typeof seats)[number];
      return tenantApi(reviewer.cookie).applications[":id"].form.$put({
        param: { tenant: TENANT, id: applicationId },
        json: { stage: "city", version: 0, items, vetoFindings: [], submit: true },
      });
    });
    expectNo5xx(responses);
    // Each reviewer writes only their own form: no save here has a reason to be refused.
    expect(statusCounts(responses)).toEqual({ 200: REVIEWERS });

    const forms = await env.DB.prepare(
      "select count(*) n, sum(status = 'submitted') submitted from score_forms where round_id = ?",
    )
      .bind(roundId)
      .first<{ n: number; submitted: number }>();
    expect(forms).toEqual({ n: REVIEWERS, submitted: REVIEWERS });
    const scoreRows = await env.DB.prepare(
      "select count(*) n from scores s join score_forms f on f.id = s.form_id where f.round_id = ?",
    )
      .bind(roundId)
      .first<{ n: number }>();
    expect(scoreRows?.n).toBe(REVIEWERS * items.length);
    const results = await env.DB.prepare(
      "select reviewers, aggregate from application_results where round_id = ? and stage = 'city'",
    )
      .bind(roundId)
      .all<{ reviewers: number; aggregate: number }>();
    expect(results.results).toHaveLength(REVIEWERS / PANEL);
    for (const r of results.results) expect(r.reviewers).toBe(PANEL);
    expect((await resultsCheck(createDb(env.DB), { tenantId: TENANT_ID, roundId })).mismatches).toEqual([]);
    const events = await env.DB.prepare(
      "select count(*) n from audit_events where chain = ? and action = 'score.submit' and target_id in (select id from applications where round_id = ?)",
    )
      .bind(TENANT_ID, roundId)
      .first<{ n: number }>();
    expect(events?.n).toBe(REVIEWERS);
  });
});
