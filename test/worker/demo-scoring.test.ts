import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { demoCriteria } from "../../db/seed/criteria.ts";
import { DEMO_ROUNDS, type DemoScoringRows } from "../../db/seed/scoring.ts";
import { createDb } from "../../worker/data/db.ts";
import { resultsCheck } from "../../worker/data/results.ts";
import { derivedConflict } from "../../worker/domain/scoring/conflicts.ts";
import { reviewerConsistency } from "../../worker/domain/scoring/consistency.ts";
import { ok, signIn, tenantApi } from "./client.ts";
import { seedDemoScoring } from "./demo-scoring-seed.ts";

// What the demo data (db/seed/scoring.ts, as `npm start` loads it) promises in both demo tenants: a round in
// provincial review with ≥ 30 applications across several cities scored by their panels, a tie broken by a
// tie-break, a vetoed application, a harsh and a lenient reviewer, results that agree with a recompute from the
// raw scores, and a round open for applications that the demo unit can join.

let seeded: DemoScoringRows;
beforeAll(async () => {
  seeded = await seedDemoScoring();
});

const TENANTS = [
  { slug: "sichuan", tenantId: "t-sichuan", mode: "trimmed", unit: "sichuan-u-deyang-kexie" },
  { slug: "hubei", tenantId: "t-hubei", mode: "calibrated", unit: "hubei-u-daye-kexie" },
] as const;

async function rows<T>(query: string, ...binds: (string | number)[]): Promise<T[]> {
  return (
    await env.DB.prepare(query)
      .bind(...binds)
      .all<T>()
  ).results;
}

