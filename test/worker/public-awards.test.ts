import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { beijingToday, beijingYear } from "../../worker/domain/record-rules.ts";
import { api, call, callJson, type ErrorBody, ok } from "./client.ts";
import { registration, UNITS } from "./fixtures.ts";
import { bumpVersion, fillInitials, insertTitle, insertUnit, TENANT } from "./public-fixtures.ts";

type AwardsQuery = Parameters<ReturnType<typeof api>["api"]["public"]["t"][":tenant"]["awards"]["$get"]>[0]["query"];

const site = api().api.public.t[":tenant"];
const list = (query: AwardsQuery = {}, tenant = "sichuan") => ok(site.awards.$get({ param: { tenant }, query }));

const YEAR = beijingYear(new Date());
const CURRENT = YEAR - 1;
const CURRENT_TERM = `${CURRENT}-${CURRENT + 2}`;

/** Units of this file, each with a title of the `county_model` level the demo offices do not confer. */
const units = { active: "", warned: "", expired: "", revoked: "", dazhou: "" };

beforeAll(async () => {
  await fillInitials();
  units.active = await insertUnit("sichuan", "德阳市旌阳区公开测试中心", "510600");
  units.warned = await insertUnit("sichuan", "德阳市黄牌测试医院", "510600");
  units.expired = await insertUnit("sichuan", "德阳市期满测试学校", "510600");
  units.revoked = await insertUnit("sichuan", "德阳市撤销测试公司", "510600");
  units.dazhou = await insertUnit("sichuan", "达州市公开测试图书馆", "511700");
  const level = "county_model" as const;
  await insertTitle("sichuan", { unitId: units.active, level, termStartYear: CURRENT });
  await insertTitle("sichuan", {
    unitId: units.warned,
    level,
    termStartYear: CURRENT,
    status: "warned",
    warningDeadline: `${YEAR}-12-01`,
    publicReason: "创建台账不全",
  });
  // Still "active" in the table, but its valid-until date has passed: expired on read, no job needed.
  await insertTitle("sichuan", { unitId: units.expired, level, termStartYear: CURRENT - 3 });
  await insertTitle("sichuan", {
    unitId: units.revoked,
    level,
    termStartYear: CURRENT,
    status: "revoked",
    publicReason: "发生重大安全生产事故",
  });
  await insertTitle("sichuan", { unitId: units.dazhou, level, termStartYear: CURRENT });
  await insertTitle("sichuan", { unitId: UNITS.deyangKexie, level, termStartYear: CURRENT });
});

const ids = (items: Array<{ unitId: string }>) => items.map((i) => i.unitId);

