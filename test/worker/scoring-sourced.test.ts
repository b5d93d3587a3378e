import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { failure, ok, tenantApi } from "./client.ts";
import { PATHS, PLACES, signInAll } from "./fixtures.ts";
import { roundTripsOf } from "./round-trips.ts";
import {
  createSystem,
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

// The score form and the items a source scores: SMALL_SYSTEM's survey item A2.1 mapped by the round's
// questionnaire, its A1.1 marked mutual (互评). Settings and kept points are written straight into D1 (their
// owners' routes are tested on their own).

let reviewer: TestReviewer;
let systemId: string;
let units: string[];
let nextUnit = 0;

async function sourcedRound(): Promise<string> {
  const roundId = await scoringRound((await signInAll("sichuanAdmin")).sichuanAdmin, systemId);
  const now = new Date().toISOString();
  const question = {
    id: "q1",
    text: "您对本单位创建工作满意吗",
    itemCode: "A2.1",
    audience: "public",
    options: [
      { label: "满意", value: 1 },
      { label: "不满意", value: 0 },
    ],
  };
  await env.DB.batch([
    env.DB.prepare(
      `insert into surveys (round_id, tenant_id, questions, min_answers, opens_on, closes_on, opens_at, closes_at, updated_at)
        values (?, ?, ?, 30, '2026-01-01', '2026-12-31', '2025-12-31T16:00:00.000Z', '2026-12-31T16:00:00.000Z', ?)`,
    ).bind(roundId, TENANT_ID, JSON.stringify([question]), now),
    env.DB.prepare(
      `insert into mutual_assessments (round_id, tenant_id, item_codes, peers, opens_on, closes_on, opens_at, closes_at,
        updated_at) values (?, ?, '["A1.1"]', 3, '2026-01-01', '2026-12-31', '2025-12-31T16:00:00.000Z',
        '2026-12-31T16:00:00.000Z', ?)`,
    ).bind(roundId, TENANT_ID, now),
  ]);
  return roundId;
}

async function seatedApplication(roundId: string): Promise<string> {
  const id = await insertApplication(roundId, units[nextUnit++] ?? "");
  await seat(roundId, id, "city", reviewer.id);
  return id;
}

const form = (id: string) => {
  const route = tenantApi(reviewer.cookie).applications[":id"];
  const param = { tenant: TENANT, id };
  return {
    get: () => route.form.$get({ param, query: { stage: "city" } }),
    save: (json: { version: number; items: ItemInput[]; submit?: boolean }) =>
      route.form.$put({ param, json: { stage: "city", ...json } }),
  };
};

const reviewerItems: ItemInput[] = [
  { itemCode: "A1.2", grade: "B" },
  { itemCode: "A2.2", points: 4 },
];

beforeAll(async () => {
  systemId = await createSystem((await signInAll("sichuanAdmin")).sichuanAdmin);
  reviewer = await newReviewer(PLACES.deyang);
  units = await unitsUnder(PATHS.deyang, 6);
});

describe("the score form and sourced items", () => {
  it("the form shows the sourced items with their source's points and leaves them out of what is missing", async () => {
    const roundId = await sourcedRound();
    const id = await seatedApplication(roundId);
    await env.DB.prepare(
      `insert into source_points (application_id, item_code, tenant_id, round_id, source, answers, rate, below_minimum,
        points, updated_at) values (?, 'A2.1', ?, ?, 'survey', 31, 0.75, 0, 7.5, ?)`,
    )
      .bind(id, TENANT_ID, roundId, new Date().toISOString())
      .run();
    await form(id).get();
    // In steady state (the session seen before), one round trip.
    const res = await form(id).get();
    expect(roundTripsOf(res)).toBe(1);
    const view = await ok(Promise.resolve(res));
    expect(view.sourced).toEqual([
      { itemCode: "A1.1", source: "mutual", points: 0, answers: 0, belowMinimum: true },
      { itemCode: "A2.1", source: "survey", points: 7.5, answers: 31, belowMinimum: false },
    ]);
    expect(view.missing).toEqual(["A1.2", "A2.2"]);
  });

  it("points or a grade on a sourced item are refused with a 400 field message naming the source; nothing is saved", async () => {
    const id = await seatedApplication(await sourcedRound());
    const refused = await failure(
      form(id).save({
        version: 0,
        items: [...reviewerItems, { itemCode: "A2.1", points: 8 }, { itemCode: "A1.1", points: 3 }],
      }),
      400,
    );
    expect(refused.error.fields).toEqual({
      "items.2.points": ["该项由问卷调查计分"],
      "items.3.points": ["该项由互评计分"],
    });
    const stored = await env.DB.prepare("select count(*) n from score_forms where application_id = ?")
      .bind(id)
      .first<{ n: number }>();
    expect(stored?.n).toBe(0);
  });

  it("a form scoring every item but the sourced ones submits, in at most two round trips", async () => {
    const id = await seatedApplication(await sourcedRound());
    const res = await form(id).save({ version: 0, items: reviewerItems, submit: true });
    expect(roundTripsOf(res)).toBeLessThanOrEqual(2);
    const saved = await ok(Promise.resolve(res));
    expect(saved).toMatchObject({ status: "submitted", missing: [] });
    // A comment alone on a sourced item gives it no points and is kept.
    const again = await ok(
      form(id).save({
        version: 1,
        items: [...reviewerItems, { itemCode: "A2.1", comment: "问卷样本充足" }],
        submit: true,
      }),
    );
    expect(again.items.find((i) => i.itemCode === "A2.1")).toMatchObject({ points: null, comment: "问卷样本充足" });
  });

  it("in a round without questionnaire or mutual items every base item is the reviewer's, as before", async () => {
    const roundId = await scoringRound((await signInAll("sichuanAdmin")).sichuanAdmin, systemId);
    const id = await seatedApplication(roundId);
    const view = await ok(form(id).get());
    expect(view.sourced).toEqual([]);
    expect(view.missing).toEqual(["A1.1", "A1.2", "A2.1", "A2.2"]);
    const incomplete = await failure(form(id).save({ version: 0, items: reviewerItems, submit: true }), 409);
    expect(incomplete.error.code).toBe("form_incomplete");
  });
});
