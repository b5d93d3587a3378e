import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { beijingToday } from "../../worker/domain/record-rules.ts";
import { newSessionToken, sessionIdFromToken } from "../../worker/domain/session-token.ts";
import { SESSION_COOKIE } from "../../worker/middleware/session.ts";
import { call, failure, ok, statusOf, tenantApi } from "./client.ts";
import { PLACES, signInAll, UNITS } from "./fixtures.ts";
import { insertApplication, insertForm, insertUnit } from "./ranking-fixtures.ts";
import { roundTripsOf } from "./round-trips.ts";
import { auditCount, createSystem, DEMO_REVIEWERS, SMALL_SYSTEM, scoringRound, TENANT } from "./scoring-fixtures.ts";

// 互评 over a real round of the small scoring system (A1.1 material 4 points, A1.2 graded, A2.1 survey, A2.2
// online 5 points): five applications in 德阳 (the demo unit's own among them, two under the same 主管部门), three
// in 达州, one withdrawn; peers grouped by city, two each.

type Cookies = Awaited<
  ReturnType<typeof signInAll<"sichuanAdmin" | "deyang" | "dazhou" | "sichuanUnit" | "hubeiAdmin" | "hubeiUnit">>
>;
let cookies: Cookies;
let roundId: string;
let own: string;
let deyangApps: string[];
let dazhouApps: string[];
let dazhouUnits: string[];
let withdrawn: string;
let hubeiRound: string;

const today = beijingToday(new Date());
const inDays = (n: number) => new Date(Date.parse(today) + n * 86_400_000).toISOString().slice(0, 10);
const window = { opensOn: today, closesOn: inDays(10) };

const settingsApi = (cookie: string) => tenantApi(cookie).rounds[":id"].mutual;
const formApi = (cookie: string) => tenantApi(cookie).applications[":id"].mutual;
const getSettings = (cookie: string, id = roundId) => settingsApi(cookie).$get({ param: { tenant: TENANT, id } });
const putSettings = (cookie: string, json: Record<string, unknown>) =>
  settingsApi(cookie).$put({ param: { tenant: TENANT, id: roundId }, json: json as never });
const assign = (cookie: string, version: number) =>
  settingsApi(cookie).assign.$post({ param: { tenant: TENANT, id: roundId }, json: { version } });
const progress = (cookie: string) => settingsApi(cookie).progress.$get({ param: { tenant: TENANT, id: roundId } });
const getForm = (cookie: string, id = own) => formApi(cookie).$get({ param: { tenant: TENANT, id } });
const putForm = (cookie: string, json: Record<string, unknown>, id = own) =>
  formApi(cookie).$put({ param: { tenant: TENANT, id }, json: json as never });

async function pairs(): Promise<Array<{ rater: string; ratee: string }>> {
  const rows = await env.DB.prepare(
    "select rater_application_id rater, ratee_application_id ratee from mutual_assignments where round_id = ?",
  )
    .bind(roundId)
    .all<{ rater: string; ratee: string }>();
  return rows.results;
}

async function extraPoints(applicationId: string): Promise<number> {
  const ranking = await ok(
    tenantApi(cookies.sichuanAdmin).rounds[":roundId"].ranking.$get({
      param: { tenant: TENANT, roundId },
      query: { pageSize: "50" },
    }),
  );
  return ranking.items.find((row) => row.applicationId === applicationId)?.extraPoints ?? 0;
}

/** A unit staff account of `unitId` with a session, inserted straight into D1 (registration has its own tests). */
async function unitStaff(unitId: string): Promise<string> {
  const id = `user-staff-${unitId}`;
  const token = newSessionToken();
  const expires = new Date(Date.now() + 6 * 3600_000).toISOString();
  await env.DB.batch([
    env.DB.prepare("insert into users (id, email, display_name, status) values (?, ?, '单位联络员', 'active')").bind(
      id,
      `${id}@unit.test`,
    ),
    env.DB.prepare(
      "insert into memberships (id, user_id, tenant_id, role, unit_id, status) values (?, ?, 't-sichuan', 'unit_staff', ?, 'active')",
    ).bind(`m-${id}`, id, unitId),
    env.DB.prepare("insert into sessions (id, user_id, expires_at) values (?, ?, ?)").bind(
      await sessionIdFromToken(token),
      id,
      expires,
    ),
  ]);
  return `${SESSION_COOKIE}=${token}`;
}

