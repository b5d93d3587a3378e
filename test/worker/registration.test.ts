import { env } from "cloudflare:workers";
import type { InferRequestType } from "hono/client";
import { beforeAll, describe, expect, it } from "vitest";
import { composeCreditCode } from "../../worker/domain/credit-code.ts";
import { api, call, failure, ok, signIn, statusOf, tenantApi } from "./client.ts";
import {
  DEMO,
  registration as nthRegistration,
  PLACES,
  REGISTRATION_PASSWORD,
  type Registration,
  signInAll,
  UNITS,
} from "./fixtures.ts";
import { count } from "./rows.ts";

type BulkRow = InferRequestType<ReturnType<typeof tenantApi>["units"]["bulk"]["$post"]>["json"]["rows"][number];

let serial = 500_000;
const PASSWORD = REGISTRATION_PASSWORD;

/** A complete, valid registration for a unit in 旌阳区, unique per call. */
function registration(overrides: Parameters<typeof nthRegistration>[1] = {}): Registration {
  serial += 1;
  return nthRegistration(serial, overrides);
}

const register = (json: Registration, ip = `198.18.0.${serial % 250}`, slug = "sichuan") =>
  api().api.tenants[":slug"].registrations.$post({ param: { slug }, json }, { headers: { "cf-connecting-ip": ip } });
const options = (slug: string, parent?: string) =>
  api().api.tenants[":slug"]["registration-options"].$get({ param: { slug }, query: parent ? { parent } : {} });
const decide = (cookie: string | undefined, id: string, tenant = "sichuan") => {
  const route = tenantApi(cookie).units[":id"];
  const param = { tenant, id };
  return {
    approve: (version: number) => route.approve.$post({ param, json: { version } }),
    reject: (version: number, reason: string) => route.reject.$post({ param, json: { version, reason } }),
  };
};
const bulk = (cookie: string, rows: BulkRow[], dryRun?: boolean) =>
  tenantApi(cookie).units.bulk.$post({ param: { tenant: "sichuan" }, json: { rows, dryRun } });
const newProgram = (cookie: string, unitId: string) =>
  tenantApi(cookie).units[":unitId"].programs.$post({
    param: { tenant: "sichuan", unitId },
    json: { title: "方案", startYear: 2026, endYear: 2026, targetLevel: "city", sections: [] },
  });
const unit = (cookie: string, id: string) => tenantApi(cookie).units[":id"].$get({ param: { tenant: "sichuan", id } });

let deyang: string;
let dazhou: string;
beforeAll(async () => {
  ({ deyang, dazhou } = await signInAll("deyang", "dazhou"));
});

describe("public registration options", () => {
  it("offers the tenant's root, a cascade level at a time, and its active sectors and kinds", async () => {
    const body = await ok(options("sichuan"));
    expect(body.root.code).toBe("510000");
    expect(body.places).toHaveLength(21);
    expect(body.sectors).toHaveLength(12);
    const counties = await ok(options("sichuan", PLACES.deyang));
    expect(counties.places.map((p) => p.code)).toContain("510603");
    expect(await statusOf(options("nowhere"))).toBe(404);
  });
});

