import { env } from "cloudflare:workers";
import type { InferRequestType } from "hono/client";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../worker/data/db.ts";
import { newTenantStatements } from "../../worker/data/tenants.ts";
import { activate, api, call, failure, ok, signIn, statusOf, tenantApi, tokenOf } from "./client.ts";
import { DEMO, signInAll } from "./fixtures.ts";
import { count } from "./rows.ts";

type NewTenant = InferRequestType<ReturnType<typeof api>["api"]["admin"]["tenants"]["$post"]>["json"];

let platform: string;

beforeAll(async () => {
  ({ platform } = await signInAll("platform"));
});

const admin = (cookie?: string) => api(cookie).api.admin;
const createTenant = (cookie: string | undefined, json: NewTenant) => admin(cookie).tenants.$post({ json });
const tenantAction = (action: "suspend" | "resume", slug: string, reason?: string) =>
  admin(platform).tenants[":slug"][action].$post({ param: { slug }, json: reason ? { reason } : {} });
const divisions = (cookie: string, parent?: string) =>
  admin(cookie).divisions.$get({ query: parent ? { parent } : {} });
const auth = api().api.auth;
const publicTenants = () => api().api.tenants.$get();

describe("creating a tenant", () => {
  it("creates 浙江省文明办 with its real tree, default lists and a pending first admin", async () => {
    const body = await ok(createTenant(platform, { slug: "zhejiang", name: "浙江省文明办", rootCode: "330000" }), 201);
    expect(body.slug).toBe("zhejiang");
    expect(body.activationLink).toMatch(/^https:\/\/wenming\.test\/activate#token=[A-Za-z0-9_-]{43}$/);
    const tenants = await ok(publicTenants());
    expect(tenants.items.map((t) => t.slug)).toContain("zhejiang");
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
    const created = createTenant(platform, {
      slug: "hangzhou",
      name: "杭州市文明办",
      rootCode: "330100",
      adminEmail: "admin@hangzhou.test",
    });
    expect(await statusOf(created)).toBe(201);
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
    const body = await ok(createTenant(platform, { slug: "jiangsu", name: "江苏省文明办", rootCode: "320000" }), 201);
    const token = tokenOf(body.activationLink);
    const inspect = await ok(auth.activation.inspect.$post({ json: { token } }));
    expect(inspect).toMatchObject({ purpose: "activation", email: null, tenantName: "江苏省文明办" });
    const noEmail = await failure(auth.activate.$post({ json: { token, password: "a-good-long-passphrase" } }), 400);
    expect(Object.keys(noEmail.error.fields ?? {})).toEqual(["email"]);
    const cookie = await activate(body.activationLink, "a-good-long-passphrase", { email: "Admin@Jiangsu.test" });
    const me = await ok(api(cookie).api.auth.me.$get());
    expect(me.memberships).toEqual([
      expect.objectContaining({ role: "tenant_admin", tenant: expect.objectContaining({ slug: "jiangsu" }) }),
    ]);
    const again = await failure(
      auth.activate.$post({ json: { token, password: "another-long-passphrase", email: "x@jiangsu.test" } }),
      400,
    );
    expect(again).toMatchObject({ error: { code: "token_invalid" } });
  });

  it("refuses a duplicate slug with 409 and an unknown root code with 400", async () => {
    const dup = await failure(createTenant(platform, { slug: "sichuan", name: "重复", rootCode: "510000" }), 409);
    expect(dup).toMatchObject({ error: { code: "slug_taken" } });
    const unknown = await failure(createTenant(platform, { slug: "nowhere", name: "无此地", rootCode: "999999" }), 400);
    expect(Object.keys(unknown.error.fields ?? {})).toEqual(["rootCode"]);
    expect(await statusOf(createTenant(platform, { slug: "jingyang", name: "旌阳区", rootCode: "510603" }))).toBe(400);
    expect(await count("select count(*) n from tenants where slug in ('nowhere', 'jingyang')")).toBe(0);
  });

  it("refuses bad input and unknown fields without writing anything", async () => {
    const before = await count("select count(*) n from tenants");
    // Plain requests: the table mixes unknown fields (which break the body's type on purpose) with bad values.
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
    const { sichuanAdmin, hubeiProvince, deyang } = await signInAll("sichuanAdmin", "hubeiProvince", "deyang");
    expect(await statusOf(createTenant(sichuanAdmin, body))).toBe(403);
    expect(await statusOf(createTenant(hubeiProvince, body))).toBe(403);
    expect(await statusOf(createTenant(undefined, body))).toBe(401);
    expect(await statusOf(admin(sichuanAdmin).tenants.$get())).toBe(403);
    expect(await statusOf(divisions(deyang))).toBe(403);
    expect(await count("select count(*) n from tenants where slug = 'anhui'")).toBe(0);
  });

  it("writes one audit event into the new tenant's chain", async () => {
    await createTenant(platform, { slug: "shandong", name: "山东省文明办", rootCode: "370000" });
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
      admin: { email: DEMO.sichuanUnit, displayName: "dup email" },
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
    const body = await ok(admin(platform).tenants.$get());
    // The sizes as the tables hold them: the demo's people and units change as the demo grows.
    const units = await count("select count(*) n from units where tenant_id = 't-sichuan'");
    const members = await count(
      "select count(*) n from memberships where tenant_id = 't-sichuan' and status = 'active'",
    );
    expect(units).toBeGreaterThan(100);
    expect(body.items.find((t) => t.slug === "sichuan")).toMatchObject({ status: "active", units, members });
  });

  it("a suspended tenant's people cannot sign in, its sessions lose access and its public page says unavailable", async () => {
    const hubeiAdmin = await signIn(DEMO.hubeiAdmin);
    const hubeiUnits = () => statusOf(tenantApi(hubeiAdmin).units.$get({ param: { tenant: "hubei" }, query: {} }));
    expect(await hubeiUnits()).toBe(200);
    await ok(tenantAction("suspend", "hubei", "整改"));
    expect(await hubeiUnits()).toBe(404);
    const login = () => auth.login.$post({ json: { email: DEMO.huangshi, password: "wenming-demo" } });
    expect(await failure(login(), 403)).toMatchObject({ error: { code: "tenant_suspended" } });
    const publicList = await ok(publicTenants());
    expect(publicList.items.map((t) => t.slug)).not.toContain("hubei");
    const profile = await ok(api().api.tenants[":slug"].$get({ param: { slug: "hubei" } }));
    expect(profile).toMatchObject({ slug: "hubei", status: "suspended", logoUrl: null });
    expect(await statusOf(tenantAction("suspend", "hubei"))).toBe(409);

    expect(await statusOf(tenantAction("resume", "hubei"))).toBe(200);
    expect(await statusOf(login())).toBe(200);
    expect(await count("select count(*) n from audit_events where action in ('tenant.suspend', 'tenant.resume')")).toBe(
      2,
    );
  });

  it("suspending an unknown tenant answers 404", async () => {
    expect(await statusOf(tenantAction("suspend", "nosuch"))).toBe(404);
  });

  it("lists provinces, and the cities of one, for picking a root", async () => {
    const provinces = await ok(divisions(platform));
    expect(provinces.items).toContainEqual({ code: "330000", name: "浙江省" });
    const cities = await ok(divisions(platform, "330000"));
    expect(cities.items).toContainEqual({ code: "330100", name: "杭州市" });
    expect(cities.items.some((c) => c.name === "市辖区")).toBe(false);
    expect(await statusOf(divisions(platform, "abc"))).toBe(400);
  });
});
