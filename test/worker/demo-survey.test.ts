import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { demoCriteria } from "../../db/seed/criteria.ts";
import { DEMO_ROUNDS, type DemoScoringRows } from "../../db/seed/scoring.ts";
import { DEMO_SURVEY_EDGE } from "../../db/seed/survey.ts";
import { createDb } from "../../worker/data/db.ts";
import { resultRefresh, resultsCheck } from "../../worker/data/results.ts";
import { surveyPointsRefresh } from "../../worker/data/source-points.ts";
import { surveyLookup } from "../../worker/data/source-settings.ts";
import { questionsOf, surveyRuleOf } from "../../worker/data/surveys.ts";
import { DEFAULT_MIN_ANSWERS } from "../../worker/domain/questionnaire.ts";
import { surveySourceItems } from "../../worker/domain/source-points.ts";
import { surveyBursts } from "../../worker/domain/survey-bursts.ts";
import { ok, signIn, tenantApi } from "./client.ts";
import { seedDemoScoring } from "./demo-scoring-seed.ts";

// What the demo questionnaire (db/seed/survey.ts) promises in both demo tenants: its points are exactly what the
// Worker's own refresh makes of its answers, the results and the ranking carry them, one application sits one
// respondent short of the minimum, and the raw answers hold nothing personal.

let seeded: DemoScoringRows;
beforeAll(async () => {
  seeded = await seedDemoScoring();
});

const TENANTS = [
  { slug: "sichuan", tenantId: "t-sichuan", rule: "reviewer" },
  { slug: "hubei", tenantId: "t-hubei", rule: "zero" },
] as const;

async function rows<T>(query: string, ...binds: (string | number)[]): Promise<T[]> {
  return (
    await env.DB.prepare(query)
      .bind(...binds)
      .all<T>()
  ).results;
}

interface PointsRow {
  applicationId: string;
  itemCode: string;
  answers: number;
  rate: number | null;
  belowMinimum: number;
  enteredPoints: number | null;
  points: number;
}

const pointsOf = (roundId: string) =>
  rows<PointsRow>(
    `select application_id applicationId, item_code itemCode, answers, rate, below_minimum belowMinimum,
        entered_points enteredPoints, points
      from source_points where round_id = ? order by application_id, item_code`,
    roundId,
  );

