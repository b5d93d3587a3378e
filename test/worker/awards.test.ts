import { env } from "cloudflare:workers";
import type { InferRequestType } from "hono/client";
import { beforeAll, describe, expect, it } from "vitest";
import { beijingYear } from "../../worker/domain/record-rules.ts";
import { activate, call, callJson, type ErrorBody, failure, ok, statusOf, tenantApi } from "./client.ts";
import { PLACES, signInAll, UNITS } from "./fixtures.ts";
import { count } from "./rows.ts";

type Api = ReturnType<typeof tenantApi>;
type NewAward = InferRequestType<Api["units"][":id"]["awards"]["$post"]>["json"];
type NewRound = InferRequestType<Api["rounds"]["$post"]>["json"];

/** The demo unit of unit@sichuan.demo: a current 市级 title and the term before it (see db/seed/demo.ts). */
const UNIT = UNITS.deyangKexie;
/** Another 德阳 unit, whose 市级 title ran out with the last term. */
const OTHER_UNIT = UNITS.deyangEducation;
const YEAR = beijingYear(new Date());
const awardsOf = (cookie: string | undefined, unit: string, tenant = "sichuan") => {
  const route = tenantApi(cookie).units[":id"].awards;
  const param = { tenant, id: unit };
  return { list: () => route.$get({ param }), record: (json: NewAward) => route.$post({ param, json }) };
};
/** For the plain requests whose bodies break the route's types on purpose. */
const awardsPath = (unit: string) => `/api/t/sichuan/units/${unit}/awards`;
const eligibility = (cookie: string | undefined, roundId: string, unitId?: string, tenant = "sichuan") =>
  tenantApi(cookie).rounds[":roundId"].eligibility.$get({
    param: { tenant, roundId },
    query: unitId ? { unitId } : {},
  });
const apply = (cookie: string, roundId: string) =>
  tenantApi(cookie).rounds[":roundId"].applications.$post({
    param: { tenant: "sichuan", roundId },
    json: { channel: "city" },
  });

let admin: string;
let staff: string;
let deyang: string;
let dazhou: string;
let hubeiAdmin: string;
let department: string;
let criteriaId: string;

/** A unit's titles and their history rows: "nothing written" covers both. */
const awardRows = (unit: string) =>
  count(
    "select (select count(*) from awards where unit_id = ?1) + (select count(*) from award_events where unit_id = ?1) n",
    unit,
  );
const auditCount = () => count("select count(*) n from audit_events where chain = 't-sichuan'");

const valid: NewAward = {
  level: "county",
  termStartYear: 2019,
  namedOn: "2018-12-20",
  documentRef: "旌阳区文明委〔2018〕9号",
};

type Eligibility = NonNullable<NonNullable<NewRound["settings"]>["eligibility"]>;

async function openRound(title: string, level: NewRound["level"], eligibility: Eligibility, open?: string) {
  const rounds = tenantApi(admin).rounds;
  const created = await ok(
    rounds.$post({
      param: { tenant: "sichuan" },
      json: {
        title,
        level,
        kind: "selection",
        year: YEAR,
        criteriaSystemId: criteriaId,
        settings: { eligibility, ...(open ? { dates: { applicationsOpen: open } } : {}) },
      },
    }),
    201,
  );
  const opened = await ok(
    rounds[":id"].advance.$post({ param: { tenant: "sichuan", id: created.id }, json: { version: created.version } }),
  );
  return opened.id;
}