beforeAll(async () => {
  cookies = await signInAll("sichuanAdmin", "deyang", "dazhou", "sichuanUnit", "hubeiAdmin", "hubeiUnit");
  roundId = await scoringRound(cookies.sichuanAdmin, await createSystem(cookies.sichuanAdmin));
  own = await insertApplication({ roundId, unitId: UNITS.deyangKexie });
  deyangApps = [own];
  for (let i = 0; i < 4; i++) {
    const unitId = await insertUnit({ jurisdictionId: PLACES.deyang, name: `德阳互评单位${i}` });
    // Two of them answer to the same parent body: they never score each other.
    if (i < 2) await env.DB.prepare("update units set parent_body = '德阳市教育局' where id = ?").bind(unitId).run();
    deyangApps.push(await insertApplication({ roundId, unitId }));
  }
  dazhouApps = [];
  dazhouUnits = [];
  for (let i = 0; i < 3; i++) {
    const unitId = await insertUnit({ jurisdictionId: PLACES.dazhou, name: `达州互评单位${i}` });
    dazhouUnits.push(unitId);
    dazhouApps.push(await insertApplication({ roundId, unitId }));
  }
  const gone = await insertUnit({ jurisdictionId: PLACES.deyang, name: "德阳撤回单位" });
  withdrawn = await insertApplication({ roundId, unitId: gone, status: "withdrawn" });
  const hubeiSystem = await ok(
    tenantApi(cookies.hubeiAdmin)["criteria-systems"].$post({ param: { tenant: "hubei" }, json: SMALL_SYSTEM }),
    201,
  );
  const created = await ok(
    tenantApi(cookies.hubeiAdmin).rounds.$post({
      param: { tenant: "hubei" },
      json: {
        title: "湖北互评测试评选",
        level: "city",
        kind: "selection",
        year: 2026,
        criteriaSystemId: hubeiSystem.id,
      },
    }),
    201,
  );
  hubeiRound = created.id;
});

const settings = { itemCodes: ["A1.1", "A2.2"], peers: 2, groupBy: "city", ...window };

describe("mutual assessment settings", () => {
  it("before a save, reviewers and admins read the defaults; unit staff get 403, anonymous 401, other tenants 404", async () => {
    const view = await ok(getSettings(cookies.deyang));
    expect(view).toMatchObject({ configured: false, version: 0, editable: false, itemCodes: [], assignments: 0 });
    expect((await ok(getSettings(cookies.sichuanAdmin))).editable).toBe(true);
    await failure(getSettings(cookies.sichuanUnit), 403);
    expect(await statusOf(getSettings(""))).toBe(401);
    expect(await statusOf(getSettings(cookies.hubeiAdmin))).toBe(404);
    expect(await statusOf(getSettings(cookies.sichuanAdmin, hubeiRound))).toBe(404);
  });

  it("refuses items that are not base items, are asked by the survey or repeat, bad days and unknown fields with 400", async () => {
    const refused = async (json: Record<string, unknown>, field: string) => {
      const body = await failure(putSettings(cookies.sichuanAdmin, { version: 0, ...settings, ...json }), 400);
      expect(Object.keys(body.error.fields ?? {})).toContain(field);
    };
    await refused({ itemCodes: ["B1"] }, "itemCodes.0");
    await refused({ itemCodes: ["A1.1", "NOPE"] }, "itemCodes.1");
    await refused({ itemCodes: ["A1.1", "A1.1"] }, "itemCodes.1");
    await refused({ itemCodes: [] }, "itemCodes");
    await refused({ closesOn: inDays(-1) }, "closesOn");
    await refused({ peers: 0 }, "peers");
    expect(
      (await failure(putSettings(cookies.sichuanAdmin, { version: 0, ...settings, status: "x" }), 400)).error.code,
    ).toBe("validation_failed");
    await failure(putSettings(cookies.deyang, { version: 0, ...settings }), 403);
    expect(await statusOf(putSettings(cookies.hubeiAdmin, { version: 0, ...settings }))).toBe(404);
    expect((await ok(getSettings(cookies.sichuanAdmin))).configured).toBe(false);
  });

  it("refuses an item the questionnaire maps to: it is scored by the survey", async () => {
    const questions = JSON.stringify([{ id: "q1", itemCode: "A1.1" }]);
    const now = new Date().toISOString();
    await env.DB.prepare(
      `insert into surveys (round_id, tenant_id, questions, min_answers, below_minimum, grade_bands, opens_on, closes_on,
        opens_at, closes_at, version, updated_at) values (?, 't-sichuan', ?, 30, 'zero', '[]', ?, ?, ?, ?, 1, ?)`,
    )
      .bind(roundId, questions, today, today, now, now, now)
      .run();
    const body = await failure(putSettings(cookies.sichuanAdmin, { version: 0, ...settings }), 400);
    expect(body.error.fields?.["itemCodes.0"]?.[0]).toContain("问卷调查");
    const view = await ok(getSettings(cookies.sichuanAdmin));
    expect(view.baseItems.filter((i) => i.survey).map((i) => i.code)).toEqual(["A1.1"]);
    await env.DB.prepare("delete from surveys where round_id = ?").bind(roundId).run();
  });

  it("saves in two round trips with one audit event; a stale version is 409 with the current settings", async () => {
    const saved = await putSettings(cookies.sichuanAdmin, { version: 0, ...settings });
    expect(roundTripsOf(saved)).toBe(2);
    const view = await ok(Promise.resolve(saved));
    expect(view).toMatchObject({
      configured: true,
      version: 1,
      itemCodes: ["A1.1", "A2.2"],
      open: true,
      closed: false,
    });
    expect(view.items.map((i) => [i.code, i.maxPoints])).toEqual([
      ["A1.1", 4],
      ["A2.2", 5],
    ]);
    expect(await auditCount("mutual.save", roundId)).toBe(1);
    const stale = await failure(putSettings(cookies.sichuanAdmin, { version: 0, ...settings, peers: 3 }), 409);
    expect(stale.error.code).toBe("stale_version");
    expect(stale.error.current).toMatchObject({ version: 1, peers: 2 });
    expect(await auditCount("mutual.save", roundId)).toBe(1);
  });
});