describe("public awards list", () => {
  it("shows current titles only by default: active and warned, within their valid-until date", async () => {
    const body = await list({ level: "county_model", pageSize: "100" });
    expect(ids(body.items)).toEqual(expect.arrayContaining([units.active, units.warned, units.dazhou]));
    expect(ids(body.items)).not.toContain(units.expired);
    expect(ids(body.items)).not.toContain(units.revoked);
    const all = await list({ pageSize: "100" });
    expect(all.items.every((i) => i.status === "active" || i.status === "warned")).toBe(true);
    expect(all.items.every((i) => i.validUntil >= beijingToday(new Date()))).toBe(true);
  });

  it("with status=all also shows expired (computed on read) and revoked titles, current ones first", async () => {
    const body = await list({ level: "county_model", status: "all", pageSize: "100" });
    const byUnit = new Map(body.items.map((i) => [i.unitId, i]));
    expect(byUnit.get(units.expired)?.status).toBe("expired");
    expect(byUnit.get(units.revoked)?.status).toBe("revoked");
    expect(byUnit.get(units.warned)?.status).toBe("warned");
    const firstPast = body.items.findIndex((i) => i.status !== "active" && i.status !== "warned");
    expect(body.items.slice(firstPast).every((i) => i.status !== "active" && i.status !== "warned")).toBe(true);
  });

  it("writes each title as the public reads it: unit, place, sector, level, term, dates, document", async () => {
    const body = await list({ level: "county_model", q: "旌阳区公开测试" });
    expect(body.items).toEqual([
      {
        unitId: units.active,
        unitName: "德阳市旌阳区公开测试中心",
        level: "county_model",
        term: CURRENT_TERM,
        city: "德阳市",
        sector: expect.any(String),
        namedAt: `${CURRENT - 1}-12-28`,
        validUntil: `${CURRENT + 2}-12-31`,
        status: "active",
        documentRef: `测试文明委〔${CURRENT - 1}〕1号`,
      },
    ]);
    expect(body.total).toBe(1);
  });

  it("filters by level, city, sector and term (a start year or an exact term)", async () => {
    const byCity = await list({ level: "county_model", city: "sichuan-j-511700" });
    expect(ids(byCity.items)).toEqual([units.dazhou]);
    const sector = byCity.items[0]?.sector;
    const sectorId = await env.DB.prepare("select sector_id id from units where id = ?")
      .bind(units.dazhou)
      .first<{ id: string }>();
    const bySector = await list({ level: "county_model", sector: sectorId?.id ?? "", pageSize: "100" });
    expect(bySector.items.length).toBeGreaterThan(0);
    expect(bySector.items.every((i) => i.sector === sector)).toBe(true);
    const byStart = await list({ level: "county_model", term: String(CURRENT), status: "all", pageSize: "100" });
    expect(byStart.items.every((i) => i.term === CURRENT_TERM)).toBe(true);
    expect(ids(byStart.items)).not.toContain(units.expired);
    const exact = await list({ level: "county_model", term: `${CURRENT - 3}-${CURRENT - 1}`, status: "all" });
    expect(ids(exact.items)).toEqual([units.expired]);
    const none = await list({ level: "county_model", term: `${CURRENT}-${CURRENT + 9}` });
    expect(none).toMatchObject({ items: [], total: 0 });
  });

  it("finds 德阳市科学技术协会 by 德阳科协 and by its pinyin initials dykx", async () => {
    const byName = await list({ level: "county_model", q: "德阳科协" });
    expect(byName.items.map((i) => i.unitName)).toEqual(["德阳市科学技术协会"]);
    for (const q of ["dykx", "DYKX"]) {
      // Initials match in order with gaps, as the name does: 德阳市旌阳区公开测试中心 (dysjyqgkcszx) fits too.
      const names = (await list({ level: "county_model", q })).items.map((i) => i.unitName);
      expect(names, q).toEqual(["德阳市旌阳区公开测试中心", "德阳市科学技术协会"]);
    }
    expect((await list({ level: "county_model", q: "科协德阳" })).items).toEqual([]);
    expect((await list({ level: "county_model", q: "zzzq" })).items).toEqual([]);
    // LIKE wildcards typed by a visitor are literal characters.
    expect((await list({ q: "%" })).items).toEqual([]);
  });

  it("pages with a total and clamps the page size", async () => {
    const first = await list({ level: "county_model", pageSize: "2" });
    const second = await list({ level: "county_model", pageSize: "2", page: "2" });
    expect(first.total).toBe(4);
    expect(first).toMatchObject({ page: 1, pageSize: 2 });
    expect(first.items).toHaveLength(2);
    expect(ids(second.items).some((id) => ids(first.items).includes(id))).toBe(false);
    const huge = await list({ pageSize: "100000" });
    expect(huge.pageSize).toBe(100);
    const past = await list({ level: "county_model", page: "50" });
    expect(past).toMatchObject({ items: [], total: 4 });
  });

  it("refuses bad filters and unknown parameters with 400", async () => {
    for (const query of ["level=gold", "term=20x6", "term=2024-26", "status=old", "pageSize=0", "tenantId=t-hubei"]) {
      const res = await callJson<ErrorBody>(`/api/public/t/sichuan/awards?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe("validation_failed");
    }
  });

  it("shows one office's titles only; an unknown office is 404", async () => {
    const hubei = await list({ pageSize: "100", status: "all" }, "hubei");
    expect(ids(hubei.items)).not.toContain(units.active);
    const rows = await env.DB.prepare("select id from units where tenant_id = ?")
      .bind(TENANT.hubei)
      .all<{ id: string }>();
    const hubeiUnits = new Set(rows.results.map((r) => r.id));
    expect(hubei.items.every((i) => hubeiUnits.has(i.unitId))).toBe(true);
    expect((await call("/api/public/t/nowhere/awards")).status).toBe(404);
  });
});

describe("pinyin initials of unit names", () => {
  it("are kept when a unit registers (德阳市旌阳区拼音测试站 → dysjyqpycsz)", async () => {
    const json = registration(900_001, { unit: { name: "德阳市旌阳区拼音测试站" } });
    await ok(
      api().api.tenants[":slug"].registrations.$post(
        { param: { slug: "sichuan" }, json },
        { headers: { "cf-connecting-ip": "198.51.100.7" } },
      ),
      201,
    );
    const row = await env.DB.prepare("select name_initials n from units where name = ?")
      .bind("德阳市旌阳区拼音测试站")
      .first<{ n: string }>();
    expect(row?.n).toBe("dysjyqpycsz");
  });
});

describe("public office summary", () => {
  it("counts the titles held today by level, city and sector, and lists the terms", async () => {
    const summary = await ok(site.summary.$get({ param: { tenant: "sichuan" } }));
    const current = await list({ pageSize: "1" });
    expect(summary).toMatchObject({ slug: "sichuan", current: current.total });
    expect(summary.byLevel.reduce((n, l) => n + l.count, 0)).toBe(summary.current);
    expect(summary.byLevel.find((l) => l.level === "county_model")?.count).toBe(4);
    expect(summary.warned).toBeGreaterThanOrEqual(1);
    const dazhou = summary.byCity.find((c) => c.cityId === "sichuan-j-511700");
    expect(dazhou?.city).toBe("达州市");
    expect(summary.bySector.reduce((n, s) => n + s.count, 0)).toBeLessThanOrEqual(summary.current);
    expect(summary.terms).toEqual(expect.arrayContaining([CURRENT_TERM, `${CURRENT - 3}-${CURRENT - 1}`]));
    expect(summary.terms).toEqual([...summary.terms].sort().reverse());
  });
});

describe("a unit's public page", () => {
  it("shows its titles with their public reasons and history, never the internal reason", async () => {
    const page = await ok(site.units[":unitId"].$get({ param: { tenant: "sichuan", unitId: units.warned } }));
    expect(page).toMatchObject({ unitId: units.warned, unitName: "德阳市黄牌测试医院", city: "德阳市" });
    expect(page.titles).toEqual([
      expect.objectContaining({
        level: "county_model",
        status: "warned",
        warningDeadline: `${YEAR}-12-01`,
        publicReason: "创建台账不全",
      }),
    ]);
    expect(page.history).toEqual([
      {
        level: "county_model",
        term: CURRENT_TERM,
        kind: "named",
        effectiveOn: `${CURRENT - 1}-12-28`,
        publicReason: null,
        deadline: null,
      },
    ]);
    expect(JSON.stringify(page)).not.toContain("内部");
  });

  it("is 404 for a unit that never held a title, and for another office's unit", async () => {
    const plain = await insertUnit("sichuan", "德阳市无称号测试单位", "510600");
    expect((await call(`/api/public/t/sichuan/units/${plain}`)).status).toBe(404);
    expect((await call(`/api/public/t/hubei/units/${units.active}`)).status).toBe(404);
    expect((await call(`/api/public/t/sichuan/units/${UNITS.dayeKexie}`)).status).toBe(404);
  });
});

describe("after a revocation", () => {
  it("a second public read no longer shows the unit: the write's version bump retires the cached read", async () => {
    const before = await list({ level: "county_model", q: "达州市公开测试" });
    expect(ids(before.items)).toEqual([units.dazhou]);
    await list({ level: "county_model", q: "达州市公开测试" }); // cached now
    await env.DB.prepare(
      "update awards set status = 'revoked', public_reason = '弄虚作假' where unit_id = ? and level = 'county_model'",
    )
      .bind(units.dazhou)
      .run();
    await bumpVersion("sichuan");
    const res = await site.awards.$get({
      param: { tenant: "sichuan" },
      query: { level: "county_model", q: "达州市公开测试" },
    });
    expect(res.headers.get("X-Wenming-Cache")).toBe("miss");
    expect((await res.json()).items).toEqual([]);
    const page = await ok(site.units[":unitId"].$get({ param: { tenant: "sichuan", unitId: units.dazhou } }));
    expect(page.titles[0]).toMatchObject({ status: "revoked", publicReason: "弄虚作假" });
  });
});

describe("a suspended office", () => {
  it("answers 404 on every public read", async () => {
    await list({}, "hubei");
    await env.DB.prepare("update tenants set status = 'suspended' where id = ?").bind(TENANT.hubei).run();
    for (const path of ["awards", "summary", "notices", `units/${UNITS.dayeKexie}`]) {
      expect((await call(`/api/public/t/hubei/${path}`)).status, path).toBe(404);
    }
    const tenants = await ok(api().api.tenants.$get());
    expect(tenants.items.map((t) => t.slug)).not.toContain("hubei");
    await env.DB.prepare("update tenants set status = 'active' where id = ?").bind(TENANT.hubei).run();
  });
});

describe("the landing page's office list", () => {
  it("gives each live office its titles held today and its open notices, in one round trip", async () => {
    const res = await api().api.tenants.$get();
    const body = await res.json();
    const sichuan = body.items.find((t) => t.slug === "sichuan");
    const summary = await ok(site.summary.$get({ param: { tenant: "sichuan" } }));
    expect(sichuan).toEqual({
      slug: "sichuan",
      name: "四川省文明办",
      current: summary.current,
      openNotices: summary.openNotices,
    });
  });
});
