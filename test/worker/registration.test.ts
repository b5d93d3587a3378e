import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { composeCreditCode } from "../../worker/domain/credit-code.ts";
import { call, callJson, signIn } from "./client.ts";

const count = async (sql: string, ...binds: string[]) =>
  (
    await env.DB.prepare(sql)
      .bind(...binds)
      .first<{ n: number }>()
  )?.n ?? 0;

let serial = 500_000;
const PASSWORD = "a-long-enough-passphrase";

/** A complete, valid registration for a unit in 旌阳区, unique per call. */
function registration(overrides: { unit?: Record<string, unknown>; account?: Record<string, unknown> } = {}) {
  serial += 1;
  return {
    unit: {
      name: `旌阳区测试单位${serial}`,
      creditCode: composeCreditCode("12", "510603", serial),
      jurisdictionId: "sichuan-j-510603",
      sectorId: "sichuan-sector-culture",
      kindId: "sichuan-kind-institution",
      contactName: "王老师",
      contactPhone: "0838-2222222",
      ...overrides.unit,
    },
    account: { email: `staff${serial}@unit.test`, displayName: "联络员", password: PASSWORD, ...overrides.account },
  };
}

const register = (body: unknown, ip = `198.18.0.${serial % 250}`) =>
  callJson<{
    unitId: string;
    status: string;
    email: string;
    error?: { code: string; fields?: Record<string, string[]> };
  }>("/api/tenants/sichuan/registrations", { body, headers: { "cf-connecting-ip": ip } });

let deyang: string;
let dazhou: string;
beforeAll(async () => {
  deyang = await signIn("deyang@sichuan.demo");
  dazhou = await signIn("dazhou@sichuan.demo");
});

describe("public registration options", () => {
  it("offers the tenant's root, a cascade level at a time, and its active sectors and kinds", async () => {
    const { status, body } = await callJson<{
      root: { code: string };
      places: Array<{ id: string; code: string; level: string }>;
      sectors: unknown[];
      kinds: unknown[];
    }>("/api/tenants/sichuan/registration-options");
    expect(status).toBe(200);
    expect(body.root.code).toBe("510000");
    expect(body.places).toHaveLength(21);
    expect(body.sectors).toHaveLength(12);
    const counties = await callJson<{ places: Array<{ code: string }> }>(
      "/api/tenants/sichuan/registration-options?parent=sichuan-j-510600",
    );
    expect(counties.body.places.map((p) => p.code)).toContain("510603");
    expect((await call("/api/tenants/nowhere/registration-options")).status).toBe(404);
  });
});