describe("assigning peers", () => {
  it("is the admin's, version-guarded, in two round trips", async () => {
    await failure(assign(cookies.deyang, 1), 403);
    expect((await failure(assign(cookies.sichuanAdmin, 7), 409)).error.code).toBe("stale_version");
    const res = await assign(cookies.sichuanAdmin, 1);
    expect(roundTripsOf(res)).toBe(2);
    const view = await ok(Promise.resolve(res));
    expect(view.version).toBe(2);
    expect(view.assignedAt).not.toBeNull();
    expect(view.assignments).toBe((await pairs()).length);
    expect(await auditCount("mutual.assign", roundId)).toBe(1);
  });

  it("never assigns a unit itself, a withdrawn application, a peer of another city or one under the same parent body", async () => {
    const all = await pairs();
    const city = (id: string) => (deyangApps.includes(id) ? "deyang" : "dazhou");
    for (const { rater, ratee } of all) {
      expect(rater).not.toBe(ratee);
      expect([rater, ratee]).not.toContain(withdrawn);
      expect(city(rater)).toBe(city(ratee));
      expect([rater, ratee].sort()).not.toEqual([deyangApps[1], deyangApps[2]].sort());
    }
    for (const app of [...deyangApps, ...dazhouApps]) expect(all.filter((p) => p.rater === app)).toHaveLength(2);
    // 达州 has three units and no conflicts: each is scored by exactly two peers.
    for (const app of dazhouApps) expect(all.filter((p) => p.ratee === app)).toHaveLength(2);
  });

  it("re-running gives the same pairs (seeded by the round)", async () => {
    const before = (await pairs()).map((p) => `${p.rater}>${p.ratee}`).sort();
    await ok(assign(cookies.sichuanAdmin, 2));
    expect((await pairs()).map((p) => `${p.rater}>${p.ratee}`).sort()).toEqual(before);
  });
});

