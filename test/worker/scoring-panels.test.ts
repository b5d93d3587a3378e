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
  insertApplication,
  newReviewer,
  scoringRound,
  setPhase,
  TENANT,
  type TestReviewer,
  unitsUnder,
} from "./scoring-fixtures.ts";

let admin: string;
let deyang: string;
let dazhou: string;
let staff: string;
let hubeiAdmin: string;
let hubeiProvince: string;
let systemId: string;
let roundId: string;
let deyangUnits: string[];
let nextUnit = 0;
let a: TestReviewer;
let b: TestReviewer;

type Stage = "city" | "province";
const panel = (cookie: string | undefined, id: string, tenant = TENANT) => {
  const route = tenantApi(cookie).applications[":id"];
  const param = { tenant, id };
  return {
    get: () => route.panel.$get({ param }),
    set: (stage: Stage, reviewerIds: string[]) => route.panel.$put({ param, json: { stage, reviewerIds } }),
    exempt: (stage: Stage, reviewerId: string, reason: string) =>
      route.panel.exempt.$post({ param, json: { stage, reviewerId, reason } }),
    declare: (reason: string) => route.conflicts.$post({ param, json: { reason } }),
    decide: (conflictId: string, decision: "accept" | "override", reason: string) =>
      route.conflicts[":conflictId"].decision.$post({ param: { ...param, conflictId }, json: { decision, reason } }),
  };
};
const saveForm = (r: TestReviewer, id: string, version = 0) =>
  tenantApi(r.cookie).applications[":id"].form.$put({
    param: { tenant: TENANT, id },
    json: { stage: "city", version, items: fullItems(), vetoFindings: [], submit: true },
  });

const nextApplication = (round = roundId, status = "submitted") =>
  insertApplication(round, deyangUnits[nextUnit++] ?? "", status);

const seatsOf = async (applicationId: string) =>
  (
    await env.DB.prepare(
      "select stage, reviewer_user_id reviewer, status from assignments where application_id = ? order by stage, reviewer_user_id",
    )
      .bind(applicationId)
      .all<{ stage: string; reviewer: string; status: string }>()
  ).results;

beforeAll(async () => {
  ({
    sichuanAdmin: admin,
    deyang,
    dazhou,
    sichuanUnit: staff,
    hubeiAdmin,
    hubeiProvince,
  } = await signInAll("sichuanAdmin", "deyang", "dazhou", "sichuanUnit", "hubeiAdmin", "hubeiProvince"));
  systemId = await createSystem(admin);
  roundId = await scoringRound(admin, systemId, "city_review");
  deyangUnits = await unitsUnder(PATHS.deyang, 60);
  [a, b] = [await newReviewer(), await newReviewer()];
});

