import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, failure, ok, statusOf, tenantApi } from "./client.ts";
import { PATHS, PLACES, signInAll } from "./fixtures.ts";
import { roundTripsOf } from "./round-trips.ts";
import { count } from "./rows.ts";
import {
  auditCount,
  createSystem,
  DEMO_REVIEWERS,
  fullItems,
  type ItemInput,
  insertApplication,
  newReviewer,
  scoringRound,
  seat,
  setPhase,
  storedResult,
  TENANT,
  type TestReviewer,
  unitsUnder,
} from "./scoring-fixtures.ts";

let admin: string;
let deyang: string;
let dazhou: string;
let staff: string;
let hubeiProvince: string;
let systemId: string;
let roundId: string;
let deyangUnits: string[];

const form = (cookie: string | undefined, id: string) => {
  const route = tenantApi(cookie).applications[":id"];
  const param = { tenant: TENANT, id };
  return {
    get: (stage: "city" | "province" = "city") => route.form.$get({ param, query: { stage } }),
    save: (json: {
      stage?: "city" | "province";
      version: number;
      items: ItemInput[];
      vetoFindings?: { ruleId: string; reason: string }[];
      submit?: boolean;
    }) => route.form.$put({ param, json: { stage: "city", ...json } }),
    scores: () => route.scores.$get({ param }),
  };
};

let nextUnit = 0;
/** An application of the next Deyang unit in the round, with these reviewers seated at the city stage. */
async function application(reviewerIds: string[], round = roundId): Promise<string> {
  const id = await insertApplication(round, deyangUnits[nextUnit++] ?? "");
  for (const r of reviewerIds) await seat(round, id, "city", r);
  return id;
}

const formRow = (applicationId: string, reviewerId: string) =>
  env.DB.prepare("select * from score_forms where application_id = ? and reviewer_user_id = ? and stage = 'city'")
    .bind(applicationId, reviewerId)
    .first<{ version: number; status: string; total: number; subtotals: string; submitted_at: string | null }>();

beforeAll(async () => {
  ({
    sichuanAdmin: admin,
    deyang,
    dazhou,
    sichuanUnit: staff,
    hubeiProvince,
  } = await signInAll("sichuanAdmin", "deyang", "dazhou", "sichuanUnit", "hubeiProvince"));
  systemId = await createSystem(admin);
  roundId = await scoringRound(admin, systemId, "city_review");
  deyangUnits = await unitsUnder(PATHS.deyang, 40);
});

