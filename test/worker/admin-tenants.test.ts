import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../worker/data/db.ts";
import { newTenantStatements } from "../../worker/data/tenants.ts";
import { activate, call, callJson, signIn, tokenOf } from "./client.ts";

let platform: string;
const count = async (sql: string, ...binds: string[]) =>
  (
    await env.DB.prepare(sql)
      .bind(...binds)
      .first<{ n: number }>()
  )?.n ?? 0;

beforeAll(async () => {
  platform = await signIn("platform@wenming.demo");
});

describe("creating a tenant", () => {
  it("creates 浙江省文明办 with its real tree, default lists and a pending first admin", async () => {
    const { status, body } = await callJson<{ slug: string; activationLink: string }>("/api/admin/tenants", {
      body: { slug: "zhejiang", name: "浙江省文明办", rootCode: "330000" },
      cookie: platform,
    });
    expect(status).toBe(201);
    expect(body.slug).toBe("zhejiang");
    expect(body.activationLink).toMatch(/^https:\/\/wenming\.test\/activate#token=[A-Za-z0-9_-]{43}$/);
    const tenants = await callJson<{ items: Array<{ slug: string }> }>("/api/tenants");
    expect(tenants.body.items.map((t) => t.slug)).toContain("zhejiang");
    expect(
      await count(
        "select count(*) n from jurisdictions j join tenants t on t.id = j.tenant_id where t.slug = ? and j.level = 'city'",
        "zhejiang",
      ),
    ).toBe(11);
    expect(
      await count("select count(*) n from jurisdictions where code = '330106' and path = '/330000/330100/330106/'"),
    ).toBe(1);
    expect(await count("select count(*) n from jurisdictions where name = '市辖区'")).toBe(0);
    expect(
      await count("select count(*) n from sectors s join tenants t on t.id = s.tenant_id where t.slug = ?", "zhejiang"),
    ).toBe(12);
    // Only the token's digest is stored.
    expect(await count("select count(*) n from activation_tokens where id = ?", tokenOf(body.activationLink))).toBe(0);
  });

  it("a city-level office is rooted at the city with its districts under it", async () => {
    const { status } = await callJson("/api/admin/tenants", {
      body: { slug: "hangzhou", name: "杭州市文明办", rootCode: "330100", adminEmail: "admin@hangzhou.test" },
      cookie: platform,
    });
    expect(status).toBe(201);
    expect(
      await count(
        "select count(*) n from jurisdictions j join tenants t on t.id = j.tenant_id where t.slug = 'hangzhou' and parent_id is null and j.code = '330100'",
      ),
    ).toBe(1);
    expect(
      await count(
        "select count(*) n from jurisdictions j join tenants t on t.id = j.tenant_id where t.slug = 'hangzhou' and j.level = 'county'",
      ),
    ).toBeGreaterThan(8);
  });

  it("its activation link lets the first admin choose an email and password, and works once", async () => {
    const { body } = await callJson<{ activationLink: string }>("/api/admin/tenants", {
      body: { slug: "jiangsu", name: "江苏省文明办", rootCode: "320000" },
      cookie: platform,
    });
    const inspect = await callJson("/api/auth/activation/inspect", { body: { token: tokenOf(body.activationLink) } });
    expect(inspect.body).toMatchObject({ purpose: "activation", email: null, tenantName: "江苏省文明办" });
    const noEmail = await callJson<{ error: { fields: Record<string, string[]> } }>("/api/auth/activate", {
      body: { token: tokenOf(body.activationLink), password: "a-good-long-passphrase" },
    });
    expect(noEmail.status).toBe(400);
    expect(Object.keys(noEmail.body.error.fields)).toEqual(["email"]);
    const cookie = await activate(body.activationLink, "a-good-long-passphrase", { email: "Admin@Jiangsu.test" });
    const me = await callJson<{ memberships: Array<{ role: string; tenant: { slug: string } }> }>("/api/auth/me", {
      cookie,
    });
    expect(me.body.memberships).toEqual([
      expect.objectContaining({ role: "tenant_admin", tenant: expect.objectContaining({ slug: "jiangsu" }) }),
    ]);
    const again = await callJson("/api/auth/activate", {
      body: { token: tokenOf(body.activationLink), password: "another-long-passphrase", email: "x@jiangsu.test" },
    });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: { code: "token_invalid" } });
  });

  it("refuses a duplicate slug with 409 and an unknown root code with 400", async () => {
    const dup = await callJson("/api/admin/tenants", {
      body: { slug: "sichuan", name: "重复", rootCode: "510000" },
      cookie: platform,
    });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ error: { code: "slug_taken" } });
    const unknown = await callJson<{ error: { fields: Record<string, string[]> } }>("/api/admin/tenants", {
      body: { slug: "nowhere", name: "无此地", rootCode: "999999" },
      cookie: platform,
    });
    expect(unknown.status).toBe(400);
    expect(Object.keys(unknown.body.error.fields)).toEqual(["rootCode"]);
    const county = await callJson("/api/admin/tenants", {
      body: { slug: "jingyang", name: "旌阳区", rootCode: "510603" },
      cookie: platform,
    });
    expect(county.status).toBe(400);
    expect(await count("select count(*) n from tenants where slug in ('nowhere', 'jingyang')")).toBe(0);
  });

  it("refuses bad input and unknown fields without writing anything", async () => {
    const before = await count("select count(*) n from tenants");
    for (const body of [
      { slug: "A", name: "x", rootCode: "1" },
      { slug: "fujian", name: "福建省文明办", rootCode: "350000", status: "active" },
      { slug: "fujian", name: "福建省文明办", rootCode: "350000", tenantId: "t-sichuan" },
      { slug: "fujian", name: "", rootCode: "350000" },
      { slug: "fujian", name: "福建省文明办", rootCode: "350000", adminEmail: "not-an-email" },
    ]) {
      const response = await call("/api/admin/tenants", { body, cookie: platform });
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    expect(await count("select count(*) n from tenants")).toBe(before);
  });

  it("is for platform admins only: 403 for tenant admins and reviewers, 401 anonymous", async () => {
    const body = { slug: "anhui", name: "安徽省文明办", rootCode: "340000" };
    expect((await call("/api/admin/tenants", { body, cookie: await signIn("admin@sichuan.demo") })).status).toBe(403);
    expect((await call("/api/admin/tenants", { body, cookie: await signIn("province@hubei.demo") })).status).toBe(403);
    expect((await call("/api/admin/tenants", { body })).status).toBe(401);
    expect((await call("/api/admin/tenants", { cookie: await signIn("admin@sichuan.demo") })).status).toBe(403);
    expect((await call("/api/admin/divisions", { cookie: await signIn("deyang@sichuan.demo") })).status).toBe(403);
    expect(await count("select count(*) n from tenants where slug = 'anhui'")).toBe(0);
  });

  it("writes one audit event into the new tenant's chain", async () => {
    await callJson("/api/admin/tenants", {
      body: { slug: "shandong", name: "山东省文明办", rootCode: "370000" },
      cookie: platform,
    });
    expect(
      await count(
        "select count(*) n from audit_events a join tenants t on t.id = a.tenant_id where t.slug = 'shandong' and a.action = 'tenant.create' and a.actor_user_id = 'user-platform-wenming-demo'",
      ),
    ).toBe(1);
  });

  it("creates nothing when one statement of its batch fails", async () => {
    const db = createDb(env.DB);
    const before = {
      tenants: await count("select count(*) n from tenants"),
      jurisdictions: await count("select count(*) n from jurisdictions"),
      users: await count("select count(*) n from users"),
    };
    const { statements } = newTenantStatements(db, {
      slug: "henan",
      name: "河南省文明办",
      rows: [
        {
          code: "410000",
          name: "河南省",
          level: "province",
          parentCode: null,
          cityCode: null,
          path: "/410000/",
          sort: 0,
        },
      ],
      admin: { email: "unit@sichuan.demo", displayName: "dup email" },
      activation: { tokenId: "x".repeat(64), expiresAt: "2099-01-01T00:00:00.000Z", createdBy: "test" },
    });
    const [first, ...rest] = statements;
    await expect(first ? db.batch([first, ...rest]) : Promise.resolve()).rejects.toThrow(/UNIQUE/);
    expect(await count("select count(*) n from tenants")).toBe(before.tenants);
    expect(await count("select count(*) n from jurisdictions")).toBe(before.jurisdictions);
    expect(await count("select count(*) n from users")).toBe(before.users);
  });
});