beforeAll(async () => {
  ({
    sichuanAdmin: admin,
    sichuanUnit: staff,
    deyang,
    dazhou,
    hubeiAdmin,
  } = await signInAll("sichuanAdmin", "sichuanUnit", "deyang", "dazhou", "hubeiAdmin"));
  const sichuan = { tenant: "sichuan" };
  const as = tenantApi(admin);
  const dept = await ok(
    as.people.$post({
      param: sichuan,
      json: {
        email: "jijian@sichuan.test",
        displayName: "纪检",
        role: "department",
        jurisdictionId: PLACES.sichuan,
        department: "纪检监察",
      },
    }),
    201,
  );
  department = await activate(dept.activationLink, "a-good-long-passphrase");
  const system = await ok(
    as["criteria-systems"].$post({
      param: sichuan,
      json: {
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
    }),
    201,
  );
  criteriaId = system.id;
  // Applying needs a published program covering the round's year.
  const program = await ok(
    tenantApi(staff).units[":unitId"].programs.$post({
      param: { ...sichuan, unitId: UNIT },
      json: { title: `${YEAR}年度创建方案`, startYear: YEAR, endYear: YEAR, targetLevel: "province", sections: [] },
    }),
    201,
  );
  await ok(
    tenantApi(staff).programs[":id"].publish.$post({ param: { ...sichuan, id: program.id }, json: { version: 1 } }),
  );
});

describe("GET /units/:id/awards", () => {
  it("the unit's staff see its titles, latest term first, with only the title's own fields", async () => {
    const body = await ok(awardsOf(staff, UNIT).list());
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
        warningDeadline: null,
        publicReason: null,
        version: 1,
        state: "active",
        expired: false,
        history: expect.any(Array),
      },
      expect.objectContaining({ level: "city", termStartYear: YEAR - 4, held: false }),
    ]);
  });

  it("reviewers and department accounts in scope and admins read them; out of scope and other units are 404", async () => {
    for (const cookie of [admin, deyang, department]) {
      expect(await statusOf(awardsOf(cookie, UNIT).list())).toBe(200);
    }
    expect(await statusOf(awardsOf(dazhou, UNIT).list())).toBe(404);
    expect(await statusOf(awardsOf(staff, OTHER_UNIT).list())).toBe(404);
    expect(await statusOf(awardsOf(admin, "no-such-unit").list())).toBe(404);
  });

  it("another tenant's user gets 404 under either tenant's path; anonymous gets 401", async () => {
    expect(await statusOf(awardsOf(hubeiAdmin, UNIT).list())).toBe(404);
    expect(await statusOf(awardsOf(hubeiAdmin, UNIT, "hubei").list())).toBe(404);
    expect(await statusOf(awardsOf(admin, UNITS.dayeKexie).list())).toBe(404);
    expect(await statusOf(awardsOf(undefined, UNIT).list())).toBe(401);
  });
});

describe("POST /units/:id/awards", () => {
  it("a tenant admin records a held title: defaults from the office's term, its history, one audit event", async () => {
    const before = await auditCount();
    const publicVersion = () => count("select public_version n from tenants where id = 't-sichuan'");
    const versionBefore = await publicVersion();
    const body = await ok(awardsOf(admin, OTHER_UNIT).record(valid), 201);
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
      warningDeadline: null,
      publicReason: null,
      version: 1,
      // Held, but its term ended long ago: expired by date, never written so.
      state: "expired",
      expired: true,
      history: [
        { kind: "recorded", effectiveOn: "2018-12-20", reason: null, publicReason: null, deadline: null, round: null },
      ],
    });
    expect(await auditCount()).toBe(before + 1);
    // The public lists are cached by version: recording a title retires them.
    expect(await publicVersion()).toBe(versionBefore + 1);
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
    const body = await ok(
      awardsOf(deyang, OTHER_UNIT).record({
        level: "city_model",
        termStartYear: YEAR - 1,
        termEndYear: YEAR,
        namedOn: `${YEAR - 1}-01-15`,
        validUntil: `${YEAR + 1}-03-31`,
        status: "warned",
      }),
      201,
    );
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
    const again = await failure(awardsOf(admin, OTHER_UNIT).record(valid), 409);
    expect(again).toMatchObject({ error: { code: "award_exists" } });
    expect([await awardRows(OTHER_UNIT), await auditCount()]).toEqual(before);
  });

  it("wrong role 403, out of scope or other tenant 404, anonymous 401; nothing written", async () => {
    const body = { ...valid, termStartYear: 2013, namedOn: "2012-12-20" };
    const before = [await awardRows(UNIT), await auditCount()];
    expect(await statusOf(awardsOf(staff, UNIT).record(body))).toBe(403);
    expect(await statusOf(awardsOf(department, UNIT).record(body))).toBe(403);
    expect(await statusOf(awardsOf(dazhou, UNIT).record(body))).toBe(404);
    expect(await statusOf(awardsOf(hubeiAdmin, UNIT).record(body))).toBe(404);
    expect(await statusOf(awardsOf(hubeiAdmin, UNIT, "hubei").record(body))).toBe(404);
    expect(await statusOf(awardsOf(admin, UNITS.dayeKexie).record(body))).toBe(404);
    expect(await statusOf(awardsOf(undefined, UNIT).record(body))).toBe(401);
    expect([await awardRows(UNIT), await auditCount()]).toEqual(before);
  });

  it("unknown fields (tenant, round, author, status beyond held, version) are 400 and nothing is written", async () => {
    const before = [await awardRows(UNIT), await auditCount()];
    // Plain requests: mass assignment sends fields (and a status) the body's type does not allow, on purpose.
    for (const extra of [
      { tenantId: "t-hubei" },
      { roundId: "some-round" },
      { createdBy: "user-platform-wenming-demo" },
      { version: 7 },
      { id: "chosen-id" },
      { unitId: OTHER_UNIT },
      { status: "revoked" },
    ]) {
      const response = await callJson<ErrorBody>(awardsPath(UNIT), { body: { ...valid, ...extra }, cookie: admin });
      expect(response.status, JSON.stringify(extra)).toBe(400);
      expect(response.body.error.code).toBe("validation_failed");
    }
    expect([await awardRows(UNIT), await auditCount()]).toEqual(before);
  });

  it("bad input answers 400 naming the field: types, levels, dates, lengths, terms", async () => {
    const before = [await awardRows(UNIT), await auditCount()];
    // Plain requests: the table mixes values the body's types refuse (wrong types, unknown levels, a missing
    // level, malformed JSON) with well-typed ones the rules refuse; all go as a browser could send them.
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
      const response = await callJson<ErrorBody>(awardsPath(UNIT), { body, cookie: admin });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error).toMatchObject({ code: "validation_failed", message: expect.any(String) });
      expect(Object.keys(response.body.error.fields ?? {}), JSON.stringify(body)).toContain(field);
    }
    expect((await call(awardsPath(UNIT), { body: {}, cookie: admin })).status).toBe(400);
    expect((await call(awardsPath(UNIT), { body: "not json", cookie: admin })).status).toBe(400);
    expect([await awardRows(UNIT), await auditCount()]).toEqual(before);
  });
});

