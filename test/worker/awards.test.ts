import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { beijingYear } from "../../worker/domain/record-rules.ts";
import { activate, call, callJson, signIn } from "./client.ts";
import { count } from "./rows.ts";

interface Award {
  id: string;
  level: string;
  termStartYear: number;
  termEndYear: number;
  namedOn: string;
  validUntil: string;
  status: string;
  documentRef: string | null;
  round: { id: string; title: string } | null;
  held: boolean;
}
interface Eligibility {
  eligible: boolean;
  date: string;
  requiresTitle: string | null;
  orConsecutiveTerms: number | null;
  basis: string | null;
  warned: boolean;
  reasons: Array<{ code: string; level: string; required?: number; held?: number }>;
  requirement: { zh: string; en: string } | null;
}
interface ErrorBody {
  error: { code: string; message: string; messageEn: string; fields?: Record<string, string[]>; current?: unknown };
}

/** The demo unit of unit@sichuan.demo: a current 市级 title and the term before it (see db/seed/demo.ts). */
const UNIT = "sichuan-u-deyang-kexie";
/** Another 德阳 unit, whose 市级 title ran out with the last term. */
const OTHER_UNIT = "sichuan-u-deyang-education";
const YEAR = beijingYear(new Date());
const awardsOf = (unit: string, tenant = "sichuan") => `/api/t/${tenant}/units/${unit}/awards`;

let admin: string;
let staff: string;
let deyang: string;
let dazhou: string;
let hubeiAdmin: string;
let department: string;
let criteriaId: string;

const awardRows = (unit: string) => count("select count(*) n from awards where unit_id = ?", unit);
const auditCount = () => count("select count(*) n from audit_events where chain = 't-sichuan'");

const valid = { level: "county", termStartYear: 2019, namedOn: "2018-12-20", documentRef: "旌阳区文明委〔2018〕9号" };

async function openRound(title: string, level: string, eligibility: Record<string, unknown>, open?: string) {
  const created = await callJson<{ id: string; version: number }>("/api/t/sichuan/rounds", {
    body: {
      title,
      level,
      kind: "selection",
      year: YEAR,
      criteriaSystemId: criteriaId,
      settings: { eligibility, ...(open ? { dates: { applicationsOpen: open } } : {}) },
    },
    cookie: admin,
  });
  expect(created.status).toBe(201);
  const opened = await callJson<{ id: string }>(`/api/t/sichuan/rounds/${created.body.id}/advance`, {
    body: { version: created.body.version },
    cookie: admin,
  });
  expect(opened.status).toBe(200);
  return opened.body.id;
}

beforeAll(async () => {
  admin = await signIn("admin@sichuan.demo");
  staff = await signIn("unit@sichuan.demo");
  deyang = await signIn("deyang@sichuan.demo");
  dazhou = await signIn("dazhou@sichuan.demo");
  hubeiAdmin = await signIn("admin@hubei.demo");
  const dept = await callJson<{ activationLink: string }>("/api/t/sichuan/people", {
    body: {
      email: "jijian@sichuan.test",
      displayName: "纪检",
      role: "department",
      jurisdictionId: "sichuan-j-510000",
      department: "纪检监察",
    },
    cookie: admin,
  });
  department = await activate(dept.body.activationLink, "a-good-long-passphrase");
  criteriaId = (
    await callJson<{ id: string }>("/api/t/sichuan/criteria-systems", {
      body: {
        name: "称号测试体系",
        version: 1,
        maxTotal: 10,
        categories: [
          {
            code: "A1",
            title: "组织领导",
            items: [{ code: "A1.1", title: "创建规划", maxPoints: 10, method: "material" }],
          },
        ],
      },
      cookie: admin,
    })
  ).body.id;
  // Applying needs a published program covering the round's year.
  const program = await callJson<{ id: string }>(`/api/t/sichuan/units/${UNIT}/programs`, {
    body: { title: `${YEAR}年度创建方案`, startYear: YEAR, endYear: YEAR, targetLevel: "province", sections: [] },
    cookie: staff,
  });
  await call(`/api/t/sichuan/programs/${program.body.id}/publish`, { body: { version: 1 }, cookie: staff });
});