describe("setting a panel by hand", () => {
  it("the round owner seats reviewers in scope; the panel shows each member and their form's status", async () => {
    const id = await nextApplication();
    const set = await ok(panel(admin, id).set("city", [DEMO_REVIEWERS.deyang, a.id]));
    expect(set.applicationId).toBe(id);
    expect(set.panels.find((p) => p.stage === "city")?.members).toEqual([
      expect.objectContaining({ reviewer: { id: DEMO_REVIEWERS.deyang, name: "德阳市审核员" }, status: "active" }),
      expect.objectContaining({ reviewer: { id: a.id, name: a.name }, status: "active", formStatus: null }),
    ]);
    expect(set.panels.find((p) => p.stage === "province")?.members).toEqual([]);
    await ok(saveForm(a, id));
    const seen = await ok(panel(deyang, id).get());
    expect(seen.panels[0]?.members.find((m) => m.reviewer.id === a.id)?.formStatus).toBe("submitted");
    expect(await auditCount("panel.set", id)).toBe(1);
  });

  it("a reviewer taken off keeps their form and scores; putting them back reactivates the seat", async () => {
    const id = await nextApplication();
    await ok(panel(admin, id).set("city", [a.id, b.id]));
    await ok(saveForm(b, id));
    const without = await ok(panel(admin, id).set("city", [a.id]));
    expect(without.panels[0]?.members.map((m) => [m.reviewer.id, m.status])).toEqual([
      [a.id, "active"],
      [b.id, "removed"],
    ]);
    expect(
      await count("select count(*) n from score_forms where application_id = ? and status = 'submitted'", id),
    ).toBe(1);
    expect(await statusOf(saveForm(b, id, 1))).toBe(403);
    await ok(panel(admin, id).set("city", [a.id, b.id]));
    expect((await seatsOf(id)).map((s) => s.status)).toEqual(["active", "active"]);
    expect(await statusOf(saveForm(b, id, 1))).toBe(200);
  });

  it("members must be reviewers whose scope covers the application at that stage: 400 naming each", async () => {
    const id = await nextApplication();
    const wrong = await failure(
      panel(admin, id).set("city", [
        a.id,
        DEMO_REVIEWERS.dazhou,
        DEMO_REVIEWERS.province,
        "user-unit-sichuan-demo",
        a.id,
      ]),
      400,
    );
    expect(Object.keys(wrong.error.fields ?? {}).sort()).toEqual([
      "reviewerIds.1",
      "reviewerIds.2",
      "reviewerIds.3",
      "reviewerIds.4",
    ]);
    const province = await failure(panel(admin, id).set("province", [a.id]), 400);
    expect(Object.keys(province.error.fields ?? {})).toEqual(["reviewerIds.0"]);
    expect(await statusOf(panel(admin, id).set("province", [DEMO_REVIEWERS.province]))).toBe(200);
    expect(await seatsOf(id)).toEqual([{ stage: "province", reviewer: DEMO_REVIEWERS.province, status: "active" }]);
  });

  it("a conflicted reviewer is refused with 409 naming who and why: own unit, same parent body, own city, declared", async () => {
    const unitId = deyangUnits[nextUnit] ?? "";
    const sibling = deyangUnits[nextUnit + 1] ?? "";
    const id = await nextApplication();
    nextUnit++;
    await env.DB.prepare("update units set parent_body = '德阳市教育局' where id in (?, ?)")
      .bind(unitId, sibling)
      .run();
    const own = await newReviewer(PLACES.deyang, { affiliationUnitId: unitId, name: "本单位评审员" });
    const kin = await newReviewer(PLACES.deyang, { affiliationUnitId: sibling, name: "同主管评审员" });
    const refused = await failure(panel(admin, id).set("city", [a.id, own.id, kin.id]), 409);
    expect(refused.error.code).toBe("panel_conflicted");
    expect(refused.error.current).toEqual({
      reviewers: [
        { id: own.id, name: "本单位评审员", conflict: "own_unit" },
        { id: kin.id, name: "同主管评审员", conflict: "same_parent_body" },
      ],
    });
    expect(refused.error.fields?.["reviewerIds.1"]?.[0]).toContain("本单位评审员");
    expect(await seatsOf(id)).toEqual([]);

    const cityOf = await newReviewer(PLACES.sichuan, {
      affiliationUnitId: deyangUnits[nextUnit++],
      name: "德阳籍省级评审员",
    });
    const ownCity = await failure(panel(admin, id).set("province", [cityOf.id]), 409);
    expect(ownCity.error.current).toEqual({
      reviewers: [{ id: cityOf.id, name: "德阳籍省级评审员", conflict: "own_city" }],
    });

    await ok(panel(b.cookie, id).declare("本人曾在该单位挂职"), 201);
    const declared = await failure(panel(admin, id).set("city", [b.id]), 409);
    expect(declared.error.current).toEqual({ reviewers: [{ id: b.id, name: b.name, conflict: "declared" }] });
  });

  it("a round that does not avoid the same parent body lets such a reviewer sit", async () => {
    const round = await scoringRound(admin, systemId, "city_review", { review: { avoidSameParentBody: false } });
    const unitId = deyangUnits[nextUnit] ?? "";
    const sibling = deyangUnits[nextUnit + 1] ?? "";
    const id = await nextApplication(round);
    nextUnit++;
    await env.DB.prepare("update units set parent_body = '德阳市卫健委' where id in (?, ?)")
      .bind(unitId, sibling)
      .run();
    const kin = await newReviewer(PLACES.deyang, { affiliationUnitId: sibling });
    expect(await statusOf(panel(admin, id).set("city", [kin.id]))).toBe(200);
  });

  it("a stage's panel is set only in its review phase or the one before: 409 naming the phase", async () => {
    const round = await scoringRound(admin, systemId, "applications_open");
    const id = await nextApplication(round);
    expect(await statusOf(panel(admin, id).set("city", [a.id]))).toBe(200);
    expect((await failure(panel(admin, id).set("province", [DEMO_REVIEWERS.province]), 409)).error.code).toBe(
      "round_applications_open",
    );
    await setPhase(round, "province_review");
    expect((await failure(panel(admin, id).set("city", [a.id, b.id]), 409)).error.code).toBe("round_province_review");
    expect(await statusOf(panel(admin, id).set("province", [DEMO_REVIEWERS.province]))).toBe(200);
    await setPhase(round, "notice");
    expect((await failure(panel(admin, id).set("province", []), 409)).error.code).toBe("round_notice");
  });

  it("isolation: other tenant 404, another city's reviewer 404, reviewers and unit staff 403, anonymous 401", async () => {
    const id = await nextApplication();
    await ok(panel(admin, id).set("city", [a.id]));
    expect(await statusOf(panel(hubeiAdmin, id).get())).toBe(404);
    expect(await statusOf(panel(hubeiAdmin, id).set("city", []))).toBe(404);
    expect(await statusOf(panel(hubeiAdmin, id, "hubei").get())).toBe(404);
    expect(await statusOf(panel(hubeiAdmin, id, "hubei").set("city", []))).toBe(404);
    expect(await statusOf(panel(dazhou, id).get())).toBe(404);
    expect(await statusOf(panel(deyang, id).set("city", []))).toBe(403);
    expect(await statusOf(panel(staff, id).get())).toBe(403);
    const department = await newReviewer(PLACES.sichuan, { role: "department" });
    expect(await statusOf(panel(department.cookie, id).get())).toBe(403);
    expect(await statusOf(panel(undefined, id).get())).toBe(401);
    expect(await statusOf(panel(undefined, id).set("city", []))).toBe(401);
    expect(await seatsOf(id)).toEqual([{ stage: "city", reviewer: a.id, status: "active" }]);
  });

  it("bad input and unknown fields answer 400 and change nothing", async () => {
    const id = await nextApplication();
    await ok(panel(admin, id).set("city", [a.id]));
    const path = `/api/t/${TENANT}/applications/${id}/panel`;
    for (const body of [
      { stage: "city", reviewerIds: [a.id], status: "removed" },
      { stage: "city", reviewerIds: [a.id], tenantId: "t-hubei" },
      { stage: "town", reviewerIds: [] },
      { stage: "city", reviewerIds: Array.from({ length: 10 }, (_, i) => `r${i}`) },
      { stage: "city", reviewerIds: [""] },
      { stage: "city", reviewerIds: "all" },
    ]) {
      // Plain request: each body breaks the route's types on purpose.
      const res = await call(path, { method: "PUT", body, cookie: admin });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect(await seatsOf(id)).toEqual([{ stage: "city", reviewer: a.id, status: "active" }]);
    expect(await auditCount("panel.set", id)).toBe(1);
  });

  it("a failing statement of the panel's batch leaves the panel as it was", async () => {
    const id = await nextApplication();
    await ok(panel(admin, id).set("city", [a.id]));
    // Forced failure: taking anyone off this application's panel aborts, after the new seat's insert ran.
    await env.DB.exec(
      `create trigger fail_remove before update of status on assignments when new.status = 'removed' and old.application_id = '${id}' begin select raise(abort, 'forced failure'); end`,
    );
    try {
      expect((await panel(admin, id).set("city", [b.id])).status).toBe(500);
    } finally {
      await env.DB.exec("drop trigger fail_remove");
    }
    expect(await seatsOf(id)).toEqual([{ stage: "city", reviewer: a.id, status: "active" }]);
    expect(await auditCount("panel.set", id)).toBe(1);
  });

  it("reading a panel takes one D1 round trip, setting one two", async () => {
    const id = await nextApplication();
    await ok(panel(admin, id).get());
    expect(roundTripsOf(await panel(admin, id).get())).toBe(1);
    const set = await panel(admin, id).set("city", [a.id]);
    expect(set.status).toBe(200);
    expect(roundTripsOf(set)).toBeLessThanOrEqual(2);
  });
});

describe("declared conflicts and the round owner's decision", () => {
  it("a reviewer declares; accepting takes them off the panel (form kept); the decision is audited with its reason", async () => {
    const id = await nextApplication();
    await ok(panel(admin, id).set("city", [a.id, b.id]));
    const declared = await ok(panel(a.cookie, id).declare("本人亲属在该单位任职"), 201);
    const conflict = declared.conflicts.find((c) => c.reviewer.id === a.id);
    expect(conflict).toMatchObject({ reason: "本人亲属在该单位任职", status: "declared", decisionReason: null });
    expect(await auditCount("conflict.declare", id)).toBe(1);
    // While declared the reviewer cannot score it.
    expect((await failure(saveForm(a, id), 403)).error.code).toBe("reviewer_conflicted");
    const accepted = await ok(panel(admin, id).decide(conflict?.id ?? "", "accept", "亲属关系属实，予以回避"));
    expect(accepted.conflicts[0]).toMatchObject({ status: "accepted", decisionReason: "亲属关系属实，予以回避" });
    expect(accepted.panels[0]?.members.find((m) => m.reviewer.id === a.id)?.status).toBe("removed");
    const event = await env.DB.prepare(
      "select actor_role, reason from audit_events where action = 'conflict.accept' and target_id = ?",
    )
      .bind(id)
      .all();
    expect(event.results).toEqual([{ actor_role: "tenant_admin", reason: "亲属关系属实，予以回避" }]);
    // Deciding the same way again: 409; overriding instead lets them score once seated again.
    expect((await failure(panel(admin, id).decide(conflict?.id ?? "", "accept", "再次确认回避"), 409)).error.code).toBe(
      "already_in_state",
    );
    await ok(panel(admin, id).decide(conflict?.id ?? "", "override", "经核实已无利害关系"));
    await ok(panel(admin, id).set("city", [a.id, b.id]));
    expect(await statusOf(saveForm(a, id))).toBe(200);
  });

  it("isolation: only reviewers declare, only the round owner decides, scope and tenant as everywhere", async () => {
    const id = await nextApplication();
    expect(await statusOf(panel(admin, id).declare("管理员不能申报回避"))).toBe(403);
    expect(await statusOf(panel(staff, id).declare("单位不能申报回避"))).toBe(403);
    expect(await statusOf(panel(dazhou, id).declare("不在辖区"))).toBe(404);
    expect(await statusOf(panel(hubeiProvince, id, "hubei").declare("其他省份"))).toBe(404);
    expect(await statusOf(panel(hubeiProvince, id).declare("其他省份"))).toBe(404);
    expect(await statusOf(panel(undefined, id).declare("匿名"))).toBe(401);
    const declared = await ok(panel(deyang, id).declare("本人曾参与该单位创建指导"), 201);
    const conflictId = declared.conflicts[0]?.id ?? "";
    expect(await statusOf(panel(deyang, id).decide(conflictId, "override", "自行驳回"))).toBe(403);
    expect(await statusOf(panel(hubeiAdmin, id).decide(conflictId, "override", "外省"))).toBe(404);
    expect(await statusOf(panel(admin, id).decide("no-such-conflict", "override", "不存在"))).toBe(404);
    const other = await nextApplication();
    expect(await statusOf(panel(admin, other).decide(conflictId, "override", "他案"))).toBe(404);
    // A reason is required (2+ characters); unknown fields are refused.
    expect(await statusOf(panel(deyang, id).declare(" "))).toBe(400);
    const res = await call(`/api/t/${TENANT}/applications/${id}/conflicts/${conflictId}/decision`, {
      body: { decision: "override", reason: "理由充分", status: "accepted" },
      cookie: admin,
    });
    expect(res.status).toBe(400);
    expect(await count("select count(*) n from conflicts where application_id = ? and status = 'declared'", id)).toBe(
      1,
    );
  });
});

describe("excusing a panel member from submitting", () => {
  it("the round owner records an exemption with a reason; the member's seat shows it and they no longer score", async () => {
    const id = await nextApplication();
    await ok(panel(admin, id).set("city", [a.id, b.id]));
    const excused = await ok(panel(admin, id).exempt("city", b.id, "评审员住院，无法完成评分"));
    expect(excused.panels[0]?.members.find((m) => m.reviewer.id === b.id)).toMatchObject({
      status: "exempt",
      exemptReason: "评审员住院，无法完成评分",
    });
    expect(await auditCount("panel.exempt", id)).toBe(1);
    expect((await failure(saveForm(b, id), 403)).error.code).toBe("not_assigned");
    expect((await failure(panel(admin, id).exempt("city", b.id, "再次免除"), 409)).error.code).toBe("already_in_state");
    const notOnPanel = await failure(panel(admin, id).exempt("city", DEMO_REVIEWERS.deyang, "不在评审组"), 400);
    expect(Object.keys(notOnPanel.error.fields ?? {})).toEqual(["reviewerId"]);
    expect(await statusOf(panel(deyang, id).exempt("city", a.id, "评审员自行免除"))).toBe(403);
    expect(await statusOf(panel(hubeiAdmin, id, "hubei").exempt("city", a.id, "外省"))).toBe(404);
    expect(await statusOf(panel(undefined, id).exempt("city", a.id, "匿名"))).toBe(401);
    expect(await auditCount("panel.exempt", id)).toBe(1);
  });
});

describe("round trips of the panel writes", () => {
  it("declaring, deciding and excusing take at most two D1 round trips each", async () => {
    const id = await nextApplication();
    await ok(panel(admin, id).set("city", [a.id, b.id]));
    await ok(panel(a.cookie, id).get());
    const declared = await panel(a.cookie, id).declare("本人曾在该单位工作");
    expect(declared.status).toBe(201);
    expect(roundTripsOf(declared)).toBeLessThanOrEqual(2);
    const conflictId = (await declared.json()).conflicts[0]?.id ?? "";
    const decided = await panel(admin, id).decide(conflictId, "override", "已满五年，无需回避");
    expect(decided.status).toBe(200);
    expect(roundTripsOf(decided)).toBeLessThanOrEqual(2);
    const excused = await panel(admin, id).exempt("city", b.id, "因公出差无法评分");
    expect(excused.status).toBe(200);
    expect(roundTripsOf(excused)).toBeLessThanOrEqual(2);
  });
});

describe("automatic assignment", () => {
  it("fills every panel of the stage up to the panel size from eligible reviewers, skipping conflicts and removals", async () => {
    const round = await scoringRound(admin, systemId, "city_review", { review: { panelSize: 2 } });
    const apps: string[] = [];
    for (let i = 0; i < 6; i++) apps.push(await nextApplication(round));
    const [, , dazhouUnit] = await unitsUnder(PATHS.dazhou, 3);
    const dazhouApp = await insertApplication(round, dazhouUnit ?? "");
    await newReviewer(PLACES.dazhou);
    // A unit of a city where no reviewer sits.
    const lonely = await env.DB.prepare(
      `select u.id from units u join jurisdictions c on c.id = u.city_id
       where u.tenant_id = 't-sichuan' and u.status = 'active' and not exists (
         select 1 from memberships m join jurisdictions j on j.id = m.jurisdiction_id
         where m.role = 'reviewer' and j.level <> 'province' and c.path >= j.path and c.path < j.path || '￿'
           or m.role = 'reviewer' and j.level <> 'province' and j.path >= c.path and j.path < c.path || '￿')
       order by u.id limit 1`,
    ).first<{ id: string }>();
    const lonelyApp = await insertApplication(round, lonely?.id ?? "");
    await nextApplication(round, "draft");
    // Conflicts: one reviewer works in the first unit, another declared a conflict on the second, and the
    // round owner took a third off the third application's panel by hand.
    const firstUnit = (
      await env.DB.prepare("select unit_id from applications where id = ?").bind(apps[0]).first<{
        unit_id: string;
      }>()
    )?.unit_id;
    const insider = await newReviewer(PLACES.deyang, { affiliationUnitId: firstUnit });
    await ok(panel(b.cookie, apps[1] ?? "").declare("本人与该单位有利害关系"), 201);
    await ok(panel(admin, apps[2] ?? "").set("city", [a.id]));
    await ok(panel(admin, apps[2] ?? "").set("city", []));

    const route = tenantApi(admin).rounds[":roundId"].panels.auto;
    const result = await ok(route.$post({ param: { tenant: TENANT, roundId: round }, json: { stage: "city" } }));
    const seats = (
      await env.DB.prepare(
        `select a.application_id app, a.reviewer_user_id reviewer, a.status, j.path from assignments a
         join memberships m on m.user_id = a.reviewer_user_id join jurisdictions j on j.id = m.jurisdiction_id
         where a.round_id = ? and a.stage = 'city' and a.status = 'active'`,
      )
        .bind(round)
        .all<{ app: string; reviewer: string; path: string }>()
    ).results;
    expect(result.assigned).toBe(seats.length);
    for (const app of [...apps, dazhouApp]) expect(seats.filter((s) => s.app === app)).toHaveLength(2);
    expect(seats.some((s) => s.app === apps[0] && s.reviewer === insider.id)).toBe(false);
    expect(seats.some((s) => s.app === apps[1] && s.reviewer === b.id)).toBe(false);
    expect(seats.some((s) => s.app === apps[2] && s.reviewer === a.id)).toBe(false);
    for (const s of seats) expect(s.path.startsWith("/510000/5")).toBe(true);
    expect(seats.filter((s) => s.app === dazhouApp).every((s) => s.path === PATHS.dazhou)).toBe(true);
    // No city reviewer covers that unit: its panel is reported short.
    expect(result.shortPanels).toEqual([expect.objectContaining({ applicationId: lonelyApp, seats: 0 })]);
    expect(result.shortPanels[0]?.unitName).not.toBe("");
    // Balanced by load among the Deyang reviewers who could take every Deyang application.
    const load = new Map<string, number>();
    for (const s of seats) if (s.path === PATHS.deyang) load.set(s.reviewer, (load.get(s.reviewer) ?? 0) + 1);
    const loads = [...load.values()];
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(2);
    expect(await auditCount("panel.auto_assign", round)).toBe(1);

    // Running it again fills nothing more.
    const again = await ok(route.$post({ param: { tenant: TENANT, roundId: round }, json: { stage: "city" } }));
    expect(again.assigned).toBe(0);
  });

  it("the provincial stage seats provincial reviewers on the city-recommended applications, never one of their own city", async () => {
    const round = await scoringRound(admin, systemId, "city_review", { review: { panelSize: 3 } });
    const recommended = [
      await nextApplication(round, "city_recommended"),
      await nextApplication(round, "city_recommended"),
    ];
    const notYet = await nextApplication(round, "submitted");
    const fromDeyang = await newReviewer(PLACES.sichuan, { affiliationUnitId: deyangUnits[0] });
    const route = tenantApi(admin).rounds[":roundId"].panels.auto;
    const result = await ok(route.$post({ param: { tenant: TENANT, roundId: round }, json: { stage: "province" } }));
    expect(result.assigned).toBe(6);
    const seats = (
      await env.DB.prepare(
        `select a.application_id app, a.reviewer_user_id reviewer, j.level from assignments a
         join memberships m on m.user_id = a.reviewer_user_id join jurisdictions j on j.id = m.jurisdiction_id
         where a.round_id = ? and a.stage = 'province'`,
      )
        .bind(round)
        .all<{ app: string; reviewer: string; level: string }>()
    ).results;
    expect(seats.every((s) => s.level === "province" && recommended.includes(s.app))).toBe(true);
    expect(seats.some((s) => s.app === notYet || s.reviewer === fromDeyang.id)).toBe(false);
  });

  it("isolation, phase and input: round owner only, other tenant 404, wrong phase 409, bad body 400, two round trips", async () => {
    const round = await scoringRound(admin, systemId, "city_review");
    const post = (cookie: string | undefined, stage: Stage, tenant = TENANT) =>
      tenantApi(cookie).rounds[":roundId"].panels.auto.$post({ param: { tenant, roundId: round }, json: { stage } });
    expect(await statusOf(post(deyang, "city"))).toBe(403);
    expect(await statusOf(post(staff, "city"))).toBe(403);
    expect(await statusOf(post(undefined, "city"))).toBe(401);
    expect(await statusOf(post(hubeiAdmin, "city", "hubei"))).toBe(404);
    expect(await statusOf(post(hubeiAdmin, "city"))).toBe(404);
    await setPhase(round, "province_review");
    expect((await failure(post(admin, "city"), 409)).error.code).toBe("round_province_review");
    for (const body of [{ stage: "x" }, { stage: "city", panelSize: 9 }, {}]) {
      // Plain request: each body breaks the route's types on purpose.
      const res = await call(`/api/t/${TENANT}/rounds/${round}/panels/auto`, { body, cookie: admin });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const done = await post(admin, "province");
    expect(done.status).toBe(200);
    expect(roundTripsOf(done)).toBeLessThanOrEqual(2);
  });
});