describe("round eligibility", () => {
  it("a unit without the required title is refused with 409 naming the title, and nothing is written", async () => {
    const roundId = await openRound("省级标兵评选（须省级称号）", "province_model", { requiresTitle: "province" });
    const standing = await ok(eligibility(staff, roundId));
    expect(standing).toMatchObject({
      eligible: false,
      requiresTitle: "province",
      basis: null,
      reasons: [{ code: "title_missing", level: "province" }],
      requirement: { zh: "须持有有效的省级文明单位称号" },
    });
    const before = await auditCount();
    const refused = await failure(apply(staff, roundId), 409);
    expect(refused.error.code).toBe("not_eligible");
    expect(refused.error.fields?.requiresTitle?.[0]).toContain("省级文明单位");
    expect(refused.error.current).toMatchObject({ eligible: false });
    expect(await count("select count(*) n from applications where round_id = ?", roundId)).toBe(0);
    expect(await auditCount()).toBe(before);

    // Once the office records the 省级 title the unit already holds, it may apply.
    const recorded = await ok(
      awardsOf(admin, UNIT).record({ level: "province", termStartYear: YEAR - 1, namedOn: `${YEAR - 2}-12-30` }),
      201,
    );
    expect(recorded.held).toBe(true);
    expect(await statusOf(apply(staff, roundId))).toBe(201);
  });

  it("a unit holding the required current title applies (a 省级 round that requires 市级)", async () => {
    const roundId = await openRound("省级文明单位评选", "province", { requiresTitle: "city" });
    const standing = await ok(eligibility(staff, roundId));
    expect(standing).toMatchObject({ eligible: true, basis: "current_title", warned: false, reasons: [] });
    expect(await statusOf(apply(staff, roundId))).toBe(201);
  });

  it("titles are judged on the day applications open; two consecutive terms stand in for an expired title", async () => {
    const later = `${YEAR + 2}-03-01`;
    const strict = await openRound("到期后评选", "province", { requiresTitle: "city" }, later);
    const strictStanding = await ok(eligibility(staff, strict));
    expect(strictStanding).toMatchObject({
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
    const lenientStanding = await ok(eligibility(staff, lenient));
    expect(lenientStanding).toMatchObject({ eligible: true, basis: "consecutive_terms", orConsecutiveTerms: 2 });
    const three = await openRound("连续三届评选", "province", { requiresTitle: "city", orConsecutiveTerms: 3 }, later);
    const threeStanding = await ok(eligibility(staff, three));
    expect(threeStanding.reasons).toContainEqual({
      code: "too_few_consecutive_terms",
      level: "city",
      required: 3,
      held: 2,
    });
  });

  it("a round without a requirement admits everyone; reviewers ask about a unit in scope", async () => {
    const roundId = await openRound("无门槛评选", "city", {});
    expect(await ok(eligibility(staff, roundId))).toMatchObject({
      eligible: true,
      basis: "no_requirement",
      requiresTitle: null,
      requirement: null,
    });
    expect(await statusOf(eligibility(deyang, roundId, OTHER_UNIT))).toBe(200);
    expect(await statusOf(eligibility(dazhou, roundId, OTHER_UNIT))).toBe(404);
    expect(await statusOf(eligibility(staff, roundId, OTHER_UNIT))).toBe(404);
    expect(await statusOf(eligibility(deyang, roundId))).toBe(400);
    // Plain request: a query field the route does not have, on purpose.
    const path = `/api/t/sichuan/rounds/${roundId}/eligibility`;
    expect((await call(`${path}?unitId=${UNIT}&extra=1`, { cookie: deyang })).status).toBe(400);
    expect(await statusOf(eligibility(hubeiAdmin, roundId))).toBe(404);
    expect(await statusOf(eligibility(hubeiAdmin, roundId, UNITS.dayeKexie, "hubei"))).toBe(404);
    expect(await statusOf(eligibility(undefined, roundId))).toBe(401);
  });
});
