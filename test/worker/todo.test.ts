import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { beijingToday } from "../../worker/domain/record-rules.ts";
import { ok, statusOf, tenantApi } from "./client.ts";
import { PLACES, signInAll, UNITS } from "./fixtures.ts";
import {
  departmentAccount,
  insertApplication,
  insertAssignment,
  insertForm,
  roundIn,
  TENANT,
  TENANT_ID,
  uid,
  unitApplication,
  userIdOf,
} from "./ranking-fixtures.ts";
import { roundTripsOf } from "./round-trips.ts";

let admin: string;
let deyang: string;
let staff: string;
let hubeiAdmin: string;

const todo = (cookie: string, tenant = TENANT) => tenantApi(cookie).todo.$get({ param: { tenant } });

/** The caller's to-dos of one round, by kind. */
async function todosOf(cookie: string, roundId: string) {
  const body = await ok(todo(cookie));
  return Object.fromEntries(body.items.filter((i) => i.round.id === roundId).map((i) => [i.kind, i]));
}

/** A date `days` after today in Beijing. */
function inDays(days: number): string {
  const today = beijingToday(new Date());
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

beforeAll(async () => {
  ({
    sichuanAdmin: admin,
    deyang,
    sichuanUnit: staff,
    hubeiAdmin,
  } = await signInAll("sichuanAdmin", "deyang", "sichuanUnit", "hubeiAdmin"));
});

describe("what waits for each role", () => {
  it("a reviewer: forms to score, decisions due in their city, score changes to approve; with the phase's end and days left", async () => {
    const round = await roundIn(admin, "city_review", { dates: { cityReviewClose: inDays(5) } });
    const me = await userIdOf("deyang@sichuan.demo");
    const other = await userIdOf("province@sichuan.demo");
    const a = await unitApplication(round.id, PLACES.jingyang);
    const b = await unitApplication(round.id, PLACES.jingyang);
    await unitApplication(round.id, PLACES.dazhou);
    await insertAssignment({ roundId: round.id, applicationId: a.applicationId, stage: "city", reviewerId: me });
    await insertAssignment({ roundId: round.id, applicationId: b.applicationId, stage: "city", reviewerId: me });
    await insertForm({ roundId: round.id, applicationId: b.applicationId, stage: "city", reviewerId: me });
    const form = await insertForm({
      roundId: round.id,
      applicationId: a.applicationId,
      stage: "city",
      reviewerId: other,
    });
    await env.DB.prepare(
      `insert into score_changes (id, tenant_id, round_id, application_id, form_id, proposed_by, reason, proposal, form_version)
       values (?, ?, ?, ?, ?, ?, '复核后调整', '{}', 1)`,
    )
      .bind(uid("change"), TENANT_ID, round.id, a.applicationId, form, other)
      .run();
    await todo(deyang);
    const res = await todo(deyang);
    expect(roundTripsOf(res)).toBe(1);
    const body = await ok(Promise.resolve(res));
    expect(body.today).toBe(beijingToday(new Date()));
    const mine = Object.fromEntries(body.items.filter((i) => i.round.id === round.id).map((i) => [i.kind, i]));
    expect(Object.keys(mine).sort()).toEqual(["decisions", "score_changes", "score_forms"]);
    expect(mine.score_forms).toMatchObject({
      count: 1,
      applicationIds: [a.applicationId],
      round: { id: round.id, phase: "city_review" },
      dueDate: inDays(5),
      daysLeft: 5,
    });
    expect(mine.decisions).toMatchObject({ count: 2 });
    expect(mine.decisions?.applicationIds?.sort()).toEqual([a.applicationId, b.applicationId].sort());
    expect(mine.score_changes).toMatchObject({ count: 1, applicationIds: [a.applicationId] });
    // The proposer does not approve their own change.
    const theirs = await todosOf(await signInAll("sichuanProvince").then((c) => c.sichuanProvince), round.id);
    expect(theirs.score_changes).toBeUndefined();
  });

  it("a department: applications in scope still lacking its sign-off where the round requires it", async () => {
    const round = await roundIn(admin, "city_review", { review: { signoffDepartments: ["纪检监察"] } });
    const other = await roundIn(admin, "city_review", { review: { signoffDepartments: ["综治"] } });
    const a = await unitApplication(round.id, PLACES.jingyang);
    await unitApplication(round.id, PLACES.dazhou);
    await unitApplication(other.id, PLACES.jingyang);
    const department = await departmentAccount(admin, "纪检监察");
    expect(await todosOf(department, round.id)).toMatchObject({ signoffs: { count: 2 } });
    expect(await todosOf(department, other.id)).toEqual({});
    await ok(
      tenantApi(department).applications[":id"].signoff.$put({
        param: { tenant: TENANT, id: a.applicationId },
        json: { verdict: "clear" },
      }),
    );
    expect(await todosOf(department, round.id)).toMatchObject({ signoffs: { count: 1 } });
    // A 德阳 department account sees only 德阳's.
    const local = await departmentAccount(admin, "纪检监察", PLACES.deyang);
    expect(await todosOf(local, round.id)).toEqual({});
  });

  it("the office: declared conflicts, short panels and each round's blockers", async () => {
    const round = await roundIn(admin, "city_review", { review: { panelSize: 2 } });
    const reviewer = await userIdOf("deyang@sichuan.demo");
    const a = await unitApplication(round.id, PLACES.jingyang);
    await insertAssignment({ roundId: round.id, applicationId: a.applicationId, stage: "city", reviewerId: reviewer });
    await env.DB.prepare(
      `insert into conflicts (id, tenant_id, round_id, application_id, reviewer_user_id, reason) values (?, ?, ?, ?, ?, '曾在该单位任职')`,
    )
      .bind(uid("conflict"), TENANT_ID, round.id, a.applicationId, reviewer)
      .run();
    const mine = await todosOf(admin, round.id);
    expect(mine.conflicts).toMatchObject({ count: 1, applicationIds: [a.applicationId] });
    expect(mine.short_panels).toMatchObject({ count: 1, applicationIds: [a.applicationId] });
    expect(mine.blockers).toMatchObject({
      count: 1,
      blockers: [{ code: "undecided", count: 1, applicationIds: [a.applicationId] }],
    });
  });

  it("unit staff: their drafts while applications are open, with the days left; nothing of other units", async () => {
    const round = await roundIn(admin, "applications_open", { dates: { applicationsClose: inDays(-1) } });
    const own = await insertApplication({ roundId: round.id, unitId: UNITS.deyangKexie, status: "draft" });
    await unitApplication(round.id, PLACES.jingyang, { status: "draft" });
    expect(await todosOf(staff, round.id)).toEqual({
      drafts: expect.objectContaining({ count: 1, applicationIds: [own], dueDate: inDays(-1), daysLeft: -1 }),
      // Nothing is linked yet: every item of the round's system has nothing (coverage.test.ts counts a crafted one).
      coverage_gaps: expect.objectContaining({ applicationIds: [own] }),
    });
  });

  it("another tenant's to-dos name none of this tenant's rounds; anonymous 401; a tenant one is not a member of 404", async () => {
    const round = await roundIn(admin, "city_review");
    await unitApplication(round.id, PLACES.jingyang);
    const hubei = await ok(todo(hubeiAdmin, "hubei"));
    expect(hubei.items.some((i) => i.round.id === round.id)).toBe(false);
    expect(await statusOf(todo(hubeiAdmin))).toBe(404);
    expect(await statusOf(todo(""))).toBe(401);
  });
});
