import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { missingEvidence } from "../../worker/domain/evidence-rules.ts";
import { beijingToday } from "../../worker/domain/record-rules.ts";
import { CriteriaContent } from "../../worker/schemas/criteria.ts";
import { ok, statusOf, tenantApi } from "./client.ts";
import { PLACES, signInAll, UNITS } from "./fixtures.ts";
import { noticedObjection } from "./notice-fixtures.ts";
import {
  DEMO_CRITERIA,
  departmentAccount,
  insertApplication,
  insertAssignment,
  insertForm,
  insertUnit,
  roundIn,
  TENANT,
  TENANT_ID,
  uid,
  unitApplication,
  userIdOf,
} from "./ranking-fixtures.ts";
import { roundTripsOf } from "./round-trips.ts";

let admin: string;
let province: string;
let deyang: string;
let staff: string;
let hubeiAdmin: string;

const todo = (cookie: string, tenant = TENANT) => tenantApi(cookie).todo.$get({ param: { tenant } });

/** The caller's to-dos of one round, by kind. */
async function todosOf(cookie: string, roundId: string) {
  const body = await ok(todo(cookie));
  return Object.fromEntries(body.items.filter((i) => i.round.id === roundId).map((i) => [i.kind, i]));
}

/** Units pending approval the caller counts (0 when the kind is absent). */
async function pendingOf(cookie: string, tenant = TENANT) {
  const body = await ok(todo(cookie, tenant));
  return body.outsideRounds.find((i) => i.kind === "units_pending")?.count ?? 0;
}

/** A registration under `place` waiting for approval. */
async function pendingUnit(place: string): Promise<string> {
  const id = await insertUnit({ jurisdictionId: place });
  await env.DB.prepare("update units set status = 'pending' where id = ?").bind(id).run();
  return id;
}

