import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_ROUNDS } from "../../db/seed/scoring.ts";
import { createDb } from "../../worker/data/db.ts";
import { selectionNamingStatements } from "../../worker/data/naming.ts";
import { phaseChangeWrites, phaseMoved } from "../../worker/data/phase-checks.ts";
import { beijingToday } from "../../worker/domain/record-rules.ts";
import { titleTerm } from "../../worker/domain/title-term.ts";
import { callJson, failure, ok, statusOf, tenantApi } from "./client.ts";
import { seedDemoScoring } from "./demo-scoring-seed.ts";
import { DEMO, PLACES, signInAll } from "./fixtures.ts";
import {
  adminScope,
  endWindow,
  insertObjection,
  publicVersion,
  published,
  readNotice,
  roundReadyForNotice,
  rowOf,
} from "./notice-fixtures.ts";
import { applicationRow, auditCount, roundRow, TENANT, TENANT_ID, uid, userIdOf } from "./ranking-fixtures.ts";
import { roundTripsOf } from "./round-trips.ts";

let admin: string;
let province: string;
let deyang: string;
let staff: string;
let hubeiAdmin: string;

beforeAll(async () => {
  await seedDemoScoring();
  ({
    sichuanAdmin: admin,
    sichuanProvince: province,
    deyang,
    sichuanUnit: staff,
    hubeiAdmin,
  } = await signInAll("sichuanAdmin", "sichuanProvince", "deyang", "sichuanUnit", "hubeiAdmin"));
});

const name = (
  cookie: string,
  roundId: string,
  json: { version: number; documentRef?: string; namedOn?: string; termStartsNextYear?: boolean },
  tenant = TENANT,
) =>
  tenantApi(cookie).rounds[":id"].naming.$post({
    param: { tenant, id: roundId },
    json: { documentRef: "川文明委〔2026〕5号", ...json },
  });

const decide = (cookie: string, id: string, result: "upheld" | "not_upheld", finding: string) =>
  tenantApi(cookie).objections[":id"].finding.$post({
    param: { tenant: TENANT, id },
    json: { version: 1, result, finding },
  });

async function termYears(): Promise<number> {
  const row = await rowOf<{ settings: string }>("select settings from tenants where id = ?", TENANT_ID);
  return (JSON.parse(row.settings) as { termYears?: number }).termYears ?? 3;
}

