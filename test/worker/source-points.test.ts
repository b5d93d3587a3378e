import { env } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../worker/data/db.ts";
import {
  enteredPointsUpdate,
  extraPointsRefresh,
  mutualPointsRefresh,
  surveyPointsRefresh,
} from "../../worker/data/source-points.ts";
import {
  mutualItemPoints,
  type SourceItem,
  type SurveyRule,
  surveyItemPoints,
} from "../../worker/domain/source-points.ts";
import { PATHS, signInAll } from "./fixtures.ts";
import { createSystem, insertApplication, scoringRound, TENANT_ID, uid, unitsUnder } from "./scoring-fixtures.ts";

const db = createDb(env.DB);
let roundId: string;
let units: string[];

beforeAll(async () => {
  const { sichuanAdmin } = await signInAll("sichuanAdmin");
  roundId = await scoringRound(sichuanAdmin, await createSystem(sichuanAdmin));
  units = await unitsUnder(PATHS.deyang, 17);
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

  it("a questionnaire of forty graded items refreshes in one statement: D1 binds at most 100 values per statement", async () => {
    const applicationId = await insertApplication(roundId, units[16] ?? "");
    const target = { tenantId: TENANT_ID, roundId, applicationId };
    const items = Array.from({ length: 40 }, (_, i) => ({ ...gradedItem, code: `G${String(i).padStart(2, "0")}` }));
    const rule = { minAnswers: 1, belowMinimum: "reviewer" as const, gradeBands: [0.9, 0.75, 0.6, 0] };
    await answer(
      applicationId,
      items.map((item) => [item.code, 1]),
    );
    await db.batch([surveyPointsRefresh(db, target, items, rule), ...extraPointsRefresh(db, target, "mean")]);
    const expected = surveyItemPoints(gradedItem, { answers: 1, rate: 1 }, rule, null).points;
    expect((await stored(applicationId)).results.map((r) => r.points)).toEqual(items.map(() => expected));
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

// The SQL refreshes must store exactly what the domain computes (to the cent), whatever the answers and the rules.
describe("source points: the SQL refresh equals the domain", () => {
  const scale = fc.constantFrom(1, 0.8, 0.6, 0.4, 0.2, 0);
  const shares = fc.constantFrom(1, 0.9, 0.66, 0.5, 0.33, 0.25, 0);
  const sourceItem = (code: string): fc.Arbitrary<SourceItem> =>
    fc.oneof(
      fc.record({
        code: fc.constant(code),
        maxPoints: fc.constantFrom(1, 2, 2.5, 3.5, 5, 7, 10),
        mode: fc.constant("points" as const),
        grades: fc.constant([]),
      }),
      fc.record({
        code: fc.constant(code),
        maxPoints: fc.constantFrom(1, 2, 3, 4.5, 6),
        mode: fc.constant("graded" as const),
        grades: fc
          .array(shares, { minLength: 0, maxLength: 4 })
          .map((s) => s.map((share, i) => ({ grade: "ABCD".charAt(i), share }))),
      }),
    );
  const items = fc.tuple(sourceItem("P1"), fc.option(sourceItem("P2"), { nil: undefined }), sourceItem("P3"));
  const rule: fc.Arbitrary<SurveyRule> = fc.record({
    minAnswers: fc.integer({ min: 1, max: 6 }),
    belowMinimum: fc.constantFrom("zero" as const, "reviewer" as const),
    gradeBands: fc.array(fc.constantFrom(0.95, 0.9, 0.8, 0.75, 0.6, 0.5, 0), { maxLength: 4 }),
  });
  const entered = fc.option(
    fc.integer({ min: 0, max: 24 }).map((n) => n / 4),
    { nil: null },
  );
  // Each response answers some questions (several may map to one item), counted or too fast.
  const response = fc.record({
    counted: fc.boolean(),
    values: fc.array(fc.tuple(fc.constantFrom("P1", "P2", "P3"), scale), { maxLength: 5 }),
  });

  let surveyApp: string;
  let ratee: string;
  let raters: string[];
  beforeAll(async () => {
    surveyApp = await insertApplication(roundId, units[8] ?? "");
    ratee = await insertApplication(roundId, units[9] ?? "");
    raters = await Promise.all(units.slice(10, 16).map((u) => insertApplication(roundId, u)));
  });

  const clear = (applicationId: string) =>
    env.DB.batch([
      env.DB.prepare("delete from survey_answers where application_id = ?").bind(applicationId),
      env.DB.prepare("delete from survey_responses where application_id = ?").bind(applicationId),
      env.DB.prepare("delete from mutual_scores where ratee_application_id = ?").bind(applicationId),
      env.DB.prepare("delete from mutual_assignments where ratee_application_id = ?").bind(applicationId),
      env.DB.prepare("delete from source_points where application_id = ?").bind(applicationId),
    ]);

  it("surveyPointsRefresh stores surveyItemPoints of the counted answers: points, answers, belowMinimum", async () => {
    await fc.assert(
      fc.asyncProperty(
        items,
        rule,
        fc.array(entered, { minLength: 3, maxLength: 3 }),
        fc.array(response, { maxLength: 9 }),
        async (picked, rule, enteredPoints, responses) => {
          const asked = picked.filter((i): i is SourceItem => i !== undefined);
          await clear(surveyApp);
          for (const r of responses) await answer(surveyApp, r.values, r.counted);
          const target = { tenantId: TENANT_ID, roundId, applicationId: surveyApp };
          const enteredOf = (code: string) => enteredPoints[Number(code.slice(1)) - 1] ?? null;
          // The contract's order: refresh (rows exist), enter points, refresh again, then the results.
          await db.batch([
            surveyPointsRefresh(db, target, asked, rule),
            ...asked.map((item) => enteredPointsUpdate(db, target, item.code, enteredOf(item.code))),
            surveyPointsRefresh(db, target, asked, rule),
          ]);
          const rows = (await stored(surveyApp)).results;
          const expected = asked.map((item) => {
            const counted = responses.filter((r) => r.counted);
            const values = counted.flatMap((r) => r.values.filter(([code]) => code === item.code).map(([, v]) => v));
            const answers = counted.filter((r) => r.values.some(([code]) => code === item.code)).length;
            const rate = values.length === 0 ? null : values.reduce((a: number, b) => a + b, 0) / values.length;
            const { points, belowMinimum } = surveyItemPoints(item, { answers, rate }, rule, enteredOf(item.code));
            return { item_code: item.code, answers, below_minimum: belowMinimum ? 1 : 0, points, rate };
          });
          expect(rows.map(({ rate: _, ...row }) => row)).toEqual(expected.map(({ rate: _, ...row }) => row));
          rows.forEach((row, i) => {
            const rate = expected[i]?.rate ?? null;
            if (rate === null) expect(row.rate).toBeNull();
            else expect(row.rate).toBeCloseTo(rate, 9);
          });
        },
      ),
      { numRuns: 40 },
    );
  });

  it("mutualPointsRefresh stores mutualItemPoints of the submitted peers' scores only", async () => {
    const peer = fc.record({
      submitted: fc.boolean(),
      m1: fc.integer({ min: 0, max: 14 }).map((n) => n / 2),
      m2: fc.option(
        fc.integer({ min: 0, max: 14 }).map((n) => n / 2),
        { nil: null },
      ),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(sourceItem("M1"), sourceItem("M2")),
        fc.array(peer, { maxLength: raters.length }),
        async (mutualItems, peers) => {
          await clear(ratee);
          const statements = peers.flatMap((p, i) => [
            env.DB.prepare(
              `insert into mutual_assignments (rater_application_id, ratee_application_id, tenant_id, round_id,
                submitted_at) values (?, ?, ?, ?, ?)`,
            ).bind(raters[i] ?? "", ratee, TENANT_ID, roundId, p.submitted ? new Date().toISOString() : null),
            ...(
              [
                ["M1", p.m1],
                ["M2", p.m2],
              ] as const
            )
              .filter((score): score is ["M1" | "M2", number] => score[1] !== null)
              .map(([code, points]) =>
                env.DB.prepare(
                  `insert into mutual_scores (rater_application_id, ratee_application_id, item_code, tenant_id, points)
                    values (?, ?, ?, ?, ?)`,
                ).bind(raters[i] ?? "", ratee, code, TENANT_ID, points),
              ),
          ]);
          if (statements.length > 0) await env.DB.batch(statements);
          await db.batch([
            mutualPointsRefresh(db, { tenantId: TENANT_ID, roundId, applicationId: ratee }, mutualItems),
          ]);
          const submitted = peers.filter((p) => p.submitted);
          const expected = mutualItems.map((item) => {
            const given = submitted.map((p) => (item.code === "M1" ? p.m1 : p.m2)).filter((n) => n !== null);
            const { answers, points } = mutualItemPoints(item, given);
            return { item_code: item.code, answers, below_minimum: answers === 0 ? 1 : 0, points };
          });
          expect((await stored(ratee)).results.map(({ rate: _, ...row }) => row)).toEqual(expected);
        },
      ),
      { numRuns: 40 },
    );
  });
});