/** A date `days` after today in Beijing. */
function inDays(days: number): string {
  const today = beijingToday(new Date());
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

beforeAll(async () => {
  ({
    sichuanAdmin: admin,
    sichuanProvince: province,
    deyang,
    sichuanUnit: staff,
    hubeiAdmin,
  } = await signInAll("sichuanAdmin", "sichuanProvince", "deyang", "sichuanUnit", "hubeiAdmin"));
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
    const theirs = await todosOf(province, round.id);
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
      items_missing: expect.objectContaining({ applicationIds: [own], dueDate: inDays(-1), daysLeft: -1 }),
      // Nothing is linked yet: every item of the round's system has nothing (coverage.test.ts counts a crafted one).
      coverage_gaps: expect.objectContaining({ applicationIds: [own] }),
    });
  });

  it("a unit's home says how many items are still missing before it can submit, by the submission rule", async () => {
    const round = await roundIn(admin, "applications_open", { dates: { applicationsClose: inDays(9) } });
    const own = await insertApplication({ roundId: round.id, unitId: UNITS.deyangKexie, status: "draft" });
    const row = await env.DB.prepare("select content from criteria_systems where id = ?")
      .bind(DEMO_CRITERIA)
      .first<{ content: string }>();
    const doc = CriteriaContent.parse(JSON.parse(row?.content ?? "{}"));
    const required = Object.keys(missingEvidence(doc, new Map())).length;
    expect(required).toBeGreaterThan(2);
    expect((await todosOf(staff, round.id)).items_missing).toMatchObject({
      count: required,
      applicationIds: [own],
      dueDate: inDays(9),
      daysLeft: 9,
    });
    // One item complete (self-score, 说明, its files); one scored with a blank 说明 is still missing.
    const items = doc.categories.flatMap((c) => c.items);
    const [done, blank] = items as [(typeof items)[number], (typeof items)[number]];
    const now = new Date().toISOString();
    // A self-assessment as the item's mode asks: its first grade, or points.
    const put = (item: typeof done, note: string) => {
      const graded = item.mode === "graded";
      return env.DB.prepare(
        `insert into application_items (id, tenant_id, application_id, item_code, self_points, self_grade, note, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).bind(
        uid("item"),
        TENANT_ID,
        own,
        item.code,
        graded ? null : 1,
        graded ? (item.grades[0]?.grade ?? "A") : null,
        note,
        now,
      );
    };
    await env.DB.batch([
      put(done, "已按要求开展"),
      put(blank, "  \n"),
      ...Array.from({ length: done.evidence.minFiles }, (_, i) =>
        env.DB.prepare(
          `insert into evidence_files (id, tenant_id, application_id, item_code, key, name, content_type, size)
           values (?, ?, ?, ?, ?, ?, 'image/jpeg', 10)`,
        ).bind(uid("file"), TENANT_ID, own, done.code, `k-${uid("f")}`, `照片${i}.jpg`),
      ),
    ]);
    expect((await todosOf(staff, round.id)).items_missing).toMatchObject({ count: required - 1 });
  });

  it("unit staff: an application the city returned is listed as returned, not as a draft", async () => {
    const round = await roundIn(admin, "city_review", { dates: { cityReviewClose: inDays(3) } });
    const own = await insertApplication({ roundId: round.id, unitId: UNITS.deyangKexie, status: "city_returned" });
    const mine = await todosOf(staff, round.id);
    expect(mine.drafts).toBeUndefined();
    expect(mine.returned).toMatchObject({ count: 1, applicationIds: [own], dueDate: inDays(3), daysLeft: 3 });
  });

  it("units pending approval: the office and the province count every city, a city reviewer only its own; not unit staff", async () => {
    const before = {
      admin: await pendingOf(admin),
      province: await pendingOf(province),
      deyang: await pendingOf(deyang),
      hubei: await pendingOf(hubeiAdmin, "hubei"),
    };
    await pendingUnit(PLACES.jingyang);
    await pendingUnit(PLACES.dazhou);
    expect(await pendingOf(admin)).toBe(before.admin + 2);
    expect(await pendingOf(province)).toBe(before.province + 2);
    expect(await pendingOf(deyang)).toBe(before.deyang + 1);
    expect(await pendingOf(hubeiAdmin, "hubei")).toBe(before.hubei);
    expect((await ok(todo(staff))).outsideRounds).toEqual([]);
    // The count is what the unit list's 待审核 filter finds in the same scope.
    const listed = await ok(
      tenantApi(deyang).units.$get({ param: { tenant: TENANT }, query: { status: "pending", pageSize: "1" } }),
    );
    expect(listed.total).toBe(before.deyang + 1);
  });

  it("the office: each open round's intake with the days left (zero included), decisions due and open objections", async () => {
    const round = await roundIn(admin, "applications_open", { dates: { applicationsClose: inDays(10) } });
    expect((await todosOf(admin, round.id)).round_intake).toMatchObject({
      count: 0,
      dueDate: inDays(10),
      daysLeft: 10,
    });
    await unitApplication(round.id, PLACES.jingyang);
    await unitApplication(round.id, PLACES.dazhou, { status: "draft" });
    expect((await todosOf(admin, round.id)).round_intake).toMatchObject({ count: 1 });

    const review = await roundIn(admin, "city_review", { dates: { cityReviewClose: inDays(4) } });
    const a = await unitApplication(review.id, PLACES.jingyang);
    await unitApplication(review.id, PLACES.dazhou);
    await noticedObjection(review.id, a.applicationId);
    const mine = await todosOf(admin, review.id);
    expect(mine.decisions).toMatchObject({ count: 2, daysLeft: 4 });
    expect(mine.objections).toMatchObject({ count: 1, applicationIds: [a.applicationId], daysLeft: 4 });
    expect(mine.round_intake).toMatchObject({ count: 2 });
    // A city reviewer counts only their city's decisions; another tenant's office sees none of this round.
    expect((await todosOf(deyang, review.id)).decisions).toMatchObject({ count: 1 });
    const hubei = await ok(todo(hubeiAdmin, "hubei"));
    expect(hubei.items.some((i) => i.round.id === review.id || i.round.id === round.id)).toBe(false);
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