describe("self-registration", () => {
  it("creates a pending unit whose staff can sign in and see only its status", async () => {
    const body = registration();
    const { status, body: created } = await register(body);
    expect(status).toBe(201);
    expect(created).toMatchObject({ status: "pending", email: body.account.email });
    const cookie = await signIn(body.account.email, PASSWORD);
    const me = await callJson<{ memberships: Array<{ role: string; unit: { status: string } }> }>("/api/auth/me", {
      cookie,
    });
    expect(me.body.memberships[0]).toMatchObject({ role: "unit_staff", unit: { status: "pending" } });
    const unit = await callJson(`/api/t/sichuan/units/${created.unitId}`, { cookie });
    expect(unit.body).toMatchObject({ status: "pending", city: { code: "510600" }, jurisdiction: { code: "510603" } });
    const write = await callJson(`/api/t/sichuan/units/${created.unitId}/programs`, {
      body: { title: "方案", startYear: 2026, endYear: 2026, targetLevel: "city", sections: [] },
      cookie,
    });
    expect(write).toMatchObject({ status: 403, body: { error: { code: "unit_not_active" } } });
    expect((await call("/api/t/sichuan/units/sichuan-u-deyang-kexie", { cookie })).status).toBe(404);
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
    const { status, body } = await register(registration({ unit: { creditCode: wrong } }));
    expect(status).toBe(400);
    expect(Object.keys(body.error?.fields ?? {})).toEqual(["unit.creditCode"]);
  });

  it("refuses a credit code already registered in the tenant, and an email that has an account", async () => {
    const first = registration();
    expect((await register(first)).status).toBe(201);
    const dupCode = await register(registration({ unit: { creditCode: first.unit.creditCode } }));
    expect(dupCode).toMatchObject({ status: 409, body: { error: { code: "credit_code_taken" } } });
    const dupEmail = await register(registration({ account: { email: "deyang@sichuan.demo" } }));
    expect(dupEmail).toMatchObject({ status: 409, body: { error: { code: "email_taken" } } });
  });

  it("the same credit code may register in another tenant", async () => {
    const code = composeCreditCode("12", "420281", 777_001);
    const hubei = await callJson("/api/tenants/hubei/registrations", {
      body: {
        ...registration({
          unit: {
            creditCode: code,
            jurisdictionId: "hubei-j-420281",
            sectorId: "hubei-sector-culture",
            kindId: "hubei-kind-institution",
          },
        }),
      },
      headers: { "cf-connecting-ip": "198.18.1.1" },
    });
    expect(hubei.status).toBe(201);
    expect((await register(registration({ unit: { creditCode: code } }))).status).toBe(201);
  });

  it("refuses a place, sector or kind of another tenant, weak passwords and unknown fields; writes nothing", async () => {
    const units = await count("select count(*) n from units");
    const users = await count("select count(*) n from users");
    const cases = [
      registration({ unit: { jurisdictionId: "hubei-j-420200" } }),
      registration({ unit: { sectorId: "hubei-sector-culture" } }),
      registration({ unit: { kindId: "nope" } }),
      registration({ account: { password: "short" } }),
      registration({ unit: { status: "active" } }),
      registration({ account: { role: "tenant_admin" } }),
      { ...registration(), tenantId: "t-hubei" },
      registration({ unit: { creditCode: "123" } }),
      registration({ unit: { contactPhone: "call me" } }),
      registration({ unit: { name: "" } }),
    ];
    for (const body of cases) expect((await register(body)).status, JSON.stringify(body).slice(0, 90)).toBe(400);
    expect(await count("select count(*) n from units")).toBe(units);
    expect(await count("select count(*) n from users")).toBe(users);
  });

  it("an unknown or suspended tenant does not take registrations", async () => {
    expect((await callJson("/api/tenants/nowhere/registrations", { body: registration() })).status).toBe(404);
    await env.DB.prepare("update tenants set status = 'suspended' where slug = 'hubei'").run();
    try {
      expect((await callJson("/api/tenants/hubei/registrations", { body: registration() })).status).toBe(404);
      expect((await call("/api/tenants/hubei/registration-options")).status).toBe(404);
    } finally {
      await env.DB.prepare("update tenants set status = 'active' where slug = 'hubei'").run();
    }
  });

  it("limits registrations per IP", async () => {
    const ip = "203.0.113.77";
    for (let i = 0; i < 10; i++) await register(registration({ unit: { name: "" } }), ip);
    const limited = await register(registration(), ip);
    expect(limited.status).toBe(429);
  });
});

