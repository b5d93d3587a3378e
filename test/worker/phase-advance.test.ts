import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../worker/data/db.ts";
import { checkedPhaseUpdate, phaseEffectStatements } from "../../worker/data/phase-checks.ts";
import { calibrate, round2 } from "../../worker/domain/scoring/aggregate.ts";
import { failure, ok, statusOf, tenantApi } from "./client.ts";
import { PLACES, signInAll, UNITS } from "./fixtures.ts";
import {
  applicationRow,
  insertApplication,
  insertAssignment,
  insertForm,
  putResult,
  roundIn,
  roundRow,
  TENANT,
  TENANT_ID,
  unitApplication,
  userIdOf,
} from "./ranking-fixtures.ts";
import { roundTripsOf } from "./round-trips.ts";

let admin: string;
let deyang: string;
let staff: string;
let hubeiAdmin: string;

const advance = (cookie: string, id: string, version: number) =>
  tenantApi(cookie).rounds[":id"].advance.$post({ param: { tenant: TENANT, id }, json: { version } });
// Provincial review is left by publishing the notice (its own route, test/worker/notice.test.ts).
const publishNotice = (cookie: string, id: string, version: number) =>
  tenantApi(cookie).rounds[":id"].notice.$post({
    param: { tenant: TENANT, id },
    json: { version, contact: "联系电话：028-86000000" },
  });
const check = (cookie: string, id: string) =>
  tenantApi(cookie).rounds[":id"]["advance-check"].$get({ param: { tenant: TENANT, id } });

