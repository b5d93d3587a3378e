import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_NOTICE, DEMO_NOTICE_LISTED, DEMO_NOTICE_UNLISTED } from "../../db/seed/notice.ts";
import { DEMO_TITLE_CASES } from "../../db/seed/titles.ts";
import { nameInitials } from "../../worker/domain/name-initials.ts";
import { beijingToday } from "../../worker/domain/record-rules.ts";
import { seedDemoTitles } from "./demo-titles-seed.ts";

// What the demo data (db/seed/titles.ts and notice.ts, as `npm start` loads them) promises in both demo tenants:
// awarded units across levels and terms with their naming documents, the seed units among them, exactly one
// warned and one revoked title with public reasons, a history for every title that agrees with its status, and a
// round on public notice whose window is open.

let seeded: Awaited<ReturnType<typeof seedDemoTitles>>;
beforeAll(async () => {
  seeded = await seedDemoTitles();
});

const TENANTS = [
  { slug: "sichuan", tenantId: "t-sichuan", seedUnits: ["德阳市科学技术协会", "达州市达川区职业技术学校"] },
  { slug: "hubei", tenantId: "t-hubei", seedUnits: ["大冶市科学技术协会", "湖北省旅游局"] },
] as const;

async function rows<T>(query: string, ...binds: (string | number)[]): Promise<T[]> {
  return (
    await env.DB.prepare(query)
      .bind(...binds)
      .all<T>()
  ).results;
}

interface AwardRow {
  id: string;
  unit: string;
  level: string;
  status: string;
  valid_until: string;
  named_on: string;
  document_ref: string | null;
  public_reason: string | null;
  warning_deadline: string | null;
}

const awardsOf = (tenantId: string) =>
  rows<AwardRow>(
    `select a.id, u.name unit, a.level, a.status, a.valid_until, a.named_on, a.document_ref, a.public_reason,
        a.warning_deadline
      from awards a join units u on u.id = a.unit_id where a.tenant_id = ?`,
    tenantId,
  );

describe("the demo seed", () => {
  it("seeding again changes nothing", async () => {
    const count = async () =>
      rows<{ awards: number; events: number; entries: number }>(
        `select (select count(*) from awards) awards, (select count(*) from award_events) events,
          (select count(*) from notice_entries) entries`,
      );
    const before = await count();
    await seedDemoTitles();
    expect(await count()).toEqual(before);
    expect(before[0]?.events).toBe(seeded.titles.awardEvents.length);
  });

  it("every demo unit carries the pinyin initials of its name", async () => {
    const units = await rows<{ name: string; name_initials: string | null }>("select name, name_initials from units");
    expect(units.length).toBeGreaterThan(500);
    for (const u of units) expect(u.name_initials).toBe(nameInitials(u.name));
  });
});

describe.each(TENANTS)("the demo titles of $slug", ({ slug, tenantId, seedUnits }) => {
  const today = beijingToday(new Date());
  const cases = DEMO_TITLE_CASES[slug];

  it("current titles at the city, province and national levels, the seed units among them, and expired ones", async () => {
    const awards = await awardsOf(tenantId);
    const current = awards.filter((a) => ["active", "warned"].includes(a.status) && a.valid_until >= today);
    const levels = new Set(current.map((a) => a.level));
    expect([...levels]).toEqual(expect.arrayContaining(["city", "province", "national"]));
    expect(current.filter((a) => a.level === "province").length).toBeGreaterThanOrEqual(12);
    expect(current.every((a) => (a.document_ref ?? "").endsWith("号") && a.named_on <= today)).toBe(true);
    for (const name of seedUnits) expect(current.some((a) => a.unit === name)).toBe(true);
    // Past terms, for the public "include past titles" view and the units' history.
    expect(awards.filter((a) => a.level === "province" && a.valid_until < today).length).toBeGreaterThanOrEqual(4);
  });

  it("exactly one warned and one revoked title, each with its public reason; one lapsed", async () => {
    const awards = await awardsOf(tenantId);
    const warned = awards.filter((a) => a.status === "warned");
    const revoked = awards.filter((a) => a.status === "revoked");
    expect(warned.map((a) => a.unit)).toEqual([cases.warned]);
    expect(revoked.map((a) => a.unit)).toEqual([cases.revoked]);
    expect(awards.filter((a) => a.status === "lapsed").map((a) => a.unit)).toEqual([cases.lapsed]);
    expect(warned[0]?.warning_deadline ?? "").toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((warned[0]?.warning_deadline ?? "") > today).toBe(true);
    for (const a of [...warned, ...revoked]) expect((a.public_reason ?? "").length).toBeGreaterThan(10);
    // A title that stands has no public reason, the restored one included.
    expect(awards.filter((a) => a.status === "active" && a.public_reason !== null)).toEqual([]);
  });

  it("every title has a history that starts when it was named and whose latest entry matches its status", async () => {
    const history = await rows<{
      award: string;
      status: string;
      named_on: string;
      kinds: string;
      first_on: string;
    }>(
      `select a.id award, a.status, a.named_on,
          (select json_group_array(kind) from (select kind from award_events e where e.award_id = a.id
            order by e.effective_on, e.created_at)) kinds,
          (select min(effective_on) from award_events e where e.award_id = a.id) first_on
        from awards a where a.tenant_id = ?`,
      tenantId,
    );
    expect(history.length).toBeGreaterThan(50);
    const latestFor: Record<string, string[]> = {
      active: ["recorded", "named", "kept", "restored"],
      warned: ["warned"],
      revoked: ["revoked"],
      lapsed: ["lapsed"],
    };
    for (const h of history) {
      const kinds: string[] = JSON.parse(h.kinds);
      expect(kinds.length, h.award).toBeGreaterThanOrEqual(1);
      expect(latestFor[h.status], h.award).toContain(kinds.at(-1));
      expect(h.first_on, h.award).toBe(h.named_on);
    }
    const restored = await rows<{ kinds: string }>(
      `select json_group_array(e.kind) kinds from (select e.kind from award_events e join units u on u.id = e.unit_id
        where e.tenant_id = ? and u.name = ? and e.award_id like '%-award-province-0' order by e.effective_on) e`,
      tenantId,
      cases.restored,
    );
    expect(JSON.parse(restored[0]?.kinds ?? "[]")).toEqual(["recorded", "warned", "restored"]);
    const revokedEvent = await rows<{ public_reason: string | null }>(
      `select e.public_reason from award_events e join units u on u.id = e.unit_id
        where e.tenant_id = ? and u.name = ? and e.kind = 'revoked'`,
      tenantId,
      cases.revoked,
    );
    expect((revokedEvent[0]?.public_reason ?? "").length).toBeGreaterThan(10);
  });
});