describe.each(TENANTS)("the demo questionnaire of $slug", ({ slug, tenantId, rule }) => {
  const roundId = DEMO_ROUNDS.review(slug);
  const db = createDb(env.DB);

  it("has the default questions, minimum 30, its below-minimum rule and a window open now", async () => {
    const [row] = await db.batch([surveyLookup(db, tenantId, roundId)]).then(([r]) => r);
    expect(row).toMatchObject({ minAnswers: DEFAULT_MIN_ANSWERS, belowMinimum: rule });
    const now = Date.now();
    expect(Date.parse(row?.opensAt ?? "")).toBeLessThan(now - 19 * 86_400_000);
    expect(Date.parse(row?.closesAt ?? "")).toBeGreaterThan(now + 29 * 86_400_000);
    const surveyItems = demoCriteria(slug)
      .categories.flatMap((c) => c.items)
      .filter((i) => i.method === "survey")
      .map((i) => i.code);
    expect(questionsOf(row ?? { questions: "[]" }).map((q) => q.itemCode)).toEqual(surveyItems);
  });

  it("the seeded source points are what the Worker's refresh computes from the seeded answers", async () => {
    const [[row]] = await db.batch([surveyLookup(db, tenantId, roundId)]);
    if (!row) throw new Error("no demo questionnaire");
    const baseItems = demoCriteria(slug).categories.flatMap((c) => c.items);
    const items = surveySourceItems(baseItems, questionsOf(row));
    const before = await pointsOf(roundId);
    const applicationIds = [...new Set(before.map((p) => p.applicationId))];
    expect(applicationIds.length).toBe(seeded.applications.filter((a) => a.roundId === roundId).length);
    const [first, ...rest] = applicationIds.map((applicationId) =>
      surveyPointsRefresh(db, { tenantId, roundId, applicationId }, items, surveyRuleOf(row)),
    );
    if (!first) throw new Error("no applications");
    await db.batch([first, ...rest]);
    const after = await pointsOf(roundId);
    expect(after.map(({ rate, ...exact }) => exact)).toEqual(before.map(({ rate, ...exact }) => exact));
    after.forEach((p, i) => {
      expect(p.rate ?? -1).toBeCloseTo(before[i]?.rate ?? -1, 9);
    });
  });

  it("the kept results carry the survey points as extra points and agree with a recompute", async () => {
    const kept = await rows<{ applicationId: string; aggregate: number | null; extra: number; points: number }>(
      `select r.application_id applicationId, r.aggregate, r.extra_points extra,
          (select total(p.points) from source_points p where p.application_id = r.application_id) points
        from application_results r where r.round_id = ? and r.stage = 'province' order by r.application_id`,
      roundId,
    );
    expect(kept.length).toBeGreaterThanOrEqual(30);
    for (const r of kept) expect(r.extra, r.applicationId).toBeCloseTo(r.points, 9);
    // The Worker's own result refresh (as a survey answer's batch runs it) gives the seeded aggregates.
    const mode = slug === "sichuan" ? "trimmed" : "calibrated";
    const [first, ...rest] = kept.map((r) =>
      resultRefresh(db, { tenantId, roundId, applicationId: r.applicationId }, "province", mode),
    );
    if (!first) throw new Error("no results");
    await db.batch([first, ...rest]);
    const refreshed = await rows<{ applicationId: string; aggregate: number | null }>(
      `select application_id applicationId, aggregate from application_results
        where round_id = ? and stage = 'province' order by application_id`,
      roundId,
    );
    expect(refreshed).toEqual(kept.map(({ applicationId, aggregate }) => ({ applicationId, aggregate })));
    const check = await resultsCheck(db, { tenantId, roundId });
    expect(check.mismatches).toEqual([]);
  });

  it("no reviewer scores an item the questionnaire scores", async () => {
    const scored = await rows<{ n: number }>(
      `select count(*) n from scores s join score_forms f on f.id = s.form_id
        where f.round_id = ? and s.item_code in (select json_extract(q.value, '$.itemCode')
          from surveys v, json_each(v.questions) q where v.round_id = ?)`,
      roundId,
      roundId,
    );
    expect(scored[0]?.n).toBe(0);
  });

  it("the ranking shows survey points for most applications; the edge application has none yet", async () => {
    const admin = await signIn(`admin@${slug}.demo`);
    const page = await ok(
      tenantApi(admin).rounds[":roundId"].ranking.$get({
        param: { tenant: slug, roundId },
        query: { pageSize: "100" },
      }),
    );
    expect(page.items.length).toBeGreaterThanOrEqual(30);
    const earning = page.items.filter((i) => i.extraPoints > 0);
    expect(earning.length).toBeGreaterThanOrEqual(page.items.length * 0.8);
    // Good and weak units differ believably: survey points spread over several points.
    const extras = earning.map((i) => i.extraPoints);
    expect(Math.max(...extras) - Math.min(...extras)).toBeGreaterThan(2);
    expect(page.items.find((i) => i.applicationId === DEMO_SURVEY_EDGE(slug))?.extraPoints).toBe(0);
  });

  it("exactly one application is one respondent short of the minimum on every item; a few others are short", async () => {
    const perApplication = await rows<{ applicationId: string; least: number; most: number; below: number }>(
      `select application_id applicationId, min(answers) least, max(answers) most, total(below_minimum) below
        from source_points where round_id = ? group by application_id`,
      roundId,
    );
    const edge = perApplication.filter((p) => p.least === DEFAULT_MIN_ANSWERS - 1 && p.most === p.least);
    expect(edge.map((p) => p.applicationId)).toEqual([DEMO_SURVEY_EDGE(slug)]);
    const short = perApplication.filter((p) => p.below > 0 && p.applicationId !== DEMO_SURVEY_EDGE(slug));
    expect(short.length).toBeGreaterThanOrEqual(2);
    expect(short.length).toBeLessThanOrEqual(5);
    // Respondents per application: 20–80 responses, a few too fast (stored, not counted).
    const responses = await rows<{ n: number; fast: number }>(
      `select count(*) n, total(status = 'too_fast') fast from survey_responses where round_id = ?
        group by application_id`,
      roundId,
    );
    expect(responses.every((r) => r.n >= 20 && r.n <= 80 && r.fast >= 1)).toBe(true);
    const uncounted = await rows<{ n: number }>(
      `select count(*) n from survey_answers a join survey_responses r on r.id = a.response_id
        where r.round_id = ? and a.counted <> (r.status = 'counted')`,
      roundId,
    );
    expect(uncounted[0]?.n).toBe(0);
  });

  it("one application shows a burst of answers from one network", async () => {
    const responses = await rows<{ applicationId: string; networkHash: string; createdAt: string }>(
      `select application_id applicationId, network_hash networkHash, created_at createdAt from survey_responses
        where round_id = ?`,
      roundId,
    );
    const ids = [...new Set(responses.map((r) => r.applicationId))];
    const bursting = ids.filter((id) => surveyBursts(responses.filter((r) => r.applicationId === id)).length > 0);
    expect(bursting).toHaveLength(1);
  });

  it("raw answers hold no personal data: only keyed hashes of device and network", async () => {
    const columns = async (table: string) =>
      (await rows<{ name: string }>(`select name from pragma_table_info(?)`, table)).map((c) => c.name).sort();
    expect(await columns("survey_responses")).toEqual(
      [
        "application_id",
        "created_at",
        "device_hash",
        "duration_seconds",
        "id",
        "network_hash",
        "round_id",
        "status",
        "tenant_id",
      ].sort(),
    );
    expect(await columns("survey_answers")).toEqual(
      ["application_id", "counted", "item_code", "question_id", "response_id", "tenant_id", "value"].sort(),
    );
    // Digests of a fixed length, as the public form stores them: no address, agent or name can hide in them.
    const odd = await rows<{ n: number }>(
      `select count(*) n from survey_responses where round_id = ?1 and (device_hash glob ?2 or network_hash glob ?2
        or length(device_hash) <> 32 or length(network_hash) <> 22)`,
      roundId,
      "*[^A-Za-z0-9_-]*",
    );
    expect(odd[0]?.n).toBe(0);
  });
});
