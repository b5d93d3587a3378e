import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../worker/data/db.ts";
import { outcomesMissing, recheckEnrollment, recheckNamingStatements } from "../../worker/data/recheck.ts";
import type { Scope } from "../../worker/data/scope.ts";
import { beijingToday } from "../../worker/domain/record-rules.ts";

// The set-based statements of worker/data/recheck.ts run directly in a batch, on the demo titles: enrolment of
// a re-check round's holders, and applying the recorded outcomes at naming (H1's naming route calls the latter).

const TENANT = "t-sichuan";
const ROUND = "recheck-direct";
const today = beijingToday(new Date());
const db = createDb(env.DB);
const scope: Scope = {
  tenantId: TENANT,
  tenantSlug: "sichuan",
  userId: "sichuan-admin-user",
  role: "tenant_admin",
  jurisdictionPath: "/510000/",
  unitId: null,
  department: null,
};
const run = (statements: BatchItem<"sqlite">[]) =>
  db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
const rows = async <T>(query: string, ...binds: string[]) =>
  (
    await env.DB.prepare(query)
      .bind(...binds)
      .all<T>()
  ).results;

interface Title {
  id: string;
  unit_id: string;
  status: string;
  warning_deadline: string | null;
  public_reason: string | null;
  version: number;
}

beforeAll(async () => {
  const [admin] = await rows<{ id: string }>("select user_id id from memberships where id = 'sichuan-m-admin'");
  scope.userId = admin?.id ?? scope.userId;
  await env.DB.prepare(
    `insert into rounds (id, tenant_id, title, level, kind, year, criteria_system_id, phase, settings)
     select ?, ?, '市级文明单位复查', 'city', 'recheck', 2026, id, 'applications_open', '{}'
     from criteria_systems where tenant_id = ? limit 1`,
  )
    .bind(ROUND, TENANT, TENANT)
    .run();
  // A revoked and an expired holder of the level, who must not be enrolled.
  await env.DB.prepare(
    `update awards set status = 'revoked', public_reason = '弄虚作假' where id = (
       select id from awards where tenant_id = ? and level = 'city' and status = 'active' and valid_until >= ?
       order by id limit 1)`,
  )
    .bind(TENANT, today)
    .run();
});

describe("re-check enrolment", () => {
  it("enrols exactly the units holding a current title of the round's level, once, with that title", async () => {
    const expected = await rows<{ unit_id: string; id: string }>(
      `select w.unit_id, w.id from awards w where w.tenant_id = ? and w.level = 'city'
         and w.status in ('active', 'warned') and w.named_on <= ? and w.valid_until >= ? order by w.unit_id`,
      TENANT,
      today,
      today,
    );
    expect(expected.length).toBeGreaterThan(1);
    const round = { id: ROUND, level: "city", kind: "recheck", phase: "draft" } as const;
    await run(recheckEnrollment(db, scope, round, today, sql`1`));
    // Enrolling again adds nobody: units already in the round are skipped.
    await run(recheckEnrollment(db, scope, round, today, sql`1`));
    const enrolled = await rows<{ unit_id: string; award_id: string; status: string; channel: string }>(
      "select unit_id, award_id, status, channel from applications where round_id = ? order by unit_id",
      ROUND,
    );
    expect(enrolled.map((a) => [a.unit_id, a.award_id])).toEqual(expected.map((w) => [w.unit_id, w.id]));
    expect(new Set(enrolled.map((a) => `${a.status}/${a.channel}`))).toEqual(new Set(["draft/city"]));
    const [revoked] = await rows<{ n: number }>(
      `select count(*) n from applications a join awards w on w.unit_id = a.unit_id and w.level = 'city'
         where a.round_id = ? and w.status = 'revoked' and w.valid_until >= ?
           and not exists (select 1 from awards o where o.unit_id = w.unit_id and o.level = 'city'
             and o.status in ('active', 'warned') and o.valid_until >= ?)`,
      ROUND,
      today,
      today,
    );
    expect(revoked?.n).toBe(0);
  });

  it("enrols nobody when the advance did not happen, for a selection round, or leaving another phase", async () => {
    const before = await rows<{ n: number }>("select count(*) n from applications");
    await run(
      recheckEnrollment(db, scope, { id: ROUND, level: "county", kind: "recheck", phase: "draft" }, today, sql`0`),
    );
    expect(
      recheckEnrollment(db, scope, { id: ROUND, level: "city", kind: "selection", phase: "draft" }, today, sql`1`),
    ).toEqual([]);
    expect(
      recheckEnrollment(db, scope, { id: ROUND, level: "city", kind: "recheck", phase: "city_review" }, today, sql`1`),
    ).toEqual([]);
    expect(await rows<{ n: number }>("select count(*) n from applications")).toEqual(before);
  });
});