describe("approving and rejecting", () => {
  async function pendingUnit(place = "sichuan-j-510603") {
    const body = registration({ unit: { jurisdictionId: place } });
    const { body: created } = await register(body);
    return { id: created.unitId, email: body.account.email };
  }

  it("the city reviewer whose scope covers the unit approves it; its staff may then write", async () => {
    const unit = await pendingUnit();
    const pending = await callJson<{ items: Array<{ id: string }> }>(
      "/api/t/sichuan/units?status=pending&pageSize=100",
      {
        cookie: deyang,
      },
    );
    expect(pending.body.items.map((u) => u.id)).toContain(unit.id);
    const approved = await callJson<{ status: string; version: number }>(`/api/t/sichuan/units/${unit.id}/approve`, {
      body: { version: 1 },
      cookie: deyang,
    });
    expect(approved.body).toMatchObject({ status: "active", version: 2 });
    const staff = await signIn(unit.email, PASSWORD);
    const program = await call(`/api/t/sichuan/units/${unit.id}/programs`, {
      body: { title: "方案", startYear: 2026, endYear: 2026, targetLevel: "city", sections: [] },
      cookie: staff,
    });
    expect(program.status).toBe(201);
  });

  it("a rejection carries a reason the unit's staff can read", async () => {
    const unit = await pendingUnit();
    const rejected = await callJson(`/api/t/sichuan/units/${unit.id}/reject`, {
      body: { version: 1, reason: "信用代码与营业执照不符" },
      cookie: deyang,
    });
    expect(rejected.body).toMatchObject({ status: "rejected", reviewNote: "信用代码与营业执照不符" });
    const staff = await signIn(unit.email, PASSWORD);
    const seen = await callJson(`/api/t/sichuan/units/${unit.id}`, { cookie: staff });
    expect(seen.body).toMatchObject({ status: "rejected", reviewNote: "信用代码与营业执照不符" });
    expect(
      (await call(`/api/t/sichuan/units/${unit.id}/reject`, { body: { version: 1 }, cookie: deyang })).status,
    ).toBe(400);
  });

  it("another city's reviewer gets 404; unit staff and department accounts get 403", async () => {
    const unit = await pendingUnit();
    expect(
      (await call(`/api/t/sichuan/units/${unit.id}/approve`, { body: { version: 1 }, cookie: dazhou })).status,
    ).toBe(404);
    expect(
      (
        await call(`/api/t/hubei/units/${unit.id}/approve`, {
          body: { version: 1 },
          cookie: await signIn("admin@hubei.demo"),
        })
      ).status,
    ).toBe(404);
    const staff = await signIn(unit.email, PASSWORD);
    expect(
      (await call(`/api/t/sichuan/units/${unit.id}/approve`, { body: { version: 1 }, cookie: staff })).status,
    ).toBe(403);
    expect((await call(`/api/t/sichuan/units/${unit.id}/approve`, { body: { version: 1 } })).status).toBe(401);
    expect(await count("select count(*) n from units where id = ? and status = 'pending'", unit.id)).toBe(1);
  });

  it("deciding twice, or over a stale version, answers 409 and writes one event", async () => {
    const unit = await pendingUnit();
    const results = await Promise.all(
      [deyang, await signIn("province@sichuan.demo")].map((cookie) =>
        call(`/api/t/sichuan/units/${unit.id}/approve`, { body: { version: 1 }, cookie }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(
      await count("select count(*) n from audit_events where target_id = ? and action = 'unit.approve'", unit.id),
    ).toBe(1);
    const again = await callJson(`/api/t/sichuan/units/${unit.id}/reject`, {
      body: { version: 2, reason: "改主意" },
      cookie: deyang,
    });
    expect(again).toMatchObject({ status: 409, body: { error: { code: "not_pending" } } });
  });

  it("refuses unknown fields in a decision", async () => {
    const unit = await pendingUnit();
    const response = await call(`/api/t/sichuan/units/${unit.id}/approve`, {
      body: { version: 1, status: "active" },
      cookie: deyang,
    });
    expect(response.status).toBe(400);
  });
});

describe("bulk unit creation", () => {
  const row = (n: number, overrides: Record<string, string> = {}) => ({
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
    const dry = await callJson<{ rows: Array<{ outcome: string; reasons: string[] }>; created: number }>(
      "/api/t/sichuan/units/bulk",
      {
        body: { rows, dryRun: true },
        cookie: deyang,
      },
    );
    expect(dry.body.rows.map((r) => r.outcome)).toEqual([
      "valid",
      "valid",
      "refused",
      "refused",
      "refused",
      "refused",
      "refused",
    ]);
    expect(dry.body.rows[3]?.reasons[0]).toContain("511702");
    expect(await count("select count(*) n from units where name like '批量单位%'")).toBe(0);

    const real = await callJson<{ created: number; refused: number }>("/api/t/sichuan/units/bulk", {
      body: { rows },
      cookie: deyang,
    });
    expect(real.body).toMatchObject({ created: 2, refused: 5 });
    expect(
      await count(
        "select count(*) n from units where name like '批量单位%' and status = 'active' and city_id = 'sichuan-j-510600'",
      ),
    ).toBe(2);
    expect(await count("select count(*) n from audit_events where action = 'unit.bulk_create'")).toBe(1);
  });

  it("is for reviewers and tenant admins; unit staff get 403, other tenants 404", async () => {
    const body = { rows: [row(50)] };
    expect((await call("/api/t/sichuan/units/bulk", { body, cookie: await signIn("unit@sichuan.demo") })).status).toBe(
      403,
    );
    expect((await call("/api/t/sichuan/units/bulk", { body, cookie: await signIn("admin@hubei.demo") })).status).toBe(
      404,
    );
    expect((await call("/api/t/sichuan/units/bulk", { body: { rows: [] }, cookie: deyang })).status).toBe(400);
    expect(
      (await call("/api/t/sichuan/units/bulk", { body: { rows: [{ ...row(51), status: "pending" }] }, cookie: deyang }))
        .status,
    ).toBe(400);
  });
});
