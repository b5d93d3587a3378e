import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../worker/data/db.ts";
import { noticePublishStatements } from "../../worker/data/notices.ts";
import { phaseChangeWrites, phaseMoved } from "../../worker/data/phase-checks.ts";
import { addDays, isWorkingDay, noticeWindow } from "../../worker/domain/notice-window.ts";
import { beijingToday } from "../../worker/domain/record-rules.ts";
import { call, callJson, failure, ok, statusOf, tenantApi } from "./client.ts";
import { PLACES, signInAll } from "./fixtures.ts";
import {
  adminScope,
  CONTACT,
  publicVersion,
  publish,
  readNotice,
  roundReadyForNotice,
  rowOf,
} from "./notice-fixtures.ts";
import {
  applicationRow,
  auditCount,
  insertForm,
  roundIn,
  roundRow,
  TENANT,
  TENANT_ID,
  userIdOf,
} from "./ranking-fixtures.ts";
import { roundTripsOf } from "./round-trips.ts";

let admin: string;
let province: string;
let deyang: string;
let staff: string;
let hubeiAdmin: string;

beforeAll(async () => {
  ({
    sichuanAdmin: admin,
    sichuanProvince: province,
    deyang,
    sichuanUnit: staff,
    hubeiAdmin,
  } = await signInAll("sichuanAdmin", "sichuanProvince", "deyang", "sichuanUnit", "hubeiAdmin"));
});

const DEPARTMENTS = { review: { signoffDepartments: ["纪检监察", "生态环境"] }, eligibility: { minScoreToName: 80 } };
const BOTH = { 纪检监察: "clear", 生态环境: "clear" } as const;

/** Five applications: two that qualify, one vetoed, one below the gate, one lacking a sign-off, one refused one. */
const mixed = () =>
  roundReadyForNotice(
    admin,
    [
      { place: PLACES.jingyang, aggregate: 85, signoffs: BOTH, name: "公示测试甲" },
      { place: PLACES.dazhou, aggregate: 91, signoffs: BOTH, name: "公示测试乙" },
      { place: PLACES.jingyang, aggregate: 95, vetoed: true, signoffs: BOTH },
      { place: PLACES.jingyang, aggregate: 79.5, signoffs: BOTH },
      { place: PLACES.jingyang, aggregate: 88, signoffs: { 纪检监察: "clear" } },
      { place: PLACES.jingyang, aggregate: 87, signoffs: { 纪检监察: "clear", 生态环境: "veto" } },
    ],
    DEPARTMENTS,
  );

describe("the notice preview", () => {
  it("lists the shortlist in rank order and says why the others are left off", async () => {
    const round = await mixed();
    const [a, b, vetoed, low, missing, objected] = round.apps.map((x) => x.applicationId);
    const view = await ok(readNotice(admin, round.id));
    expect(view.notice).toBeNull();
    expect(view.entries).toEqual([]);
    expect(view.shortlist.map((s) => s.applicationId)).toEqual([b, a]);
    expect(view.shortlist[0]).toMatchObject({ unitName: "公示测试乙", aggregate: 91, rank: 1 });
    expect(Object.fromEntries(view.excluded.map((e) => [e.applicationId, e.reason]))).toEqual({
      [vetoed as string]: "vetoed",
      [low as string]: "below_gate",
      [missing as string]: "signoff_missing",
      [objected as string]: "signoff_objected",
    });
  });

  it("a city reviewer reads the notice of their scope but gets no preview; units and other tenants do not", async () => {
    const round = await mixed();
    expect(await ok(readNotice(deyang, round.id))).toMatchObject({ notice: null, shortlist: [], excluded: [] });
    expect(await statusOf(readNotice(staff, round.id))).toBe(403);
    expect(await statusOf(readNotice(hubeiAdmin, round.id))).toBe(404);
    expect(await statusOf(readNotice(hubeiAdmin, round.id, "hubei"))).toBe(404);
    expect(await statusOf(readNotice("", round.id))).toBe(401);
  });
});