describe("self-registration", () => {
  it("creates a pending unit whose staff can sign in and see only its status", async () => {
    const body = registration();
    const created = await ok(register(body), 201);
    expect(created).toMatchObject({ status: "pending", email: body.account.email });
    const cookie = await signIn(body.account.email, PASSWORD);
    const me = await ok(api(cookie).api.auth.me.$get());
    expect(me.memberships[0]).toMatchObject({ role: "unit_staff", unit: { status: "pending" } });
    const own = await ok(unit(cookie, created.unitId));
    expect(own).toMatchObject({ status: "pending", city: { code: "510600" }, jurisdiction: { code: "510603" } });
    const write = await failure(newProgram(cookie, created.unitId), 403);
    expect(write).toMatchObject({ error: { code: "unit_not_active" } });
    expect(await statusOf(unit(cookie, UNITS.deyangKexie))).toBe(404);
    expect(
      await count(
        "select count(*) n from audit_events where action = 'unit.register' and target_id = ?",
        created.unitId,
      ),
    ).toBe(1);
  });

  it("refuses a credit code whose check character is wrong, naming the field", async () => {
    const good = composeCreditCode("12", "510603", 42);
    const wrong = `${good.slice(0, 17)}${good[17] === "0" ? "1" : "0"}`;
    const body = await failure(register(registration({ unit: { creditCode: wrong } })), 400);
    expect(Object.keys(body.error.fields ?? {})).toEqual(["unit.creditCode"]);
  });

  it("refuses a credit code already registered in the tenant, and an email that has an account", async () => {
    const first = registration();
    expect((await register(first)).status).toBe(201);
    const dupCode = await failure(register(registration({ unit: { creditCode: first.unit.creditCode } })), 409);
    expect(dupCode).toMatchObject({ error: { code: "credit_code_taken" } });
    const dupEmail = await failure(register(registration({ account: { email: DEMO.deyang } })), 409);
    expect(dupEmail).toMatchObject({ error: { code: "email_taken" } });
  });

  it("the same credit code may register in another tenant", async () => {
    const code = composeCreditCode("12", "420281", 777_001);
    const hubei = register(
      registration({
        unit: {
          creditCode: code,
          jurisdictionId: PLACES.daye,
          sectorId: "hubei-sector-culture",
          kindId: "hubei-kind-institution",
        },
      }),
      "198.18.1.1",
      "hubei",
    );
    expect(await statusOf(hubei)).toBe(201);
    expect((await register(registration({ unit: { creditCode: code } }))).status).toBe(201);
  });

  it("refuses a place, sector or kind of another tenant, weak passwords and unknown fields; writes nothing", async () => {
    const units = await count("select count(*) n from units");
    const users = await count("select count(*) n from users");
    // Plain requests: the table mixes unknown fields (which break the body's type on purpose) with bad values.
    const cases = [
      registration({ unit: { jurisdictionId: PLACES.huangshi } }),
      registration({ unit: { sectorId: "hubei-sector-culture" } }),
      registration({ unit: { kindId: "nope" } }),
      registration({ account: { password: "short" } }),
      { ...registration(), unit: { ...registration().unit, status: "active" } },
      { ...registration(), account: { ...registration().account, role: "tenant_admin" } },
      { ...registration(), tenantId: "t-hubei" },
      registration({ unit: { creditCode: "123" } }),
      registration({ unit: { contactPhone: "call me" } }),
      registration({ unit: { name: "" } }),
    ];
    const registerRaw = (body: unknown) =>
      call("/api/tenants/sichuan/registrations", { body, headers: { "cf-connecting-ip": `198.18.0.${serial % 250}` } });
    for (const body of cases) expect((await registerRaw(body)).status, JSON.stringify(body).slice(0, 90)).toBe(400);
    expect(await count("select count(*) n from units")).toBe(units);
    expect(await count("select count(*) n from users")).toBe(users);
  });

  it("an unknown or suspended tenant does not take registrations", async () => {
    expect(await statusOf(register(registration(), undefined, "nowhere"))).toBe(404);
    await env.DB.prepare("update tenants set status = 'suspended' where slug = 'hubei'").run();
    try {
      expect(await statusOf(register(registration(), undefined, "hubei"))).toBe(404);
      expect(await statusOf(options("hubei"))).toBe(404);
    } finally {
      await env.DB.prepare("update tenants set status = 'active' where slug = 'hubei'").run();
    }
  });

  it("limits registrations per IP", async () => {
    const ip = "203.0.113.77";
    for (let i = 0; i < 10; i++) await register(registration({ unit: { name: "" } }), ip);
    expect(await statusOf(register(registration(), ip))).toBe(429);
  });
});