describe("a unit's mutual form", () => {
  let peers: string[];

  it("shows the unit's staff its assigned peers and the mutual items; reviewers in scope read it, others get 404", async () => {
    const form = await ok(getForm(cookies.sichuanUnit));
    expect(form).toMatchObject({ configured: true, open: true, editable: true, closesOn: window.closesOn });
    expect(form.items.map((i) => i.code)).toEqual(["A1.1", "A2.2"]);
    peers = form.peers.map((p) => p.applicationId);
    expect(peers.sort()).toEqual(
      (await pairs())
        .filter((p) => p.rater === own)
        .map((p) => p.ratee)
        .sort(),
    );
    expect((await ok(getForm(cookies.deyang))).editable).toBe(false);
    expect(await statusOf(getForm(cookies.dazhou))).toBe(404);
    expect(await statusOf(getForm(cookies.hubeiUnit))).toBe(404);
    expect(await statusOf(getForm(cookies.hubeiAdmin))).toBe(404);
    expect(await statusOf(getForm(cookies.sichuanUnit, dazhouApps[0]))).toBe(404);
  });

  it("only the unit's staff write it: reviewers and admins get 403", async () => {
    const json = { scores: [], submit: false };
    await failure(putForm(cookies.deyang, json), 403);
    await failure(putForm(cookies.sichuanAdmin, json), 403);
    expect(await statusOf(putForm(cookies.hubeiUnit, json))).toBe(404);
  });

  it("refuses a peer not assigned, an item that is not mutual, points over the max or off the half-point steps", async () => {
    const refused = async (score: Record<string, unknown>, field: string) => {
      const json = { scores: [{ rateeApplicationId: peers[0], itemCode: "A1.1", points: 2, ...score }], submit: false };
      const body = await failure(putForm(cookies.sichuanUnit, json), 400);
      expect(Object.keys(body.error.fields ?? {})).toEqual([field]);
    };
    const notAssigned = [...deyangApps, ...dazhouApps].find((a) => a !== own && !peers.includes(a));
    await refused({ rateeApplicationId: notAssigned }, "scores.0.rateeApplicationId");
    await refused({ rateeApplicationId: own }, "scores.0.rateeApplicationId");
    await refused({ itemCode: "A1.2" }, "scores.0.itemCode");
    await refused({ points: 4.5 }, "scores.0.points");
    await refused({ points: 1.25 }, "scores.0.points");
    await failure(putForm(cookies.sichuanUnit, { scores: [], submit: false, tenantId: "t-hubei" }), 400);
  });

  it("keeps a draft that counts for nothing, refuses an incomplete submit with 409", async () => {
    const [first] = peers;
    const draft = await ok(
      putForm(cookies.sichuanUnit, {
        scores: [
          { rateeApplicationId: first, itemCode: "A1.1", points: 3.5 },
          { rateeApplicationId: first, itemCode: "A2.2", points: 4 },
        ],
        submit: false,
      }),
    );
    expect(draft.peers.find((p) => p.applicationId === first)).toMatchObject({
      submitted: false,
      scores: [
        { itemCode: "A1.1", points: 3.5 },
        { itemCode: "A2.2", points: 4 },
      ],
    });
    expect(await extraPoints(first ?? "")).toBe(0);
    expect(await auditCount("mutual.score", own)).toBe(1);
    // The unit's home lists the peers still to score, due when the window closes.
    const todo = await ok(tenantApi(cookies.sichuanUnit).todo.$get({ param: { tenant: TENANT } }));
    expect(todo.items.find((i) => i.kind === "mutual_pending" && i.round.id === roundId)).toMatchObject({
      count: 2,
      dueDate: window.closesOn,
      daysLeft: 10,
      applicationIds: [own],
    });
    const incomplete = await failure(putForm(cookies.sichuanUnit, { scores: [], submit: true }), 409);
    expect(incomplete.error.code).toBe("form_incomplete");
  });

  it("a submit moves the peers' extra points in the ranking, in two round trips; the form is then fixed", async () => {
    const [first, second] = peers;
    const res = await putForm(cookies.sichuanUnit, {
      scores: [
        { rateeApplicationId: second, itemCode: "A1.1", points: 2 },
        { rateeApplicationId: second, itemCode: "A2.2", points: 5 },
      ],
      submit: true,
    });
    expect(roundTripsOf(res)).toBe(2);
    const form = await ok(Promise.resolve(res));
    expect(form.editable).toBe(false);
    expect(form.peers.every((p) => p.submitted)).toBe(true);
    // Each peer has only this unit's submitted form so far: its points are what this unit gave.
    expect(await extraPoints(first ?? "")).toBe(7.5);
    expect(await extraPoints(second ?? "")).toBe(7);
    expect(await auditCount("mutual.submit", own)).toBe(1);
    const todo = await ok(tenantApi(cookies.sichuanUnit).todo.$get({ param: { tenant: TENANT } }));
    expect(todo.items.some((i) => i.kind === "mutual_pending")).toBe(false);
    const again = await failure(putForm(cookies.sichuanUnit, { scores: [], submit: false }), 409);
    expect(again.error.code).toBe("mutual_submitted");
  });

  it("a statement of the submit's batch that fails leaves nothing half-written", async () => {
    const staff = await unitStaff(dazhouUnits[0] ?? "");
    const rater = dazhouApps[0] ?? "";
    const form = await ok(getForm(staff, rater));
    const scores = form.peers.flatMap((peer) =>
      form.items.map((item) => ({ rateeApplicationId: peer.applicationId, itemCode: item.code, points: 1 })),
    );
    const victim = form.peers[0]?.applicationId ?? "";
    // Forced failure: refreshing the first peer's source points aborts its statement, and so the whole batch.
    await env.DB.exec(
      `create trigger fail_mutual before insert on source_points when new.application_id = '${victim}' begin select raise(abort, 'forced failure'); end`,
    );
    try {
      expect((await putForm(staff, { scores, submit: true }, rater)).status).toBe(500);
    } finally {
      await env.DB.exec("drop trigger fail_mutual");
    }
    const after = await ok(getForm(staff, rater));
    expect(after.peers.every((p) => !p.submitted && p.scores.every((x) => x.points === null))).toBe(true);
    expect(await auditCount("mutual.submit", rater)).toBe(0);
    expect(await extraPoints(victim)).toBe(0);
  });

  it("the assignment cannot be redone once a peer has scored", async () => {
    const version = (await ok(getSettings(cookies.sichuanAdmin))).version;
    expect((await failure(assign(cookies.sichuanAdmin, version), 409)).error.code).toBe("mutual_scored");
  });

  it("once reviewers have scored the round its mutual items are fixed (409 sources_locked); the rest may change", async () => {
    await insertForm({ roundId, applicationId: dazhouApps[0] ?? "", stage: "city", reviewerId: DEMO_REVIEWERS.dazhou });
    const version = (await ok(getSettings(cookies.sichuanAdmin))).version;
    const locked = await failure(putSettings(cookies.sichuanAdmin, { version, ...settings, itemCodes: ["A1.1"] }), 409);
    expect(locked.error.code).toBe("sources_locked");
    const saved = await ok(putSettings(cookies.sichuanAdmin, { version, ...settings, closesOn: inDays(12) }));
    expect(saved).toMatchObject({ version: version + 1, closesOn: inDays(12) });
  });
});