async function events(roundId: string) {
  const row = await env.DB.prepare(
    "select count(*) n from audit_events where action = 'round.advance' and target_id = ?",
  )
    .bind(roundId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

beforeAll(async () => {
  ({
    sichuanAdmin: admin,
    deyang,
    sichuanUnit: staff,
    hubeiAdmin,
  } = await signInAll("sichuanAdmin", "deyang", "sichuanUnit", "hubeiAdmin"));
});

describe("leaving applications", () => {
  it("closes unsubmitted drafts (kept, marked not submitted, still visible to their unit); the check announces it", async () => {
    const round = await roundIn(admin, "applications_open");
    const own = await insertApplication({ roundId: round.id, unitId: UNITS.deyangKexie, status: "draft" });
    const other = await unitApplication(round.id, PLACES.jingyang, { status: "draft" });
    const submitted = await unitApplication(round.id, PLACES.jingyang);
    const preview = await ok(check(admin, round.id));
    expect(preview).toEqual({
      phase: "applications_open",
      next: "city_review",
      blockers: [],
      effects: { closesDrafts: 2, marksProvinceScored: 0, refitsCalibration: false },
    });
    const moved = await ok(advance(admin, round.id, round.version));
    expect(moved.phase).toBe("city_review");
    expect(await applicationRow(own)).toMatchObject({ status: "not_submitted", version: 2 });
    expect(await applicationRow(other.applicationId)).toMatchObject({ status: "not_submitted" });
    expect(await applicationRow(submitted.applicationId)).toMatchObject({ status: "submitted", version: 1 });
    const seen = await ok(tenantApi(staff).applications[":id"].$get({ param: { tenant: TENANT, id: own } }));
    expect(seen.status).toBe("not_submitted");
    expect(await events(round.id)).toBe(2);
  });

  it("a stale advance closes nothing and records nothing", async () => {
    const round = await roundIn(admin, "applications_open");
    const draft = await unitApplication(round.id, PLACES.jingyang, { status: "draft" });
    const stale = await failure(advance(admin, round.id, round.version - 1), 409);
    expect(stale.error.code).toBe("stale_version");
    expect(await applicationRow(draft.applicationId)).toMatchObject({ status: "draft", version: 1 });
    expect((await roundRow(round.id)).phase).toBe("applications_open");
    expect(await events(round.id)).toBe(1);
  });
});

describe("leaving city review", () => {
  it("needs a decision on every submitted application: 409 phase_blocked lists them; nothing moves until decided", async () => {
    const round = await roundIn(admin, "city_review");
    const a = await unitApplication(round.id, PLACES.jingyang);
    const b = await unitApplication(round.id, PLACES.jingyang);
    await unitApplication(round.id, PLACES.jingyang, { status: "city_returned" });
    const blocked = await failure(advance(admin, round.id, round.version), 409);
    expect(blocked.error).toMatchObject({
      code: "phase_blocked",
      message: expect.any(String),
      messageEn: expect.any(String),
      current: {
        phase: "city_review",
        next: "province_review",
        blockers: [
          {
            code: "undecided",
            count: 2,
            message: "2 份已提交的申报尚未作出市级推荐决定",
            messageEn: "2 submitted applications still await the city's decision",
            applicationIds: [a.applicationId, b.applicationId].sort(),
          },
        ],
      },
    });
    expect(await ok(check(admin, round.id))).toMatchObject({ blockers: [{ code: "undecided", count: 2 }] });
    expect(await roundRow(round.id)).toMatchObject({ phase: "city_review", version: round.version });
    expect(await events(round.id)).toBe(2);
    const decide = (id: string, decision: "recommend" | "not_recommend") =>
      ok(
        tenantApi(deyang).applications[":id"].decision.$post({
          param: { tenant: TENANT, id },
          json: { version: 1, decision, reason: decision === "recommend" ? undefined : "不符合条件" },
        }),
      );
    await decide(a.applicationId, "recommend");
    await decide(b.applicationId, "not_recommend");
    const moved = await ok(advance(admin, round.id, round.version));
    expect(moved.phase).toBe("province_review");
    expect(await applicationRow(a.applicationId)).toMatchObject({ status: "city_recommended" });
  });
});

describe("leaving provincial review", () => {
  it("needs every active provincial form submitted (or exempted) and a result for every recommended application", async () => {
    let app = "";
    let exemptApp = "";
    const round = await roundIn(admin, "province_review", {}, async (roundId) => {
      app = (await unitApplication(roundId, PLACES.jingyang, { status: "city_recommended" })).applicationId;
      exemptApp = (await unitApplication(roundId, PLACES.dazhou, { status: "city_recommended" })).applicationId;
    });
    const [r1, r2] = await Promise.all(["reviewer1@sichuan.demo", "province@sichuan.demo"].map(userIdOf));
    await insertAssignment({ roundId: round.id, applicationId: app, stage: "province", reviewerId: r1 as string });
    await insertAssignment({ roundId: round.id, applicationId: app, stage: "province", reviewerId: r2 as string });
    await insertAssignment({
      roundId: round.id,
      applicationId: exemptApp,
      stage: "province",
      reviewerId: r1 as string,
      status: "exempt",
    });
    await insertForm({ roundId: round.id, applicationId: app, stage: "province", reviewerId: r1 as string, total: 80 });
    await insertForm({
      roundId: round.id,
      applicationId: app,
      stage: "province",
      reviewerId: r2 as string,
      status: "draft",
    });
    const blocked = await failure(publishNotice(admin, round.id, round.version), 409);
    expect(blocked.error.current).toMatchObject({
      blockers: [
        { code: "forms_unsubmitted", count: 1, applicationIds: [app] },
        { code: "unscored", count: 2, applicationIds: [app, exemptApp].sort() },
      ],
    });
    await env.DB.prepare(
      "update score_forms set status = 'submitted', total = 84 where application_id = ? and status = 'draft'",
    )
      .bind(app)
      .run();
    await putResult({ applicationId: app, roundId: round.id, stage: "province", aggregate: 82, totals: [80, 84] });
    await putResult({ applicationId: exemptApp, roundId: round.id, stage: "province", aggregate: null, vetoed: true });
    expect(await ok(check(admin, round.id))).toMatchObject({
      blockers: [],
      effects: { closesDrafts: 0, marksProvinceScored: 2, refitsCalibration: false },
    });
    await ok(publishNotice(admin, round.id, round.version));
    expect((await roundRow(round.id)).phase).toBe("notice");
    // Scored by the province, then listed on the notice (the vetoed one is not).
    expect(await applicationRow(app)).toMatchObject({ status: "on_notice" });
    expect(await applicationRow(exemptApp)).toMatchObject({ status: "province_scored" });
  });

  it("a calibrated round refits its reviewers' offsets and the aggregates in the same write, as the domain fits them", async () => {
    const apps: string[] = [];
    const round = await roundIn(
      admin,
      "province_review",
      { review: { aggregation: "calibrated" } },
      async (roundId) => {
        for (let i = 0; i < 4; i++)
          apps.push((await unitApplication(roundId, PLACES.jingyang, { status: "city_recommended" })).applicationId);
      },
    );
    const reviewers = await Promise.all(
      ["reviewer1@sichuan.demo", "reviewer2@sichuan.demo", "reviewer3@sichuan.demo"].map(userIdOf),
    );
    // reviewer2 is harsh (−6), reviewer3 lenient (+4); quality 70, 75, 80, 85.
    const observations = [];
    for (const [a, quality] of apps.map((id, i) => [id, 70 + 5 * i] as const)) {
      for (const [r, bias] of reviewers.map((id, i) => [id, [0, -6, 4][i] as number] as const)) {
        const total = quality + bias + (a === apps[1] && r === reviewers[0] ? 1.5 : 0);
        observations.push({ reviewerId: r, applicationId: a, total });
        await insertForm({ roundId: round.id, applicationId: a, stage: "province", reviewerId: r, total });
      }
      const totals = observations.filter((o) => o.applicationId === a).map((o) => o.total);
      await putResult({
        applicationId: a,
        roundId: round.id,
        stage: "province",
        aggregate: round2(totals.reduce((s, t) => s + t, 0) / totals.length),
        totals,
        extraPoints: a === apps[0] ? 2 : 0,
      });
    }
    expect((await ok(check(admin, round.id))).effects.refitsCalibration).toBe(true);
    // Publishing needs a current fit (notice.test.ts); the refit it writes then reproduces it.
    const fit = await ok(
      tenantApi(admin).rounds[":roundId"].calibrate.$post({ param: { tenant: TENANT, roundId: round.id }, json: {} }),
    );
    await ok(publishNotice(admin, round.id, round.version));
    const expected = calibrate(observations);
    const offsets = await env.DB.prepare(
      "select reviewer_user_id id, offset, applications, flagged, fitted_at from reviewer_offsets where round_id = ? and stage = 'province'",
    )
      .bind(round.id)
      .all<{ id: string; offset: number; applications: number; flagged: number; fitted_at: string }>();
    expect(offsets.results).toHaveLength(3);
    for (const row of offsets.results) {
      expect(row.fitted_at > fit.calibratedAt).toBe(true);
      const fitted = expected.offsets.get(row.id);
      expect(row.offset).toBeCloseTo(fitted?.offset ?? Number.NaN, 9);
      expect(row).toMatchObject({ applications: fitted?.applications, flagged: fitted?.flagged ? 1 : 0 });
    }
    expect(expected.offsets.get(reviewers[1] as string)?.offset).toBeLessThan(-5);
    for (const a of apps) {
      const result = await env.DB.prepare(
        "select aggregate from application_results where application_id = ? and stage = 'province'",
      )
        .bind(a)
        .first<{ aggregate: number }>();
      expect(result?.aggregate, a).toBe(round2((expected.aggregates.get(a) ?? 0) + (a === apps[0] ? 2 : 0)));
    }
  });
});

describe("the advance and its check", () => {
  it("the check is the round owner's: reviewers 403, another tenant 404, anonymous 401; one round trip", async () => {
    const round = await roundIn(admin, "applications_open");
    expect(await statusOf(check(deyang, round.id))).toBe(403);
    expect(await statusOf(check(staff, round.id))).toBe(403);
    expect(await statusOf(check(hubeiAdmin, round.id))).toBe(404);
    expect(await statusOf(check("", round.id))).toBe(401);
    expect(
      await statusOf(
        tenantApi(hubeiAdmin).rounds[":id"]["advance-check"].$get({ param: { tenant: "hubei", id: round.id } }),
      ),
    ).toBe(404);
    await ok(check(admin, round.id));
    expect(roundTripsOf(await check(admin, round.id))).toBe(1);
    const moving = await advance(admin, round.id, round.version);
    expect(moving.status).toBe(200);
    expect(roundTripsOf(moving)).toBe(2);
  });

  it("a failing statement in the advance's batch leaves the phase and the drafts as they were", async () => {
    const round = await roundIn(admin, "applications_open");
    const draft = await unitApplication(round.id, PLACES.jingyang, { status: "draft" });
    const db = createDb(env.DB);
    const scope = { tenantId: TENANT_ID };
    const current = { id: round.id, phase: "applications_open" as const, version: round.version };
    const broken = db.run(sql`insert into round_transitions (id) values (null)`);
    await expect(
      db.batch([
        checkedPhaseUpdate(db, scope, current, "city_review"),
        ...phaseEffectStatements(db, scope, current, "city_review"),
        broken,
      ]),
    ).rejects.toThrow();
    expect(await roundRow(round.id)).toMatchObject({ phase: "applications_open", version: round.version });
    expect(await applicationRow(draft.applicationId)).toMatchObject({ status: "draft", version: 1 });
  });
});