describe("publishing the notice", () => {
  it("moves provincial review to notice in two round trips: entries in rank order, applications on notice, one audit event, the public version bumped", async () => {
    const round = await mixed();
    const [a, b, vetoed] = round.apps.map((x) => x.applicationId);
    const before = await publicVersion();
    // Steady state: this isolate has seen the reviewer's session once.
    await ok(readNotice(province, round.id));
    const response = await publish(province, round.id, { version: round.version, title: "测试公示" });
    expect(roundTripsOf(response)).toBe(2);
    const view = await ok(Promise.resolve(response));
    const today = beijingToday(new Date());
    expect(view.notice).toMatchObject({
      title: "测试公示",
      startsOn: today,
      endsOn: addDays(today, 6),
      contact: CONTACT,
      open: true,
      ended: false,
    });
    expect(view.notice?.issuer).toBeTruthy();
    expect(view.entries.map((e) => [e.applicationId, e.position, e.status])).toEqual([
      [b, 1, "listed"],
      [a, 2, "listed"],
    ]);
    expect(view.entries[0]?.objections).toEqual({ open: 0, total: 0 });
    expect(view.shortlist).toEqual([]);
    const stored = await roundRow(round.id);
    expect(stored.phase).toBe("notice");
    expect(JSON.parse(stored.settings).dates).toMatchObject({ noticeStart: today, noticeEnd: addDays(today, 6) });
    expect(await applicationRow(a as string)).toMatchObject({ status: "on_notice" });
    expect(await applicationRow(vetoed as string)).toMatchObject({ status: "province_scored" });
    expect(await auditCount("notice.publish", round.id)).toBe(1);
    expect(await publicVersion()).toBe(before + 1);
    const timeline = await rowOf<{ n: number }>(
      "select count(*) n from round_transitions where round_id = ? and to_phase = 'notice'",
      round.id,
    );
    expect(timeline.n).toBe(1);
    // Published once: a second publish is refused with the round's phase.
    expect((await failure(publish(admin, round.id, { version: stored.version }), 409)).error.code).toBe("round_notice");
  });

  it("the title defaults to the round's, the issuer to the office's display name", async () => {
    const round = await mixed();
    const view = await ok(publish(admin, round.id, { version: round.version }));
    const title = await rowOf<{ title: string }>("select title from rounds where id = ?", round.id);
    expect(view.notice?.title).toBe(`「${title.title}」拟命名单位公示`);
    const tenant = await rowOf<{ name: string; display_name: string | null }>(
      "select name, display_name from tenants where id = ?",
      TENANT_ID,
    );
    expect(view.notice?.issuer).toBe(tenant.display_name || tenant.name);
  });

  it("counts working days across weekends and the office's holidays", async () => {
    // The first Thursday at least a week ahead; the Monday after is a holiday.
    let startsOn = addDays(beijingToday(new Date()), 7);
    while (new Date(`${startsOn}T00:00:00Z`).getUTCDay() !== 4) startsOn = addDays(startsOn, 1);
    const holiday = addDays(startsOn, 4);
    const settings = await rowOf<{ settings: string }>("select settings from tenants where id = ?", TENANT_ID);
    await env.DB.prepare("update tenants set settings = ? where id = ?")
      .bind(JSON.stringify({ ...JSON.parse(settings.settings), holidays: [holiday] }), TENANT_ID)
      .run();
    try {
      const round = await roundReadyForNotice(admin, [{ place: PLACES.jingyang, aggregate: 90 }], {
        noticeDays: 5,
        noticeWorkingDays: true,
      });
      const view = await ok(publish(admin, round.id, { version: round.version, startsOn }));
      // Thu, Fri, (Sat, Sun, holiday Mon), Tue, Wed, Thu.
      expect(view.notice).toMatchObject({ startsOn, endsOn: addDays(startsOn, 7), open: false, ended: false });
      expect(isWorkingDay(holiday, [])).toBe(true);
      expect(view.notice?.startsAt).toBe(new Date(Date.parse(`${startsOn}T00:00:00+08:00`)).toISOString());
      expect(view.notice?.endsAt).toBe(new Date(Date.parse(`${addDays(startsOn, 8)}T00:00:00+08:00`)).toISOString());
    } finally {
      await env.DB.prepare("update tenants set settings = ? where id = ?").bind(settings.settings, TENANT_ID).run();
    }
  });

  it("is the provincial reviewer's: city reviewers and units 403, another tenant 404, anonymous 401", async () => {
    const round = await mixed();
    expect(await statusOf(publish(deyang, round.id, { version: round.version }))).toBe(403);
    expect(await statusOf(publish(staff, round.id, { version: round.version }))).toBe(403);
    expect(await statusOf(publish(hubeiAdmin, round.id, { version: round.version }))).toBe(404);
    expect(await statusOf(publish(hubeiAdmin, round.id, { version: round.version }, "hubei"))).toBe(404);
    expect(await statusOf(publish("", round.id, { version: round.version }))).toBe(401);
    expect((await roundRow(round.id)).phase).toBe("province_review");
  });

  it("refuses unknown fields, bad input and a start in the past with 400, leaving the round as it was", async () => {
    const round = await mixed();
    const path = `/api/t/${TENANT}/rounds/${round.id}/notice`;
    for (const body of [
      { version: round.version, contact: CONTACT, status: "notice" },
      { version: round.version, contact: CONTACT, tenantId: "t-hubei" },
      { version: round.version, contact: "短" },
      { version: round.version },
      { version: "1", contact: CONTACT },
      { version: round.version, contact: CONTACT, startsOn: "2026-02-30" },
      { version: round.version, contact: CONTACT, startsOn: "2000-01-01" },
      { version: round.version, contact: CONTACT, title: "x".repeat(121) },
    ]) {
      const res = await callJson<{ error: { code: string } }>(path, { body, cookie: admin });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("validation_failed");
    }
    expect((await roundRow(round.id)).phase).toBe("province_review");
    expect(await auditCount("notice.publish", round.id)).toBe(0);
  });

  it("a stale version is 409 with the current round; another phase is 409 naming it", async () => {
    const round = await mixed();
    const stale = await failure(publish(admin, round.id, { version: round.version - 1 }), 409);
    expect(stale.error).toMatchObject({ code: "stale_version", current: { id: round.id, phase: "province_review" } });
    const early = await roundIn(admin, "city_review");
    expect((await failure(publish(admin, early.id, { version: early.version }), 409)).error.code).toBe(
      "round_city_review",
    );
  });

  it("outstanding work blocks it (phase_blocked), and so does an empty shortlist (shortlist_empty)", async () => {
    const unscored = await roundReadyForNotice(admin, [
      { place: PLACES.jingyang, aggregate: 90 },
      { place: PLACES.jingyang, aggregate: null },
    ]);
    const blocked = await failure(publish(admin, unscored.id, { version: unscored.version }), 409);
    expect(blocked.error).toMatchObject({ code: "phase_blocked", current: { blockers: [{ code: "unscored" }] } });
    const nobody = await roundReadyForNotice(admin, [{ place: PLACES.jingyang, aggregate: 60 }], {
      eligibility: { minScoreToName: 80 },
    });
    const empty = await failure(publish(admin, nobody.id, { version: nobody.version }), 409);
    expect(empty.error).toMatchObject({
      code: "shortlist_empty",
      current: { excluded: [{ applicationId: nobody.apps[0]?.applicationId, reason: "below_gate" }] },
    });
    expect((await roundRow(nobody.id)).phase).toBe("province_review");
  });
  it("a failing statement in the publish batch leaves the round, its applications and the notice tables as they were", async () => {
    const round = await mixed();
    const db = createDb(env.DB);
    const scope = await adminScope();
    const current = { id: round.id, phase: "province_review" as const, version: round.version };
    const effects = { closesDrafts: 0, marksProvinceScored: 6, refitsCalibration: false };
    const writes = phaseChangeWrites(db, scope, current, "notice", { effects }, [], null);
    const window = noticeWindow({ startsOn: "2026-06-01", days: 7, workingDays: false, holidays: [] });
    const { statements } = noticePublishStatements(
      db,
      scope,
      current,
      { title: "原子性测试", contact: CONTACT, issuer: "测试", window },
      round.apps.slice(0, 2),
      phaseMoved(db, scope, current, "notice"),
    );
    const broken = db.run(sql`insert into round_transitions (id) values (null)`);
    await expect(db.batch([writes.guard, ...writes.after, ...statements, broken])).rejects.toThrow();
    expect(await roundRow(round.id)).toMatchObject({ phase: "province_review", version: round.version });
    for (const app of round.apps)
      expect(await applicationRow(app.applicationId)).toMatchObject({ status: "city_recommended" });
    const rows = await rowOf<{ n: number }>(
      "select (select count(*) from notices where round_id = ?1) + (select count(*) from notice_entries where round_id = ?1) n",
      round.id,
    );
    expect(rows.n).toBe(0);
  });
});