describe("re-check naming", () => {
  const outcomes = [
    { outcome: "keep", reason: "复查合格", public: null, deadline: null },
    { outcome: "warn", reason: "台账缺失", public: "创建台账不全", deadline: "2027-06-30" },
    { outcome: "revoke", reason: "发生重大违法", public: "发生重大违法案件", deadline: null },
    { outcome: "lapse", reason: "单位撤并", public: "单位已撤并", deadline: null },
  ] as const;

  it("counts enrolled applications without an outcome", async () => {
    const [missing] = await outcomesMissing(db, scope, ROUND);
    const [all] = await rows<{ n: number }>("select count(*) n from applications where round_id = ?", ROUND);
    expect(missing?.count).toBe(all?.n);
  });

  it("applies each outcome to its title once the round is named, with one history row each, and never twice", async () => {
    const apps = await rows<{ id: string; award_id: string }>(
      "select id, award_id from applications where round_id = ? order by id",
      ROUND,
    );
    const picked = outcomes.map((o, i) => ({ ...o, app: apps[i] }));
    for (const p of picked)
      await env.DB.prepare(
        `update applications set title_outcome = ?, outcome_reason = ?, outcome_public_reason = ?, outcome_deadline = ?
         where id = ?`,
      )
        .bind(p.outcome, p.reason, p.public, p.deadline, p.app?.id ?? "")
        .run();
    // Everyone else is kept, so nothing is missing.
    await env.DB.prepare(
      "update applications set title_outcome = 'keep', outcome_reason = '合格' where round_id = ? and title_outcome is null",
    )
      .bind(ROUND)
      .run();
    expect((await outcomesMissing(db, scope, ROUND))[0]?.count).toBe(0);
    const naming = recheckNamingStatements(db, scope, { id: ROUND, tenantId: TENANT }, "2026-12-20", scope.userId);

    // Not named yet (the naming's guard did not move the round): nothing happens.
    await run(naming);
    expect(await rows("select * from award_events where round_id = ?", ROUND)).toEqual([]);

    await env.DB.prepare("update rounds set phase = 'named' where id = ?").bind(ROUND).run();
    const before = await rows<Title>("select * from awards where tenant_id = ?", TENANT);
    await run(naming);
    await run(naming);
    const after = new Map(
      (await rows<Title>("select * from awards where tenant_id = ?", TENANT)).map((w) => [w.id, w]),
    );
    const events = await rows<{
      award_id: string;
      kind: string;
      public_reason: string | null;
      deadline: string | null;
    }>("select award_id, kind, public_reason, deadline, effective_on from award_events where round_id = ?", ROUND);
    expect(events).toHaveLength(apps.length);
    const status = (i: number) => after.get(picked[i]?.app?.award_id ?? "");
    const kept = before.find((w) => w.id === picked[0]?.app?.award_id);
    expect(status(0)).toMatchObject({ status: kept?.status, public_reason: kept?.public_reason });
    expect(status(1)).toMatchObject({
      status: "warned",
      warning_deadline: "2027-06-30",
      public_reason: "创建台账不全",
    });
    expect(status(2)).toMatchObject({ status: "revoked", warning_deadline: null, public_reason: "发生重大违法案件" });
    expect(status(3)).toMatchObject({ status: "lapsed", public_reason: "单位已撤并" });
    for (const [i, kind] of ["kept", "warned", "revoked", "lapsed"].entries())
      expect(events.find((e) => e.award_id === picked[i]?.app?.award_id)).toMatchObject({
        kind,
        public_reason: picked[i]?.public ?? null,
        deadline: picked[i]?.deadline ?? null,
        effective_on: "2026-12-20",
      });
    // Each enrolled title changed once (version + 1); titles outside the round did not change.
    const enrolledAwards = new Set(apps.map((a) => a.award_id));
    for (const w of before) expect(after.get(w.id)?.version).toBe(enrolledAwards.has(w.id) ? w.version + 1 : w.version);
    const statuses = await rows<{ id: string; status: string }>(
      "select id, status from applications where round_id = ?",
      ROUND,
    );
    const byId = new Map(statuses.map((a) => [a.id, a.status]));
    expect(picked.map((p) => byId.get(p.app?.id ?? ""))).toEqual(["awarded", "awarded", "not_awarded", "not_awarded"]);
  });
});