describe.each(TENANTS)("the demo notice of $slug", ({ slug, tenantId }) => {
  const roundId = DEMO_NOTICE.roundId(slug);

  it("a selection round in its notice phase whose window is open now, dated in its settings", async () => {
    const [round] = await rows<{ phase: string; kind: string; level: string; settings: string; name: string }>(
      "select r.phase, r.kind, r.level, r.settings, t.name from rounds r join tenants t on t.id = r.tenant_id where r.id = ?",
      roundId,
    );
    expect(round).toMatchObject({ phase: "notice", kind: "selection", level: "province" });
    const [notice] = await rows<{
      starts_on: string;
      ends_on: string;
      starts_at: string;
      ends_at: string;
      issuer: string;
      contact: string;
    }>("select starts_on, ends_on, starts_at, ends_at, issuer, contact from notices where round_id = ?", roundId);
    const now = new Date().toISOString();
    expect(notice?.starts_at && notice.starts_at <= now && now < notice.ends_at).toBe(true);
    expect(notice?.issuer).toBe(round?.name);
    expect(notice?.contact).toMatch(/联系电话/);
    expect(JSON.parse(round?.settings ?? "{}").dates).toMatchObject({
      noticeStart: notice?.starts_on,
      noticeEnd: notice?.ends_on,
    });
    const phases = await rows<{ to_phase: string }>(
      "select to_phase from round_transitions where round_id = ? order by at",
      roundId,
    );
    expect(phases.map((p) => p.to_phase)).toEqual(["applications_open", "city_review", "province_review", "notice"]);
  });

  it("lists its shortlist in rank order, on notice, above the gate, signed off and holding a 市级 title", async () => {
    const entries = await rows<{
      id: string;
      unit: string;
      status: string;
      app_status: string;
      aggregate: number;
      vetoed: number;
      cleared: number;
      titled: number;
    }>(
      `select e.id, u.name unit, e.status, a.status app_status, r.aggregate, r.vetoed,
          (select count(*) from signoffs s where s.application_id = a.id and s.verdict = 'clear') cleared,
          (select count(*) from awards w where w.unit_id = u.id and w.level = 'city' and w.status = 'active'
            and w.valid_until >= date('now')) titled
        from notice_entries e join applications a on a.id = e.application_id join units u on u.id = e.unit_id
        join application_results r on r.application_id = a.id and r.stage = 'province'
        where e.round_id = ? order by e.position`,
      roundId,
    );
    expect(entries.map((e) => e.unit)).toEqual(DEMO_NOTICE_LISTED[slug]);
    expect(entries[0]?.id).toBe(DEMO_NOTICE.entryId(slug, 1));
    for (const e of entries)
      expect(e).toMatchObject({ status: "listed", app_status: "on_notice", vetoed: 0, cleared: 4, titled: 1 });
    expect(entries.every((e) => e.aggregate >= 80)).toBe(true);
    const aggregates = entries.map((e) => e.aggregate);
    expect(aggregates).toEqual([...aggregates].sort((x, y) => y - x));
    const left = await rows<{ unit: string; status: string }>(
      `select u.name unit, a.status from applications a join units u on u.id = a.unit_id
        where a.round_id = ? and a.id not in (select application_id from notice_entries) order by a.id`,
      roundId,
    );
    const unlisted = DEMO_NOTICE_UNLISTED[slug];
    expect(left).toEqual([...unlisted.belowGate, unlisted.vetoed].map((unit) => ({ unit, status: "province_scored" })));
    const elsewhere = await rows<{ n: number }>(
      `select count(*) n from applications a where a.tenant_id = ? and a.round_id <> ?
        and a.unit_id in (select unit_id from applications where round_id = ?)`,
      tenantId,
      roundId,
      roundId,
    );
    expect(elsewhere[0]?.n).toBe(0);
  });
});