describe("approving and rejecting", () => {
  async function pendingUnit(place: string = PLACES.jingyang) {
    const body = registration({ unit: { jurisdictionId: place } });
    const created = await ok(register(body), 201);
    return { id: created.unitId, email: body.account.email };
  }

  it("the city reviewer whose scope covers the unit approves it; its staff may then write", async () => {
    const fresh = await pendingUnit();
    const pending = await ok(
      tenantApi(deyang).units.$get({ param: { tenant: "sichuan" }, query: { status: "pending", pageSize: 100 } }),
    );
    expect(pending.items.map((u) => u.id)).toContain(fresh.id);
    const approved = await ok(decide(deyang, fresh.id).approve(1));
    expect(approved).toMatchObject({ status: "active", version: 2 });
    const staff = await signIn(fresh.email, PASSWORD);
    expect(await statusOf(newProgram(staff, fresh.id))).toBe(201);
  });

  it("a rejection carries a reason the unit's staff can read", async () => {
    const fresh = await pendingUnit();
    const rejected = await ok(decide(deyang, fresh.id).reject(1, "信用代码与营业执照不符"));
    expect(rejected).toMatchObject({ status: "rejected", reviewNote: "信用代码与营业执照不符" });
    const staff = await signIn(fresh.email, PASSWORD);
    const seen = await ok(unit(staff, fresh.id));
    expect(seen).toMatchObject({ status: "rejected", reviewNote: "信用代码与营业执照不符" });
    // Plain request: a rejection without its reason breaks the body's type on purpose.
    expect(
      (await call(`/api/t/sichuan/units/${fresh.id}/reject`, { body: { version: 1 }, cookie: deyang })).status,
    ).toBe(400);
  });

  it("another city's reviewer gets 404; unit staff and department accounts get 403", async () => {
    const fresh = await pendingUnit();
    expect(await statusOf(decide(dazhou, fresh.id).approve(1))).toBe(404);
    const { hubeiAdmin } = await signInAll("hubeiAdmin");
    expect(await statusOf(decide(hubeiAdmin, fresh.id, "hubei").approve(1))).toBe(404);
    const staff = await signIn(fresh.email, PASSWORD);
    expect(await statusOf(decide(staff, fresh.id).approve(1))).toBe(403);
    expect(await statusOf(decide(undefined, fresh.id).approve(1))).toBe(401);
    expect(await count("select count(*) n from units where id = ? and status = 'pending'", fresh.id)).toBe(1);
  });

  it("deciding twice, or over a stale version, answers 409 and writes one event", async () => {
    const fresh = await pendingUnit();
    const { sichuanProvince } = await signInAll("sichuanProvince");
    const results = await Promise.all([deyang, sichuanProvince].map((cookie) => decide(cookie, fresh.id).approve(1)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(
      await count("select count(*) n from audit_events where target_id = ? and action = 'unit.approve'", fresh.id),
    ).toBe(1);
    const again = await failure(decide(deyang, fresh.id).reject(2, "改主意"), 409);
    expect(again).toMatchObject({ error: { code: "not_pending" } });
  });

  it("refuses unknown fields in a decision", async () => {
    const fresh = await pendingUnit();
    // Plain request: a field the body's type does not have, on purpose.
    const response = await call(`/api/t/sichuan/units/${fresh.id}/approve`, {
      body: { version: 1, status: "active" },
      cookie: deyang,
    });
    expect(response.status).toBe(400);
  });
});

describe("bulk unit creation", () => {
  const row = (n: number, overrides: Partial<BulkRow> = {}): BulkRow => ({
    name: `批量单位${n}`,
    creditCode: composeCreditCode("11", "510603", 900_000 + n),
    jurisdictionCode: "510603",
    sector: "教育",
    kind: "学校",
    contactName: "联系人",
    contactPhone: "0838-1234567",
    ...overrides,
  });

  it("a dry run reports each row and writes nothing; the real run creates the valid rows as active", async () => {
    const rows = [
      row(1),
      row(2, { sector: "education", kind: "school" }),
      row(3, { creditCode: "91510000000000000X" }),
      row(4, { jurisdictionCode: "511702" }),
      row(5, { sector: "宇宙" }),
      row(1, { creditCode: composeCreditCode("11", "510603", 900_099) }),
      row(6, { name: "德阳市科学技术协会" }),
    ];
    const dry = await ok(bulk(deyang, rows, true));
    expect(dry.rows.map((r) => r.outcome)).toEqual([
      "valid",
      "valid",
      "refused",
      "refused",
      "refused",
      "refused",
      "refused",
    ]);
    expect(dry.rows[3]?.reasons[0]).toContain("511702");
    expect(await count("select count(*) n from units where name like '批量单位%'")).toBe(0);

    const real = await ok(bulk(deyang, rows));
    expect(real).toMatchObject({ created: 2, refused: 5 });
    expect(
      await count(
        "select count(*) n from units where name like '批量单位%' and status = 'active' and city_id = 'sichuan-j-510600'",
      ),
    ).toBe(2);
    expect(await count("select count(*) n from audit_events where action = 'unit.bulk_create'")).toBe(1);
  });

  it("is for reviewers and tenant admins; unit staff get 403, other tenants 404", async () => {
    const { sichuanUnit, hubeiAdmin } = await signInAll("sichuanUnit", "hubeiAdmin");
    expect(await statusOf(bulk(sichuanUnit, [row(50)]))).toBe(403);
    expect(await statusOf(bulk(hubeiAdmin, [row(50)]))).toBe(404);
    expect(await statusOf(bulk(deyang, []))).toBe(400);
    // Plain request: a field the row's type does not have, on purpose.
    expect(
      (await call("/api/t/sichuan/units/bulk", { body: { rows: [{ ...row(51), status: "pending" }] }, cookie: deyang }))
        .status,
    ).toBe(400);
  });
});
