import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../worker/data/db.ts";
import { extraPointsRefresh, mutualPointsRefresh, surveyPointsRefresh } from "../../worker/data/source-points.ts";
import { mutualItemPoints, type SourceItem, surveyItemPoints } from "../../worker/domain/source-points.ts";
import { PATHS, signInAll } from "./fixtures.ts";
import { createSystem, insertApplication, scoringRound, TENANT_ID, uid, unitsUnder } from "./scoring-fixtures.ts";

const db = createDb(env.DB);
let roundId: string;
let units: string[];

beforeAll(async () => {
  const { sichuanAdmin } = await signInAll("sichuanAdmin");
  roundId = await scoringRound(sichuanAdmin, await createSystem(sichuanAdmin));
  units = await unitsUnder(PATHS.deyang, 8);
});

const pointsItem: SourceItem = { code: "S1", maxPoints: 3.5, mode: "points", grades: [] };
const gradedItem: SourceItem = {
  code: "S2",
  maxPoints: 2,
  mode: "graded",
  grades: [
    { grade: "A", share: 1 },
    { grade: "B", share: 0.66 },
    { grade: "C", share: 0.33 },
    { grade: "D", share: 0 },
  ],
};

async function answer(applicationId: string, values: Array<[string, number]>, counted = true) {
  const responseId = uid("resp");
  await env.DB.batch([
    env.DB.prepare(
      `insert into survey_responses (id, tenant_id, round_id, application_id, device_hash, network_hash, duration_seconds,
        status, created_at) values (?, ?, ?, ?, ?, 'n', 60, ?, ?)`,
    ).bind(
      responseId,
      TENANT_ID,
      roundId,
      applicationId,
      uid("dev"),
      counted ? "counted" : "too_fast",
      new Date().toISOString(),
    ),
    ...values.map(([item, value], i) =>
      env.DB.prepare(
        `insert into survey_answers (response_id, question_id, tenant_id, application_id, item_code, value, counted)
          values (?, ?, ?, ?, ?, ?, ?)`,
      ).bind(responseId, `q${i}`, TENANT_ID, applicationId, item, value, counted ? 1 : 0),
    ),
  ]);
}

const stored = (applicationId: string) =>
  env.DB.prepare(
    "select item_code, answers, rate, below_minimum, points from source_points where application_id = ? order by item_code",
  )
    .bind(applicationId)
    .all<{ item_code: string; answers: number; rate: number | null; below_minimum: number; points: number }>();

describe("source points kept on write", () => {
  it("survey items earn rate × max (or the graded band) once the sample reaches the minimum, as the domain says", async () => {
    const applicationId = await insertApplication(roundId, units[0] ?? "");
    const rule = { minAnswers: 3, belowMinimum: "zero" as const, gradeBands: [0.9, 0.75, 0.6, 0] };
    const target = { tenantId: TENANT_ID, roundId, applicationId };
    await answer(applicationId, [
      ["S1", 1],
      ["S2", 1],
    ]);
    await answer(applicationId, [
      ["S1", 0.6],
      ["S2", 0.6],
    ]);
    await answer(
      applicationId,
      [
        ["S1", 0],
        ["S2", 1],
      ],
      false,
    );
    await db.batch([surveyPointsRefresh(db, target, [pointsItem, gradedItem], rule)]);
    expect(
      (await stored(applicationId)).results.map((r) => [r.item_code, r.answers, r.below_minimum, r.points]),
    ).toEqual([
      ["S1", 2, 1, 0],
      ["S2", 2, 1, 0],
    ]);
    await answer(applicationId, [
      ["S1", 1],
      ["S2", 0.6],
    ]);
    await db.batch([
      surveyPointsRefresh(db, target, [pointsItem, gradedItem], rule),
      ...extraPointsRefresh(db, target, "mean"),
    ]);
    const rows = (await stored(applicationId)).results;
    const s1 = surveyItemPoints(pointsItem, { answers: 3, rate: 2.6 / 3 }, rule, null);
    const s2 = surveyItemPoints(gradedItem, { answers: 3, rate: 2.2 / 3 }, rule, null);
    expect(rows.map((r) => [r.item_code, r.answers, r.below_minimum, r.points])).toEqual([
      ["S1", 3, 0, s1.points],
      ["S2", 3, 0, s2.points],
    ]);
    expect(s2.points).toBe(0.66);
    const result = await env.DB.prepare(
      "select extra_points from application_results where application_id = ? and stage = 'city'",
    )
      .bind(applicationId)
      .first<{ extra_points: number }>();
    expect(result?.extra_points).toBeCloseTo(s1.points + s2.points, 6);
  });

  it("mutual items earn the peers' submitted mean, trimmed of the highest and lowest from five peers on", async () => {
    const ratee = await insertApplication(roundId, units[1] ?? "");
    const raters = await Promise.all(units.slice(2, 8).map((u) => insertApplication(roundId, u)));
    const given = [5, 1, 4, 4, 3, 2];
    await env.DB.batch(
      raters.flatMap((rater, i) => [
        env.DB.prepare(
          `insert into mutual_assignments (rater_application_id, ratee_application_id, tenant_id, round_id, submitted_at)
            values (?, ?, ?, ?, ?)`,
        ).bind(rater, ratee, TENANT_ID, roundId, i < 5 ? new Date().toISOString() : null),
        env.DB.prepare(
          `insert into mutual_scores (rater_application_id, ratee_application_id, item_code, tenant_id, points)
            values (?, ?, 'M1', ?, ?)`,
        ).bind(rater, ratee, TENANT_ID, given[i] ?? 0),
      ]),
    );
    const item: SourceItem = { code: "M1", maxPoints: 5, mode: "points", grades: [] };
    await db.batch([mutualPointsRefresh(db, { tenantId: TENANT_ID, roundId, applicationId: ratee }, [item])]);
    const expected = mutualItemPoints(item, given.slice(0, 5));
    expect(expected.points).toBe(3.67);
    expect((await stored(ratee)).results).toEqual([
      { item_code: "M1", answers: 5, rate: expected.rate, below_minimum: 0, points: expected.points },
    ]);
  });
});