describe("listing, suspending and resuming tenants", () => {
  it("lists every tenant with its status and size", async () => {
    const { body } = await callJson<{ items: Array<{ slug: string; status: string; units: number; members: number }> }>(
      "/api/admin/tenants",
      { cookie: platform },
    );
    expect(body.items.find((t) => t.slug === "sichuan")).toMatchObject({ status: "active", units: 403, members: 5 });
  });

  it("a suspended tenant's people cannot sign in, its sessions lose access and its public page says unavailable", async () => {
    const hubeiAdmin = await signIn("admin@hubei.demo");
    expect((await call("/api/t/hubei/units", { cookie: hubeiAdmin })).status).toBe(200);
    const suspend = await callJson("/api/admin/tenants/hubei/suspend", { body: { reason: "整改" }, cookie: platform });
    expect(suspend.status).toBe(200);
    expect((await call("/api/t/hubei/units", { cookie: hubeiAdmin })).status).toBe(404);
    const login = await callJson("/api/auth/login", {
      body: { email: "huangshi@hubei.demo", password: "wenming-demo" },
    });
    expect(login).toMatchObject({ status: 403, body: { error: { code: "tenant_suspended" } } });
    const publicList = await callJson<{ items: Array<{ slug: string }> }>("/api/tenants");
    expect(publicList.body.items.map((t) => t.slug)).not.toContain("hubei");
    const profile = await callJson("/api/tenants/hubei");
    expect(profile.body).toMatchObject({ slug: "hubei", status: "suspended", logoUrl: null });
    expect((await callJson("/api/admin/tenants/hubei/suspend", { body: {}, cookie: platform })).status).toBe(409);

    expect((await callJson("/api/admin/tenants/hubei/resume", { body: {}, cookie: platform })).status).toBe(200);
    expect(
      (await callJson("/api/auth/login", { body: { email: "huangshi@hubei.demo", password: "wenming-demo" } })).status,
    ).toBe(200);
    expect(await count("select count(*) n from audit_events where action in ('tenant.suspend', 'tenant.resume')")).toBe(
      2,
    );
  });

  it("suspending an unknown tenant answers 404", async () => {
    expect((await call("/api/admin/tenants/nosuch/suspend", { body: {}, cookie: platform })).status).toBe(404);
  });

  it("lists provinces, and the cities of one, for picking a root", async () => {
    const provinces = await callJson<{ items: Array<{ code: string; name: string }> }>("/api/admin/divisions", {
      cookie: platform,
    });
    expect(provinces.body.items).toContainEqual({ code: "330000", name: "浙江省" });
    const cities = await callJson<{ items: Array<{ code: string; name: string }> }>(
      "/api/admin/divisions?parent=330000",
      {
        cookie: platform,
      },
    );
    expect(cities.body.items).toContainEqual({ code: "330100", name: "杭州市" });
    expect(cities.body.items.some((c) => c.name === "市辖区")).toBe(false);
    expect((await call("/api/admin/divisions?parent=abc", { cookie: platform })).status).toBe(400);
  });
});