describe("naming the demo round", () => {
  it("publishes, refuses naming while an objection is open or the window runs, then names what remains listed", async () => {
    const roundId = DEMO_ROUNDS.review("sichuan");
    // The demo leaves two forms to the demo provincial reviewer: excuse them so provincial review may close.
    await env.DB.prepare(
      `update assignments set status = 'exempt' where round_id = ? and stage = 'province' and status = 'active'
         and not exists (select 1 from score_forms f where f.application_id = assignments.application_id
           and f.stage = 'province' and f.reviewer_user_id = assignments.reviewer_user_id and f.status = 'submitted')`,
    )
      .bind(roundId)
      .run();
    const preview = await ok(readNotice(admin, roundId));
    const reasons = new Set(preview.excluded.map((e) => e.reason));
    expect(reasons).toContain("vetoed");
    expect(reasons).toContain("signoff_missing");
    expect(preview.shortlist.length).toBeGreaterThan(3);
    const round = await roundRow(roundId);
    const view = await published(admin, { id: roundId, version: round.version });
    expect(view.entries.map((e) => e.applicationId)).toEqual(preview.shortlist.map((s) => s.applicationId));
    const [first, second] = view.entries;
    if (!first || !second) throw new Error("entries missing");

    const objection = await insertObjection(first.entryId);
    let current = await roundRow(roundId);
    const blocked = await failure(name(admin, roundId, { version: current.version }), 409);
    expect(blocked.error).toMatchObject({ code: "phase_blocked" });
    expect((blocked.error.current as { blockers: Array<{ code: string }> }).blockers.map((b) => b.code)).toEqual([
      "objections_open",
      "notice_running",
    ]);
    await ok(decide(admin, objection, "upheld", "经查属实，取消拟命名资格"));
    const running = await failure(name(admin, roundId, { version: current.version }), 409);
    expect((running.error.current as { blockers: Array<{ code: string }> }).blockers.map((b) => b.code)).toEqual([
      "notice_running",
    ]);
    expect(await rowOf<{ n: number }>("select count(*) n from awards where round_id = ?", roundId)).toEqual({ n: 0 });

    // The window's end, made to have passed straight in D1 (as if its last day were over).
    await endWindow(roundId);
    const before = await publicVersion();
    current = await roundRow(roundId);
    await ok(readNotice(province, roundId));
    const res = await name(province, roundId, { version: current.version });
    expect(roundTripsOf(res)).toBe(2);
    const named = await ok(Promise.resolve(res));
    const today = beijingToday(new Date());
    expect(named.phase).toBe("named");
    expect(named.timeline.at(-1)).toMatchObject({ fromPhase: "notice", toPhase: "named" });
    expect(named.settings.dates.naming).toBe(today);

    const listed = view.entries.slice(1);
    const term = titleTerm(today, await termYears());
    const awards = await env.DB.prepare(
      `select unit_id, level, term_start_year, term_end_year, named_on, valid_until, status, document_ref
         from awards where round_id = ? order by unit_id`,
    )
      .bind(roundId)
      .all<Record<string, unknown>>();
    expect(awards.results.map((a) => a.unit_id)).toEqual(listed.map((e) => e.unitId).sort());
    for (const a of awards.results)
      expect(a).toMatchObject({
        level: "province",
        term_start_year: term.termStartYear,
        term_end_year: term.termEndYear,
        named_on: today,
        valid_until: term.validUntil,
        status: "active",
        document_ref: "川文明委〔2026〕5号",
      });
    const history = await rowOf<{ n: number; named: number }>(
      `select count(*) n, sum(kind = 'named' and effective_on = ? and round_id = ?) named from award_events
         where award_id in (select id from awards where round_id = ?)`,
      today,
      roundId,
      roundId,
    );
    expect(history).toEqual({ n: listed.length, named: listed.length });
    for (const e of listed) expect(await applicationRow(e.applicationId)).toMatchObject({ status: "awarded" });
    expect(await applicationRow(first.applicationId)).toMatchObject({ status: "not_awarded" });
    const left = await rowOf<{ n: number }>(
      "select count(*) n from applications where round_id = ? and status in ('province_scored', 'on_notice', 'city_recommended')",
      roundId,
    );
    expect(left.n).toBe(0);
    expect(await auditCount("round.name", roundId)).toBe(1);
    expect(await publicVersion()).toBe(before + 1);
    // Named once: a second naming is refused with the round's phase.
    expect((await failure(name(admin, roundId, { version: named.version }), 409)).error.code).toBe("round_named");
  });
});