describe("GET /units/:id/awards", () => {
  it("the unit's staff see its titles, latest term first, with only the title's own fields", async () => {
    const { status, body } = await callJson<{ items: Award[] }>(awardsOf(UNIT), { cookie: staff });
    expect(status).toBe(200);
    expect(body.items).toEqual([
      {
        id: `${UNIT}-award-city-0`,
        level: "city",
        termStartYear: YEAR - 1,
        termEndYear: YEAR + 1,
        namedOn: `${YEAR - 2}-12-28`,
        validUntil: `${YEAR + 1}-12-31`,
        status: "active",
        documentRef: `德阳市文明委〔${YEAR - 2}〕3号`,
        round: null,
        held: true,
      },
      expect.objectContaining({ level: "city", termStartYear: YEAR - 4, held: false }),
    ]);
  });

  it("reviewers and department accounts in scope and admins read them; out of scope and other units are 404", async () => {
    for (const cookie of [admin, deyang, department]) {
      expect((await call(awardsOf(UNIT), { cookie })).status).toBe(200);
    }
    expect((await call(awardsOf(UNIT), { cookie: dazhou })).status).toBe(404);
    expect((await call(awardsOf(OTHER_UNIT), { cookie: staff })).status).toBe(404);
    expect((await call(awardsOf("no-such-unit"), { cookie: admin })).status).toBe(404);
  });

  it("another tenant's user gets 404 under either tenant's path; anonymous gets 401", async () => {
    expect((await call(awardsOf(UNIT), { cookie: hubeiAdmin })).status).toBe(404);
    expect((await call(awardsOf(UNIT, "hubei"), { cookie: hubeiAdmin })).status).toBe(404);
    expect((await call(awardsOf("hubei-u-daye-kexie"), { cookie: admin })).status).toBe(404);
    expect((await call(awardsOf(UNIT))).status).toBe(401);
  });
});