describe.each(TENANTS)("the demo rounds of $slug", ({ slug, tenantId, mode, unit }) => {
  const roundId = DEMO_ROUNDS.review(slug);
  const param = { tenant: slug, roundId };

  it("seeding again changes nothing", async () => {
    const before = await rows<{ n: number }>("select count(*) n from scores where tenant_id = ?", tenantId);
    await seedDemoScoring();
    const after = await rows<{ n: number }>("select count(*) n from scores where tenant_id = ?", tenantId);
    expect(after).toEqual(before);
    expect(before[0]?.n).toBe(seeded.scores.filter((s) => s.tenantId === tenantId).length);
  });

  it("one round in provincial review with ≥ 30 applications scored by panels of three across ≥ 3 cities", async () => {
    const [round] = await rows<{ phase: string; level: string; kind: string; settings: string; frozen: number }>(
      `select r.phase, r.level, r.kind, r.settings, c.frozen from rounds r
        join criteria_systems c on c.id = r.criteria_system_id where r.id = ?`,
      roundId,
    );
    expect(round).toMatchObject({ phase: "province_review", level: "province", kind: "selection", frozen: 1 });
    expect(JSON.parse(round?.settings ?? "{}").review).toMatchObject({ panelSize: 3, aggregation: mode });
    const scored = await rows<{ city: string; channel: string; reviewers: number; seats: number }>(
      `select u.city_id city, a.channel, r.reviewers,
          (select count(*) from assignments s where s.application_id = a.id and s.stage = 'province'
            and s.status = 'active') seats
        from application_results r join applications a on a.id = r.application_id join units u on u.id = a.unit_id
        where r.round_id = ? and r.stage = 'province' and r.aggregate is not null`,
      roundId,
    );
    expect(scored.length).toBeGreaterThanOrEqual(30);
    expect(new Set(scored.map((s) => s.city)).size).toBeGreaterThanOrEqual(3);
    expect(scored.some((s) => s.channel === "sector")).toBe(true);
    expect(scored.every((s) => s.seats === 3 && s.reviewers >= 2)).toBe(true);
    expect(scored.filter((s) => s.reviewers === 3).length).toBeGreaterThanOrEqual(30);
    // The city said no to a couple, with its reason.
    const declined = await rows<{ reason: string | null }>(
      "select decision_reason reason from applications where round_id = ? and status = 'city_not_recommended'",
      roundId,
    );
    expect(declined.length).toBeGreaterThanOrEqual(1);
    expect(declined.every((d) => (d.reason ?? "").length > 5)).toBe(true);
  });

  it("every submitted form scores every base item of the round's criteria not scored by the survey", async () => {
    const baseItems = demoCriteria(slug)
      .categories.flatMap((c) => c.items)
      .filter((i) => i.method !== "survey")
      .map((i) => i.code);
    const forms = await rows<{ id: string; codes: string }>(
      `select f.id, (select json_group_array(s.item_code) from scores s where s.form_id = f.id) codes
        from score_forms f where f.round_id = ? and f.status = 'submitted'`,
      roundId,
    );
    expect(forms.length).toBeGreaterThanOrEqual(90);
    for (const form of forms) expect(JSON.parse(form.codes)).toEqual(expect.arrayContaining(baseItems));
  });

  it("the kept results agree with a recompute from the raw scores", async () => {
    const check = await resultsCheck(createDb(env.DB), { tenantId, roundId });
    expect(check.mismatches).toEqual([]);
    expect(check.results).toBeGreaterThanOrEqual(30);
    expect(check.forms).toBeGreaterThanOrEqual(90);
  });

  it("the ranking has an exact tie on the aggregate broken by the on-site subtotal, and vetoed rows last", async () => {
    const admin = await signIn(`admin@${slug}.demo`);
    const page = await ok(tenantApi(admin).rounds[":roundId"].ranking.$get({ param, query: { pageSize: "100" } }));
    expect(page.mode).toBe(mode);
    const ranked = page.items.filter((i) => i.rank !== null);
    const ties = ranked.filter((a) => ranked.some((b) => b !== a && b.aggregate === a.aggregate && b.rank !== a.rank));
    expect(ties.length).toBeGreaterThanOrEqual(2);
    const [ahead, behind] = [...ties].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
    const onsite = async (id: string | undefined) =>
      (await rows<{ onsite: number }>("select onsite from application_results where application_id = ?", id ?? ""))[0]
        ?.onsite ?? 0;
    expect(await onsite(ahead?.applicationId)).toBeGreaterThan(await onsite(behind?.applicationId));
    // Vetoed: by a reviewer's veto finding and by a department's sign-off; after every ranked row, without a rank.
    const vetoed = page.items.filter((i) => i.vetoed);
    expect(vetoed.length).toBeGreaterThanOrEqual(1);
    expect(vetoed.every((v) => v.rank === null && (v.vetoReason ?? "").length > 0)).toBe(true);
    expect(page.items.findIndex((i) => i.vetoed)).toBeGreaterThan(page.items.findLastIndex((i) => i.rank !== null));
    const reasons = await rows<{ forms: number; signoffs: number }>(
      `select (select count(*) from score_forms where round_id = ?1 and veto_findings <> '[]') forms,
        (select count(*) from signoffs where round_id = ?1 and verdict = 'veto') signoffs`,
      roundId,
    );
    expect(reasons[0]).toEqual({ forms: 1, signoffs: 1 });
  });

  it("a harsh and a lenient reviewer: their mean deviations from their panels have opposite signs", async () => {
    const forms = await rows<{ reviewerId: string; applicationId: string; total: number }>(
      `select reviewer_user_id reviewerId, application_id applicationId, total from score_forms
        where round_id = ? and stage = 'province' and status = 'submitted'`,
      roundId,
    );
    const consistency = new Map(reviewerConsistency(forms, 8).map((c) => [c.reviewerId, c]));
    const harsh = consistency.get(`user-reviewer2-${slug}-demo`);
    const lenient = consistency.get(`user-reviewer5-${slug}-demo`);
    expect(harsh?.forms).toBeGreaterThanOrEqual(3);
    expect(lenient?.forms).toBeGreaterThanOrEqual(3);
    expect(harsh?.meanDeviation).toBeLessThan(-2);
    expect(lenient?.meanDeviation).toBeGreaterThan(2);
    if (mode === "calibrated") {
      const offsets = new Map(
        (
          await rows<{ reviewer: string; offset: number }>(
            `select reviewer_user_id reviewer, "offset" from reviewer_offsets where round_id = ?`,
            roundId,
          )
        ).map((o) => [o.reviewer, o.offset]),
      );
      expect(offsets.get(`user-reviewer2-${slug}-demo`)).toBeLessThan(0);
      expect(offsets.get(`user-reviewer5-${slug}-demo`)).toBeGreaterThan(0);
    }
  });

  it("no panel seat breaks a conflict (回避): own unit, same 主管部门, own city at the provincial stage", async () => {
    const seats = await rows<{
      reviewerUnit: string | null;
      reviewerParent: string | null;
      reviewerCity: string | null;
      unit: string;
      parent: string | null;
      city: string | null;
    }>(
      `select ru.id reviewerUnit, ru.parent_body reviewerParent, ru.city_id reviewerCity,
          u.id unit, u.parent_body parent, u.city_id city
        from assignments s join applications a on a.id = s.application_id join units u on u.id = a.unit_id
        join memberships m on m.user_id = s.reviewer_user_id and m.tenant_id = s.tenant_id
        left join units ru on ru.id = m.affiliation_unit_id
        where s.round_id = ?`,
      roundId,
    );
    expect(seats.length).toBeGreaterThanOrEqual(90);
    const options = { avoidSameParentBody: true, avoidOwnCityAtProvince: true };
    const broken = seats.filter((s) =>
      derivedConflict(
        { unitId: s.reviewerUnit, parentBody: s.reviewerParent, cityId: s.reviewerCity },
        { id: s.unit, parentBody: s.parent, cityId: s.city },
        "province",
        options,
      ),
    );
    expect(broken).toEqual([]);
    // The rule had work to do: some provincial reviewers could not sit on some panels.
    const experts = new Set(seats.filter((s) => s.reviewerUnit).map((s) => s.reviewerCity));
    expect(experts.size).toBeGreaterThanOrEqual(3);
  });

  it("the provincial demo reviewer has two forms still to fill in", async () => {
    const waiting = await rows<{ n: number }>(
      `select count(*) n from assignments s where s.round_id = ? and s.reviewer_user_id = ? and not exists
        (select 1 from score_forms f where f.application_id = s.application_id and f.reviewer_user_id = s.reviewer_user_id)`,
      roundId,
      `user-province-${slug}-demo`,
    );
    expect(waiting[0]?.n).toBe(2);
  });

  it("the demo unit may join the round open for applications, and joins it", async () => {
    const staff = await signIn(`unit@${slug}.demo`);
    const open = { tenant: slug, roundId: DEMO_ROUNDS.open(slug) };
    const standing = await ok(tenantApi(staff).rounds[":roundId"].eligibility.$get({ param: open, query: {} }));
    expect(standing.eligible).toBe(true);
    const created = await ok(
      tenantApi(staff).rounds[":roundId"].applications.$post({ param: open, json: { channel: "city" } }),
      201,
    );
    expect(created).toMatchObject({ unit: { id: unit }, status: "draft" });
  });
});