describe("naming", () => {
  const ready = async () => {
    const round = await roundReadyForNotice(admin, [
      { place: PLACES.jingyang, aggregate: 90 },
      { place: PLACES.dazhou, aggregate: 85 },
    ]);
    const view = await published(admin, round);
    await endWindow(round.id);
    return { round, view, version: (await roundRow(round.id)).version };
  };

  it("is the provincial reviewer's: city reviewers and units 403, another tenant 404, anonymous 401", async () => {
    const { round, version } = await ready();
    expect(await statusOf(name(deyang, round.id, { version }))).toBe(403);
    expect(await statusOf(name(staff, round.id, { version }))).toBe(403);
    expect(await statusOf(name(hubeiAdmin, round.id, { version }))).toBe(404);
    expect(await statusOf(name(hubeiAdmin, round.id, { version }, "hubei"))).toBe(404);
    expect(await statusOf(name("", round.id, { version }))).toBe(401);
    expect((await roundRow(round.id)).phase).toBe("notice");
  });

  it("refuses unknown fields and bad input with 400, a stale version with 409, another phase with 409 naming it", async () => {
    const { round, version } = await ready();
    const path = `/api/t/${TENANT}/rounds/${round.id}/naming`;
    for (const body of [
      { version, documentRef: "川文明委〔2026〕5号", status: "named" },
      { version, documentRef: "川文明委〔2026〕5号", awards: [] },
      { version, documentRef: "号" },
      { version },
      { version, documentRef: "川文明委〔2026〕5号", namedOn: "2026-13-01" },
      { version, documentRef: "川文明委〔2026〕5号", namedOn: "2999-01-01" },
    ]) {
      const res = await callJson(path, { body, cookie: admin });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const stale = await failure(name(admin, round.id, { version: version - 1 }), 409);
    expect(stale.error).toMatchObject({ code: "stale_version", current: { id: round.id, phase: "notice" } });
    const early = await roundReadyForNotice(admin, [{ place: PLACES.jingyang, aggregate: 90 }]);
    expect((await failure(name(admin, early.id, { version: early.version }), 409)).error.code).toBe(
      "round_province_review",
    );
    expect(await auditCount("round.name", round.id)).toBe(0);
  });

  it("a unit already holding the title for that term is named in a 409 award_exists, and nothing is written; a term starting next year does not clash", async () => {
    const { round, view, version } = await ready();
    const [entry] = view.entries;
    if (!entry) throw new Error("no entry");
    const year = Number(beijingToday(new Date()).slice(0, 4));
    await env.DB.prepare(
      `insert into awards (id, tenant_id, unit_id, level, term_start_year, term_end_year, named_on, valid_until, status,
         created_by) values (?, ?, ?, 'city', ?, ?, ?, ?, 'active', ?)`,
    )
      .bind(
        uid("award"),
        TENANT_ID,
        entry.unitId,
        year,
        year + 2,
        `${year}-01-01`,
        `${year + 2}-12-31`,
        await userIdOf("admin@sichuan.demo"),
      )
      .run();
    const refused = await failure(name(admin, round.id, { version }), 409);
    expect(refused.error).toMatchObject({
      code: "award_exists",
      current: { units: [{ unitId: entry.unitId, unitName: entry.unitName }] },
    });
    expect((await roundRow(round.id)).phase).toBe("notice");
    expect(await rowOf<{ n: number }>("select count(*) n from awards where round_id = ?", round.id)).toEqual({ n: 0 });

    // Named late in the year for the coming term, the titles start next year: no clash with this year's term.
    const named = await ok(name(admin, round.id, { version, termStartsNextYear: true }));
    expect(named.phase).toBe("named");
    expect(
      await rowOf(
        "select min(term_start_year) first, max(term_start_year) last from awards where round_id = ?",
        round.id,
      ),
    ).toEqual({ first: year + 1, last: year + 1 });
  });

  it("a department's veto reported during notice keeps the unit from being named", async () => {
    const { round, view, version } = await ready();
    const [vetoed, kept] = view.entries;
    if (!vetoed || !kept) throw new Error("entries missing");
    await env.DB.prepare(
      `insert into signoffs (id, tenant_id, round_id, application_id, department, user_id, verdict, reason, version,
         created_at, updated_at) values (?, ?, ?, ?, '纪检监察', ?, 'veto', '公示期间发现违纪', 1, ?, ?)`,
    )
      .bind(
        uid("so"),
        TENANT_ID,
        round.id,
        vetoed.applicationId,
        await userIdOf("admin@sichuan.demo"),
        new Date().toISOString(),
        new Date().toISOString(),
      )
      .run();
    await ok(name(admin, round.id, { version }));
    expect(await applicationRow(vetoed.applicationId)).toMatchObject({ status: "not_awarded" });
    expect(await applicationRow(kept.applicationId)).toMatchObject({ status: "awarded" });
    const units = await env.DB.prepare("select unit_id from awards where round_id = ?")
      .bind(round.id)
      .all<{ unit_id: string }>();
    expect(units.results.map((u) => u.unit_id)).toEqual([kept.unitId]);
  });

  it("a failing statement in the naming batch leaves the round, its applications and the titles as they were", async () => {
    const { round, view, version } = await ready();
    const db = createDb(env.DB);
    const scope = await adminScope();
    const current = { id: round.id, phase: "notice" as const, version };
    const effects = { closesDrafts: 0, marksProvinceScored: 0, refitsCalibration: false };
    const writes = phaseChangeWrites(db, scope, current, "named", { effects }, [], null);
    const today = beijingToday(new Date());
    const naming = selectionNamingStatements(
      db,
      scope,
      { id: round.id, level: "city" },
      { namedOn: today, documentRef: "原子性测试", term: titleTerm(today, 3) },
      phaseMoved(db, scope, current, "named"),
    );
    const broken = db.run(sql`insert into round_transitions (id) values (null)`);
    await expect(db.batch([writes.guard, ...writes.after, ...naming, broken])).rejects.toThrow();
    expect(await roundRow(round.id)).toMatchObject({ phase: "notice", version });
    for (const e of view.entries) expect(await applicationRow(e.applicationId)).toMatchObject({ status: "on_notice" });
    expect(await rowOf<{ n: number }>("select count(*) n from awards where round_id = ?", round.id)).toEqual({ n: 0 });
  });

  it("a re-check round applies its recorded outcomes to the titles, and waits for every outcome", async () => {
    const { round, view, version } = await ready();
    const [kept, revoked] = view.entries;
    if (!kept || !revoked) throw new Error("entries missing");
    const adminId = await userIdOf(DEMO.sichuanAdmin);
    const awardOf = async (unitId: string) => {
      const id = uid("award");
      await env.DB.prepare(
        `insert into awards (id, tenant_id, unit_id, level, term_start_year, term_end_year, named_on, valid_until,
           status, created_by) values (?, ?, ?, 'city', 2024, 2099, '2024-01-01', '2099-12-31', 'active', ?)`,
      )
        .bind(id, TENANT_ID, unitId, adminId)
        .run();
      return id;
    };
    const keptAward = await awardOf(kept.unitId);
    const revokedAward = await awardOf(revoked.unitId);
    // Made a re-check round with its enrolled titles, straight in D1 (enrolment is the title management's).
    await env.DB.batch([
      env.DB.prepare("update rounds set kind = 'recheck' where id = ?").bind(round.id),
      env.DB.prepare("update applications set award_id = ?, title_outcome = 'keep' where id = ?").bind(
        keptAward,
        kept.applicationId,
      ),
      env.DB.prepare("update applications set award_id = ? where id = ?").bind(revokedAward, revoked.applicationId),
    ]);
    const missing = await failure(name(admin, round.id, { version }), 409);
    expect(missing.error).toMatchObject({
      code: "phase_blocked",
      current: { blockers: [{ code: "outcomes_missing", count: 1 }] },
    });
    await env.DB.prepare(
      "update applications set title_outcome = 'revoke', outcome_reason = '复查不合格', outcome_public_reason = '复查不合格，撤销称号' where id = ?",
    )
      .bind(revoked.applicationId)
      .run();
    await ok(name(admin, round.id, { version }));
    expect(await applicationRow(kept.applicationId)).toMatchObject({ status: "awarded" });
    expect(await applicationRow(revoked.applicationId)).toMatchObject({ status: "not_awarded" });
    expect(await rowOf<{ status: string }>("select status from awards where id = ?", keptAward)).toEqual({
      status: "active",
    });
    expect(
      await rowOf<{ status: string; public_reason: string }>(
        "select status, public_reason from awards where id = ?",
        revokedAward,
      ),
    ).toEqual({ status: "revoked", public_reason: "复查不合格，撤销称号" });
    expect(await rowOf<{ n: number }>("select count(*) n from awards where round_id = ?", round.id)).toEqual({ n: 0 });
    const kinds = await env.DB.prepare("select kind from award_events where round_id = ? order by kind")
      .bind(round.id)
      .all<{ kind: string }>();
    expect(kinds.results.map((k) => k.kind)).toEqual(["kept", "revoked"]);
  });
});