describe("POST /units/:id/awards", () => {
  it("a tenant admin records a held title: defaults from the office's term, one audit event", async () => {
    const before = await auditCount();
    const { status, body } = await callJson<Award>(awardsOf(OTHER_UNIT), { body: valid, cookie: admin });
    expect(status).toBe(201);
    expect(body).toEqual({
      id: expect.any(String),
      level: "county",
      termStartYear: 2019,
      termEndYear: 2021,
      namedOn: "2018-12-20",
      validUntil: "2021-12-31",
      status: "active",
      documentRef: "旌阳区文明委〔2018〕9号",
      round: null,
      held: false,
    });
    expect(await auditCount()).toBe(before + 1);
    const event = await env.DB.prepare("select * from audit_events where target_id = ?")
      .bind(body.id)
      .first<Record<string, string>>();
    expect(event).toMatchObject({
      tenant_id: "t-sichuan",
      actor_user_id: "user-admin-sichuan-demo",
      actor_role: "tenant_admin",
      action: "award.record",
      target_type: "award",
      before_digest: null,
      after_digest: expect.stringMatching(/^[0-9a-f]{64}$/),
      created_at: expect.stringMatching(/Z$/),
    });
    const row = await env.DB.prepare("select tenant_id, created_by, round_id from awards where id = ?")
      .bind(body.id)
      .first();
    expect(row).toEqual({ tenant_id: "t-sichuan", created_by: "user-admin-sichuan-demo", round_id: null });
  });

  it("a city reviewer records a title of a unit in their city, with an explicit term and a yellow card", async () => {
    const { status, body } = await callJson<Award>(awardsOf(OTHER_UNIT), {
      body: {
        level: "city_model",
        termStartYear: YEAR - 1,
        termEndYear: YEAR,
        namedOn: `${YEAR - 1}-01-15`,
        validUntil: `${YEAR + 1}-03-31`,
        status: "warned",
      },
      cookie: deyang,
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({
      level: "city_model",
      termEndYear: YEAR,
      validUntil: `${YEAR + 1}-03-31`,
      status: "warned",
      documentRef: null,
      held: true,
    });
  });

  it("the same title for the same term twice is 409 and records nothing", async () => {
    const before = [await awardRows(OTHER_UNIT), await auditCount()];
    const again = await callJson<ErrorBody>(awardsOf(OTHER_UNIT), { body: valid, cookie: admin });
    expect(again).toMatchObject({ status: 409, body: { error: { code: "award_exists" } } });
    expect([await awardRows(OTHER_UNIT), await auditCount()]).toEqual(before);
  });

  it("wrong role 403, out of scope or other tenant 404, anonymous 401; nothing written", async () => {
    const body = { ...valid, termStartYear: 2013, namedOn: "2012-12-20" };
    const before = [await awardRows(UNIT), await auditCount()];
    expect((await call(awardsOf(UNIT), { body, cookie: staff })).status).toBe(403);
    expect((await call(awardsOf(UNIT), { body, cookie: department })).status).toBe(403);
    expect((await call(awardsOf(UNIT), { body, cookie: dazhou })).status).toBe(404);
    expect((await call(awardsOf(UNIT), { body, cookie: hubeiAdmin })).status).toBe(404);
    expect((await call(awardsOf(UNIT, "hubei"), { body, cookie: hubeiAdmin })).status).toBe(404);
    expect((await call(awardsOf("hubei-u-daye-kexie"), { body, cookie: admin })).status).toBe(404);
    expect((await call(awardsOf(UNIT), { body })).status).toBe(401);
    expect([await awardRows(UNIT), await auditCount()]).toEqual(before);
  });

  it("unknown fields (tenant, round, author, status beyond held, version) are 400 and nothing is written", async () => {
    const before = [await awardRows(UNIT), await auditCount()];
    for (const extra of [
      { tenantId: "t-hubei" },
      { roundId: "some-round" },
      { createdBy: "user-platform-wenming-demo" },
      { version: 7 },
      { id: "chosen-id" },
      { unitId: OTHER_UNIT },
      { status: "revoked" },
    ]) {
      const response = await callJson<ErrorBody>(awardsOf(UNIT), { body: { ...valid, ...extra }, cookie: admin });
      expect(response.status, JSON.stringify(extra)).toBe(400);
      expect(response.body.error.code).toBe("validation_failed");
    }
    expect([await awardRows(UNIT), await auditCount()]).toEqual(before);
  });

  it("bad input answers 400 naming the field: types, levels, dates, lengths, terms", async () => {
    const before = [await awardRows(UNIT), await auditCount()];
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...valid, level: "mayor" }, "level"],
      [{ ...valid, level: undefined }, "level"],
      [{ ...valid, termStartYear: "2019" }, "termStartYear"],
      [{ ...valid, termStartYear: 2019.5 }, "termStartYear"],
      [{ ...valid, termStartYear: 1900 }, "termStartYear"],
      [{ ...valid, namedOn: "2018-13-01" }, "namedOn"],
      [{ ...valid, namedOn: "20181220" }, "namedOn"],
      [{ ...valid, namedOn: `${YEAR + 1}-01-01`, termStartYear: YEAR + 1 }, "namedOn"],
      [{ ...valid, namedOn: "2010-12-20" }, "namedOn"],
      [{ ...valid, termEndYear: 2018 }, "termEndYear"],
      [{ ...valid, termEndYear: 2030 }, "termEndYear"],
      [{ ...valid, validUntil: "2018-01-01" }, "validUntil"],
      [{ ...valid, validUntil: "soon" }, "validUntil"],
      [{ ...valid, documentRef: "文".repeat(101) }, "documentRef"],
      [{ ...valid, documentRef: "  " }, "documentRef"],
      [{ ...valid, termStartYear: 2015, termEndYear: 2016, namedOn: "2018-01-02" }, "termEndYear"],
    ];
    for (const [body, field] of cases) {
      const response = await callJson<ErrorBody>(awardsOf(UNIT), { body, cookie: admin });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error).toMatchObject({ code: "validation_failed", message: expect.any(String) });
      expect(Object.keys(response.body.error.fields ?? {}), JSON.stringify(body)).toContain(field);
    }
    expect((await call(awardsOf(UNIT), { body: {}, cookie: admin })).status).toBe(400);
    expect((await call(awardsOf(UNIT), { body: "not json", cookie: admin })).status).toBe(400);
    expect([await awardRows(UNIT), await auditCount()]).toEqual(before);
  });
});