describe("saving a scoring form", () => {
  it("a panel member saves a draft, then submits the whole form: totals, subtotals and the result kept on write", async () => {
    const id = await application([DEMO_REVIEWERS.deyang]);
    const empty = await ok(form(deyang, id).get());
    expect(empty).toMatchObject({ version: 0, status: "draft", items: [], editable: true, lockedReason: null });
    expect(empty.missing).toEqual(["A1.1", "A1.2", "A2.1", "A2.2"]);

    const draft = await ok(
      form(deyang, id).save({ version: 0, items: [{ itemCode: "A1.1", points: 3.5, comment: "方案齐全" }] }),
    );
    expect(draft).toMatchObject({ version: 1, status: "draft", submittedAt: null });
    expect(draft.items).toEqual([{ itemCode: "A1.1", points: 3.5, grade: null, comment: "方案齐全" }]);
    expect(draft.missing).toEqual(["A1.2", "A2.1", "A2.2"]);
    // A draft counts for nothing yet.
    expect(await storedResult(id, "city")).toMatchObject({ reviewers: 0, aggregate: null });

    const items = [...fullItems(3.5, "B", 8, 4), { itemCode: "B1", points: 3 }, { itemCode: "C1", points: 1 }];
    const submitted = await ok(form(deyang, id).save({ version: 1, items, submit: true }));
    // base 3.5 + 3 (B = half of 6) + 8 + 4 = 18.5; bonus 3 capped at 2; deduction 1.
    expect(submitted).toMatchObject({ version: 2, status: "submitted", missing: [] });
    expect(submitted.totals).toMatchObject({ base: 18.5, bonus: 2, deduction: 1, total: 19.5 });
    expect(submitted.totals.methods).toContainEqual({ method: "onsite", points: 3 });
    expect(submitted.totals.categories).toEqual([
      { code: "A1", points: 6.5 },
      { code: "A2", points: 12 },
    ]);
    expect(submitted.submittedAt).toMatch(/Z$/);
    const row = await formRow(id, DEMO_REVIEWERS.deyang);
    expect(row).toMatchObject({ version: 2, status: "submitted", total: 19.5 });
    expect(JSON.parse(row?.subtotals ?? "{}")).toMatchObject({ methods: { onsite: 3 }, categories: { A1: 6.5 } });
    expect(await storedResult(id, "city")).toMatchObject({
      reviewers: 1,
      reviewerTotals: [19.5],
      aggregate: 19.5,
      onsite: 3,
    });
  });

  it("a submitted form saved again while its stage is open stays submitted only while it is complete", async () => {
    const reviewer = await newReviewer();
    const id = await application([reviewer.id]);
    await ok(form(reviewer.cookie, id).save({ version: 0, items: fullItems(), submit: true }));
    const edited = await ok(form(reviewer.cookie, id).save({ version: 1, items: fullItems(4) }));
    expect(edited).toMatchObject({ version: 2, status: "submitted" });
    const cleared = await ok(form(reviewer.cookie, id).save({ version: 2, items: fullItems(4).slice(1) }));
    expect(cleared).toMatchObject({ version: 3, status: "draft", submittedAt: null, missing: ["A1.1"] });
    // The cleared item's score row is gone, and the result no longer counts the form.
    expect(cleared.items.map((i) => i.itemCode)).toEqual(["A1.2", "A2.1", "A2.2"]);
    expect(await storedResult(id, "city")).toMatchObject({ reviewers: 0, aggregate: null });
  });

  it("submitting with unscored items answers 409 form_incomplete listing them, and writes nothing", async () => {
    const reviewer = await newReviewer();
    const id = await application([reviewer.id]);
    const refused = await failure(
      form(reviewer.cookie, id).save({ version: 0, items: fullItems().slice(0, 2), submit: true }),
      409,
    );
    expect(refused.error.code).toBe("form_incomplete");
    expect(refused.error.current).toEqual({ missing: ["A2.1", "A2.2"] });
    expect(await count("select count(*) n from score_forms where application_id = ?", id)).toBe(0);
    expect(await auditCount("score.submit", id)).toBe(0);
  });

  it("two tabs saving from the same version: one wins, the other gets 409 with the current form; nothing merged", async () => {
    const reviewer = await newReviewer();
    const id = await application([reviewer.id]);
    await ok(form(reviewer.cookie, id).save({ version: 0, items: [{ itemCode: "A1.1", points: 1 }] }));
    const [a, b] = await Promise.all([
      form(reviewer.cookie, id).save({ version: 1, items: [{ itemCode: "A1.1", points: 2 }] }),
      form(reviewer.cookie, id).save({ version: 1, items: [{ itemCode: "A2.1", points: 9 }] }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const aWon = a.status === 200;
    const loser = aWon ? b : a;
    const body = (await loser.json()) as unknown as {
      error: { code: string; current: { version: number; items: unknown[] } };
    };
    expect(body.error.code).toBe("stale_version");
    expect(body.error.current.version).toBe(2);
    const winnerItems = aWon ? [{ itemCode: "A1.1", points: 2 }] : [{ itemCode: "A2.1", points: 9 }];
    expect(body.error.current.items).toEqual(winnerItems.map((i) => ({ ...i, grade: null, comment: "" })));
    const stored = await env.DB.prepare(
      "select s.item_code itemCode, s.points from scores s join score_forms f on f.id = s.form_id where f.application_id = ?",
    )
      .bind(id)
      .all();
    expect(stored.results).toEqual(winnerItems);
    expect(await auditCount("score.save", id)).toBe(2);
  });

  it("two tabs creating the form at once: one creates it, the other gets 409 (not 500)", async () => {
    const reviewer = await newReviewer();
    const id = await application([reviewer.id]);
    const responses = await Promise.all(
      [1, 2].map((p) => form(reviewer.cookie, id).save({ version: 0, items: [{ itemCode: "A1.1", points: p }] })),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await count("select count(*) n from score_forms where application_id = ?", id)).toBe(1);
    expect(
      await count(
        "select count(*) n from scores s join score_forms f on f.id = s.form_id where f.application_id = ?",
        id,
      ),
    ).toBe(1);
  });

  it("bad scores answer 400 naming the item, and unknown fields 400 with the form unchanged", async () => {
    const reviewer = await newReviewer();
    const id = await application([reviewer.id]);
    await ok(form(reviewer.cookie, id).save({ version: 0, items: [{ itemCode: "A1.1", points: 1 }] }));
    const bad = await failure(
      form(reviewer.cookie, id).save({
        version: 1,
        items: [
          { itemCode: "A1.1", points: 5 },
          { itemCode: "A1.2", points: 3 },
          { itemCode: "A2.1", points: 1.25 },
          { itemCode: "ZZ", points: 1 },
        ],
        vetoFindings: [{ ruleId: "V9", reason: "不存在的否决项" }],
      }),
      400,
    );
    expect(Object.keys(bad.error.fields ?? {}).sort()).toEqual([
      "items.0.points",
      "items.1.points",
      "items.2.points",
      "items.3.itemCode",
      "vetoFindings.0.ruleId",
    ]);
    for (const body of [
      { stage: "city", version: 1, items: [], total: 100 },
      { stage: "city", version: 1, items: [{ itemCode: "A1.1", points: 1, reviewerId: "x" }] },
      { stage: "city", version: "1", items: [] },
      { stage: "town", version: 1, items: [] },
      { stage: "city", version: 1, items: [{ itemCode: "A1.1", points: 1, comment: "x".repeat(1001) }] },
    ]) {
      // Plain request: each body breaks the route's types on purpose.
      const res = await call(`/api/t/${TENANT}/applications/${id}/form`, {
        method: "PUT",
        body,
        cookie: reviewer.cookie,
      });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect(await formRow(id, reviewer.id)).toMatchObject({ version: 1, total: 1 });
  });

  it("veto findings are saved with the form and veto the application once it is submitted", async () => {
    const reviewer = await newReviewer();
    const id = await application([reviewer.id]);
    const saved = await ok(
      form(reviewer.cookie, id).save({
        version: 0,
        items: fullItems(),
        vetoFindings: [{ ruleId: "V1", reason: "2026年3月发生较大安全事故" }],
        submit: true,
      }),
    );
    expect(saved.vetoFindings).toEqual([{ ruleId: "V1", reason: "2026年3月发生较大安全事故" }]);
    expect(await storedResult(id, "city")).toMatchObject({ vetoed: 1 });
  });
});

describe("who may write a form, and when", () => {
  it("a city form is written only in city review: 409 naming the phase otherwise", async () => {
    const reviewer = await newReviewer();
    const round = await scoringRound(admin, systemId, "applications_open");
    const id = await application([reviewer.id], round);
    const early = await failure(form(reviewer.cookie, id).save({ version: 0, items: fullItems() }), 409);
    expect(early.error.code).toBe("round_applications_open");
    const view = await ok(form(reviewer.cookie, id).get());
    expect(view).toMatchObject({ editable: false, lockedReason: expect.stringContaining("申报") });
    await setPhase(round, "province_review");
    const late = await failure(form(reviewer.cookie, id).save({ version: 0, items: fullItems() }), 409);
    expect(late.error.code).toBe("round_province_review");
    // …and a provincial form not during city review.
    await setPhase(round, "city_review");
    const province = await failure(
      form(reviewer.cookie, id).save({ stage: "province", version: 0, items: fullItems() }),
      409,
    );
    expect(province.error.code).toBe("round_city_review");
    expect(await count("select count(*) n from score_forms where application_id = ?", id)).toBe(0);
  });

  it("only an active panel member scores: 403 not_assigned for others in scope and for a removed seat", async () => {
    const member = await newReviewer();
    const other = await newReviewer();
    const id = await application([member.id]);
    expect((await failure(form(other.cookie, id).save({ version: 0, items: fullItems() }), 403)).error.code).toBe(
      "not_assigned",
    );
    await env.DB.prepare("update assignments set status = 'removed' where application_id = ? and reviewer_user_id = ?")
      .bind(id, member.id)
      .run();
    expect((await failure(form(member.cookie, id).save({ version: 0, items: fullItems() }), 403)).error.code).toBe(
      "not_assigned",
    );
    expect(await ok(form(member.cookie, id).get())).toMatchObject({ editable: false });
  });

  it("a conflicted reviewer cannot score: own unit, or a declared conflict until the round owner overrides it", async () => {
    // The next application's unit is where this reviewer works.
    const own = await newReviewer(PLACES.deyang, { affiliationUnitId: deyangUnits[nextUnit] });
    const declaring = await newReviewer();
    const id = await application([own.id, declaring.id]);
    expect((await failure(form(own.cookie, id).save({ version: 0, items: fullItems() }), 403)).error.code).toBe(
      "reviewer_conflicted",
    );
    const declared = await ok(
      tenantApi(declaring.cookie).applications[":id"].conflicts.$post({
        param: { tenant: TENANT, id },
        json: { reason: "本人配偶在该单位任职" },
      }),
      201,
    );
    expect((await failure(form(declaring.cookie, id).save({ version: 0, items: fullItems() }), 403)).error.code).toBe(
      "reviewer_conflicted",
    );
    const conflictId = declared.conflicts.find((c) => c.reviewer.id === declaring.id)?.id ?? "";
    await ok(
      tenantApi(admin).applications[":id"].conflicts[":conflictId"].decision.$post({
        param: { tenant: TENANT, id, conflictId },
        json: { decision: "override", reason: "配偶已调离，无需回避" },
      }),
    );
    expect(await statusOf(form(declaring.cookie, id).save({ version: 0, items: fullItems() }))).toBe(200);
  });

  it("out of scope 404, other tenant 404, other roles 403, anonymous 401", async () => {
    const id = await application([DEMO_REVIEWERS.deyang]);
    const department = await newReviewer(PLACES.sichuan, { role: "department" });
    expect(await statusOf(form(dazhou, id).get())).toBe(404);
    expect(await statusOf(form(dazhou, id).save({ version: 0, items: fullItems() }))).toBe(404);
    expect(await statusOf(form(hubeiProvince, id).get())).toBe(404);
    expect(
      await statusOf(
        tenantApi(hubeiProvince).applications[":id"].form.$get({
          param: { tenant: "hubei", id },
          query: { stage: "city" },
        }),
      ),
    ).toBe(404);
    expect(await statusOf(form(staff, id).save({ version: 0, items: fullItems() }))).toBe(403);
    expect(await statusOf(form(admin, id).save({ version: 0, items: fullItems() }))).toBe(403);
    expect(await statusOf(form(department.cookie, id).get())).toBe(403);
    expect(await statusOf(form(undefined, id).get())).toBe(401);
    expect(await statusOf(form(undefined, id).save({ version: 0, items: fullItems() }))).toBe(401);
    expect(await statusOf(form(staff, id).scores())).toBe(403);
    expect(await statusOf(form(department.cookie, id).scores())).toBe(403);
    expect(await statusOf(form(dazhou, id).scores())).toBe(404);
    expect(await statusOf(form(hubeiProvince, id).scores())).toBe(404);
    expect(await statusOf(form(undefined, id).scores())).toBe(401);
    expect(await count("select count(*) n from score_forms where application_id = ?", id)).toBe(0);
  });
});

describe("reading the scores of an application", () => {
  let a: TestReviewer;
  let b: TestReviewer;
  let c: TestReviewer;
  let id: string;

  beforeAll(async () => {
    [a, b, c] = [await newReviewer(), await newReviewer(), await newReviewer()];
    id = await application([a.id, b.id, c.id]);
    await ok(form(a.cookie, id).save({ version: 0, items: fullItems(4, "A", 10, 5), submit: true }));
    await ok(form(b.cookie, id).save({ version: 0, items: [{ itemCode: "A1.1", points: 2, comment: "草稿" }] }));
  });

  it("blind first pass: a panel member whose own form is unsubmitted sees only their own", async () => {
    const blind = await ok(form(b.cookie, id).scores());
    expect(blind.blind).toBe(true);
    expect(blind.forms.map((f) => f.reviewer.id)).toEqual([b.id]);
    const none = await ok(form(c.cookie, id).scores());
    expect(none).toEqual({ blind: true, forms: [] });
  });

  it("blind first pass spans stages: a provincial panel member with no form in sees none of the city's scores", async () => {
    const provincial = await newReviewer(PLACES.sichuan);
    await seat(roundId, id, "province", provincial.id);
    expect(await ok(form(provincial.cookie, id).scores())).toEqual({ blind: true, forms: [] });
  });

  it("once their own form is in, a reviewer sees every submitted form, never another's draft", async () => {
    const seen = await ok(form(a.cookie, id).scores());
    expect(seen.blind).toBe(false);
    expect(seen.forms.map((f) => f.reviewer.id)).toEqual([a.id]);
    expect(seen.forms[0]).toMatchObject({ status: "submitted", totals: { total: 25 } });
    expect(seen.forms[0]?.items).toHaveLength(4);
  });

  it("the round owner and reviewers in scope off the panel see the submitted forms with per-item scores", async () => {
    for (const cookie of [admin, deyang]) {
      const seen = await ok(form(cookie, id).scores());
      expect(seen.blind).toBe(false);
      expect(seen.forms.map((f) => [f.reviewer.id, f.status])).toEqual([[a.id, "submitted"]]);
      expect(seen.forms[0]?.items.find((i) => i.itemCode === "A1.2")).toEqual({
        itemCode: "A1.2",
        points: null,
        grade: "A",
        comment: "",
      });
    }
  });
});

describe("audit, atomicity and round trips of a save", () => {
  it("every save writes exactly one audit event on the application; a refused one none", async () => {
    const reviewer = await newReviewer();
    const id = await application([reviewer.id]);
    await ok(form(reviewer.cookie, id).save({ version: 0, items: [{ itemCode: "A1.1", points: 1 }] }));
    await ok(form(reviewer.cookie, id).save({ version: 1, items: fullItems(), submit: true }));
    await failure(form(reviewer.cookie, id).save({ version: 1, items: fullItems() }), 409);
    const events = await env.DB.prepare(
      "select action, target_type, actor_user_id, actor_role from audit_events where target_id = ? order by rowid",
    )
      .bind(id)
      .all();
    expect(events.results).toEqual([
      { action: "score.save", target_type: "application", actor_user_id: reviewer.id, actor_role: "reviewer" },
      { action: "score.submit", target_type: "application", actor_user_id: reviewer.id, actor_role: "reviewer" },
    ]);
  });

  it("a statement of the save's batch that fails leaves nothing half-written", async () => {
    const reviewer = await newReviewer();
    const id = await application([reviewer.id]);
    await ok(form(reviewer.cookie, id).save({ version: 0, items: [{ itemCode: "A1.1", points: 1 }] }));
    // Forced failure: any score row for A2.2 aborts its statement, and so the whole batch.
    await env.DB.exec(
      "create trigger fail_a22 before insert on scores when new.item_code = 'A2.2' begin select raise(abort, 'forced failure'); end",
    );
    try {
      const res = await form(reviewer.cookie, id).save({ version: 1, items: fullItems(), submit: true });
      expect(res.status).toBe(500);
    } finally {
      await env.DB.exec("drop trigger fail_a22");
    }
    expect(await formRow(id, reviewer.id)).toMatchObject({ version: 1, status: "draft", total: 1 });
    expect(
      await count(
        "select count(*) n from scores s join score_forms f on f.id = s.form_id where f.application_id = ?",
        id,
      ),
    ).toBe(1);
    expect(await auditCount("score.submit", id)).toBe(0);
    expect(await storedResult(id, "city")).toMatchObject({ reviewers: 0 });
  });

  it("a save takes two D1 round trips, a read one", async () => {
    const reviewer = await newReviewer();
    const id = await application([reviewer.id]);
    await ok(form(reviewer.cookie, id).get());
    const read = await form(reviewer.cookie, id).get();
    expect(roundTripsOf(read)).toBe(1);
    const saved = await form(reviewer.cookie, id).save({ version: 0, items: fullItems() });
    expect(saved.status).toBe(200);
    expect(roundTripsOf(saved)).toBeLessThanOrEqual(2);
    const again = await form(reviewer.cookie, id).save({ version: 1, items: fullItems(2), submit: true });
    expect(again.status).toBe(200);
    expect(roundTripsOf(again)).toBeLessThanOrEqual(2);
    const stale = await form(reviewer.cookie, id).save({ version: 1, items: fullItems() });
    expect(stale.status).toBe(409);
    expect(roundTripsOf(stale)).toBe(1);
    await ok(form(reviewer.cookie, id).scores());
    expect(roundTripsOf(await form(reviewer.cookie, id).scores())).toBe(1);
  });
});