describe("progress", () => {
  it("shows each unit in the caller's scope with the peers' points, but not who scored whom while open", async () => {
    await failure(progress(cookies.sichuanUnit), 403);
    const deyang = await ok(progress(cookies.deyang));
    expect(deyang.closed).toBe(false);
    expect(deyang.rows.map((r) => r.applicationId).sort()).toEqual([...deyangApps].sort());
    expect(deyang.rows.every((r) => r.raters === null)).toBe(true);
    const first = deyang.rows.find((r) => r.applicationId === peersOf(deyang.rows)[0]);
    expect(first?.scored).toBeGreaterThanOrEqual(1);
    const dazhou = await ok(progress(cookies.dazhou));
    expect(dazhou.rows.map((r) => r.applicationId).sort()).toEqual([...dazhouApps].sort());
    expect(await statusOf(progress(cookies.hubeiAdmin))).toBe(404);
  });

  it("once the window has closed, shows who scored whom and refuses scores with 409 mutual_closed", async () => {
    // The end of the window, simulated: closes_at moved into the past straight in D1.
    await env.DB.prepare("update mutual_assessments set closes_at = ? where round_id = ?")
      .bind(new Date(Date.now() - 60_000).toISOString(), roundId)
      .run();
    const closed = await ok(progress(cookies.deyang));
    expect(closed.closed).toBe(true);
    const scoredByOwn = closed.rows.filter((r) => r.raters?.some((x) => x.applicationId === own && x.submitted));
    expect(scoredByOwn).toHaveLength(2);
    expect(scoredByOwn.map((r) => r.points).sort()).toEqual([7, 7.5]);
    const res = await call(`/api/t/${TENANT}/applications/${own}/mutual`, {
      method: "PUT",
      body: { scores: [], submit: false },
      cookie: cookies.sichuanUnit,
    });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("mutual_closed");
  });
});

function peersOf(rows: ReadonlyArray<{ applicationId: string; scored: number }>): string[] {
  return rows.filter((r) => r.scored > 0).map((r) => r.applicationId);
}