describe("round eligibility", () => {
  it("a unit without the required title is refused with 409 naming the title, and nothing is written", async () => {
    const roundId = await openRound("省级标兵评选（须省级称号）", "province_model", { requiresTitle: "province" });
    const standing = await callJson<Eligibility>(`/api/t/sichuan/rounds/${roundId}/eligibility`, { cookie: staff });
    expect(standing.body).toMatchObject({
      eligible: false,
      requiresTitle: "province",
      basis: null,
      reasons: [{ code: "title_missing", level: "province" }],
      requirement: { zh: "须持有有效的省级文明单位称号" },
    });
    const before = await auditCount();
    const refused = await callJson<ErrorBody>(`/api/t/sichuan/rounds/${roundId}/applications`, {
      body: { channel: "city" },
      cookie: staff,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("not_eligible");
    expect(refused.body.error.fields?.requiresTitle?.[0]).toContain("省级文明单位");
    expect(refused.body.error.current).toMatchObject({ eligible: false });
    expect(await count("select count(*) n from applications where round_id = ?", roundId)).toBe(0);
    expect(await auditCount()).toBe(before);

    // Once the office records the 省级 title the unit already holds, it may apply.
    const recorded = await callJson<Award>(awardsOf(UNIT), {
      body: { level: "province", termStartYear: YEAR - 1, namedOn: `${YEAR - 2}-12-30` },
      cookie: admin,
    });
    expect(recorded.body.held).toBe(true);
    const accepted = await callJson(`/api/t/sichuan/rounds/${roundId}/applications`, {
      body: { channel: "city" },
      cookie: staff,
    });
    expect(accepted.status).toBe(201);
  });

  it("a unit holding the required current title applies (a 省级 round that requires 市级)", async () => {
    const roundId = await openRound("省级文明单位评选", "province", { requiresTitle: "city" });
    const standing = await callJson<Eligibility>(`/api/t/sichuan/rounds/${roundId}/eligibility`, { cookie: staff });
    expect(standing.body).toMatchObject({ eligible: true, basis: "current_title", warned: false, reasons: [] });
    const created = await call(`/api/t/sichuan/rounds/${roundId}/applications`, {
      body: { channel: "city" },
      cookie: staff,
    });
    expect(created.status).toBe(201);
  });

  it("titles are judged on the day applications open; two consecutive terms stand in for an expired title", async () => {
    const later = `${YEAR + 2}-03-01`;
    const strict = await openRound("到期后评选", "province", { requiresTitle: "city" }, later);
    const strictStanding = await callJson<Eligibility>(`/api/t/sichuan/rounds/${strict}/eligibility`, {
      cookie: staff,
    });
    expect(strictStanding.body).toMatchObject({
      eligible: false,
      date: later,
      reasons: [{ code: "title_expired", level: "city" }],
    });
    const lenient = await openRound(
      "连续两届评选",
      "province",
      { requiresTitle: "city", orConsecutiveTerms: 2 },
      later,
    );
    const lenientStanding = await callJson<Eligibility>(`/api/t/sichuan/rounds/${lenient}/eligibility`, {
      cookie: staff,
    });
    expect(lenientStanding.body).toMatchObject({ eligible: true, basis: "consecutive_terms", orConsecutiveTerms: 2 });
    const three = await openRound("连续三届评选", "province", { requiresTitle: "city", orConsecutiveTerms: 3 }, later);
    const threeStanding = await callJson<Eligibility>(`/api/t/sichuan/rounds/${three}/eligibility`, {
      cookie: staff,
    });
    expect(threeStanding.body.reasons).toContainEqual({
      code: "too_few_consecutive_terms",
      level: "city",
      required: 3,
      held: 2,
    });
  });

  it("a round without a requirement admits everyone; reviewers ask about a unit in scope", async () => {
    const roundId = await openRound("无门槛评选", "city", {});
    const path = `/api/t/sichuan/rounds/${roundId}/eligibility`;
    expect((await callJson<Eligibility>(path, { cookie: staff })).body).toMatchObject({
      eligible: true,
      basis: "no_requirement",
      requiresTitle: null,
      requirement: null,
    });
    expect((await call(`${path}?unitId=${OTHER_UNIT}`, { cookie: deyang })).status).toBe(200);
    expect((await call(`${path}?unitId=${OTHER_UNIT}`, { cookie: dazhou })).status).toBe(404);
    expect((await call(`${path}?unitId=${OTHER_UNIT}`, { cookie: staff })).status).toBe(404);
    expect((await call(path, { cookie: deyang })).status).toBe(400);
    expect((await call(`${path}?unitId=${UNIT}&extra=1`, { cookie: deyang })).status).toBe(400);
    expect((await call(path, { cookie: hubeiAdmin })).status).toBe(404);
    expect(
      (await call(`/api/t/hubei/rounds/${roundId}/eligibility?unitId=hubei-u-daye-kexie`, { cookie: hubeiAdmin }))
        .status,
    ).toBe(404);
    expect((await call(path)).status).toBe(401);
  });
});