describe("publishing a calibrated round", () => {
  const calibrateNow = (roundId: string) =>
    ok(tenantApi(admin).rounds[":roundId"].calibrate.$post({ param: { tenant: TENANT, roundId }, json: {} }));
  const offsets = (roundId: string) =>
    env.DB.prepare(
      `select reviewer_user_id id, "offset" o, fitted_at from reviewer_offsets where round_id = ? and stage = 'province'
         order by reviewer_user_id`,
    )
      .bind(roundId)
      .all<{ id: string; o: number; fitted_at: string }>()
      .then((r) => r.results);
  const aggregates = (roundId: string) =>
    env.DB.prepare(
      "select application_id, aggregate from application_results where round_id = ? and stage = 'province' order by 1",
    )
      .bind(roundId)
      .all()
      .then((r) => r.results);

  it("is refused with calibration_stale until the provincial fit is newer than every form; the refit at publishing reproduces it", async () => {
    const round = await roundReadyForNotice(
      admin,
      [
        { place: PLACES.jingyang, aggregate: 90 },
        { place: PLACES.jingyang, aggregate: 85 },
        { place: PLACES.dazhou, aggregate: 80 },
      ],
      { review: { aggregation: "calibrated" } },
    );
    const reviewers = await Promise.all(
      ["reviewer1@sichuan.demo", "reviewer2@sichuan.demo", "reviewer3@sichuan.demo"].map(userIdOf),
    );
    // reviewer2 harsh, reviewer3 lenient, one panel member off on the second application.
    for (const [i, { applicationId }] of round.apps.entries())
      for (const [k, reviewerId] of reviewers.entries())
        await insertForm({
          roundId: round.id,
          applicationId,
          stage: "province",
          reviewerId,
          total: 88 - 4 * i + ([0, -6, 4][k] as number) + (i === 1 && k === 0 ? 3 : 0),
        });

    const never = await failure(publish(admin, round.id, { version: round.version }), 409);
    expect(never.error).toMatchObject({ code: "calibration_stale", current: { calibratedAt: null } });
    expect(never.error.message).toBe("校准结果已过期：请先在排名页重新校准，再发布公示");

    const first = await calibrateNow(round.id);
    // A form saved after the fit makes it stale again.
    await env.DB.prepare(
      "update score_forms set total = total + 2, updated_at = ? where application_id = ? and reviewer_user_id = ?",
    )
      .bind(new Date(Date.parse(first.calibratedAt) + 1).toISOString(), round.apps[2]?.applicationId, reviewers[0])
      .run();
    const stale = await failure(publish(admin, round.id, { version: round.version }), 409);
    expect(stale.error).toMatchObject({ code: "calibration_stale", current: { calibratedAt: first.calibratedAt } });
    expect((await roundRow(round.id)).phase).toBe("province_review");

    const fit = await calibrateNow(round.id);
    const fitted = await offsets(round.id);
    const fittedAggregates = await aggregates(round.id);
    const preview = await ok(readNotice(admin, round.id));
    const view = await ok(publish(admin, round.id, { version: round.version }));
    expect(view.entries.map((e) => e.applicationId)).toEqual(preview.shortlist.map((s) => s.applicationId));
    // Publishing refitted (a later fit) to the same offsets and aggregates the shortlist was decided on.
    const refitted = await offsets(round.id);
    expect(refitted.map((r) => r.id)).toEqual(fitted.map((r) => r.id));
    for (const [i, row] of refitted.entries()) {
      expect(row.fitted_at > fit.calibratedAt).toBe(true);
      expect(row.o).toBeCloseTo(fitted[i]?.o ?? Number.NaN, 9);
    }
    expect(await aggregates(round.id)).toEqual(fittedAggregates);
  });

  it("a round not aggregated by calibration publishes without a fit", async () => {
    const round = await roundReadyForNotice(admin, [{ place: PLACES.jingyang, aggregate: 90 }]);
    await ok(publish(admin, round.id, { version: round.version }));
  });
});

describe("the generic advance", () => {
  it("refuses provincial review → notice and notice → named with phase_needs_own_action; the check still previews", async () => {
    const round = await mixed();
    const advance = (version: number) =>
      tenantApi(admin).rounds[":id"].advance.$post({ param: { tenant: TENANT, id: round.id }, json: { version } });
    const refused = await failure(advance(round.version), 409);
    expect(refused.error).toMatchObject({
      code: "phase_needs_own_action",
      current: { phase: "province_review", action: "notice" },
    });
    await ok(publish(admin, round.id, { version: round.version }));
    const inNotice = await roundRow(round.id);
    const again = await failure(advance(inNotice.version), 409);
    expect(again.error).toMatchObject({
      code: "phase_needs_own_action",
      current: { phase: "notice", action: "naming" },
    });
    const check = await ok(
      tenantApi(admin).rounds[":id"]["advance-check"].$get({ param: { tenant: TENANT, id: round.id } }),
    );
    expect(check).toMatchObject({ phase: "notice", next: "named", blockers: [{ code: "notice_running" }] });
    expect((await call(`/api/t/${TENANT}/rounds/${round.id}/advance-check`, { cookie: deyang })).status).toBe(403);
  });
});
