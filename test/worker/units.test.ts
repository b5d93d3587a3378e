import { env } from "cloudflare:workers";
import type { InferRequestType, InferResponseType } from "hono/client";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_PAGE_SIZE } from "../../worker/domain/paging.ts";
import { call, failure, ok, statusOf, tenantApi } from "./client.ts";
import { PLACES, signInAll, UNITS } from "./fixtures.ts";

type UnitPage = InferResponseType<ReturnType<typeof tenantApi>["units"]["$get"], 200>;
type UnitQuery = InferRequestType<ReturnType<typeof tenantApi>["units"]["$get"]>["query"];

const unitIds = async (tenantId: string, where = "1 = 1") =>
  (
    await env.DB.prepare(`select id from units where tenant_id = ? and ${where}`).bind(tenantId).all<{ id: string }>()
  ).results.map((r) => r.id);

const units = (cookie: string, query: UnitQuery = {}, tenant = "sichuan") =>
  tenantApi(cookie).units.$get({ param: { tenant }, query });
const unit = (cookie: string, id: string, tenant = "sichuan") =>
  tenantApi(cookie).units[":id"].$get({ param: { tenant, id } });

const listAll = async (tenant: string, cookie: string, query: UnitQuery = {}) => {
  const items: UnitPage["items"] = [];
  for (let page = 1; ; page++) {
    const body = await ok(units(cookie, { ...query, pageSize: 100, page }, tenant));
    items.push(...body.items);
    if (items.length >= body.total) return { items, total: body.total };
  }
};

let deyang: string;
let dazhou: string;
let unitStaff: string;
let hubeiProvince: string;
let sichuanAdmin: string;

beforeAll(async () => {
  ({
    deyang,
    dazhou,
    sichuanUnit: unitStaff,
    hubeiProvince,
    sichuanAdmin,
  } = await signInAll("deyang", "dazhou", "sichuanUnit", "hubeiProvince", "sichuanAdmin"));
});

describe("tenant isolation", () => {
  it("a hubei user gets 404 for every sichuan object, under either tenant's path", async () => {
    const sichuan = { param: { tenant: "sichuan" } };
    const t = tenantApi(hubeiProvince);
    expect(await statusOf(t.units.$get({ ...sichuan, query: {} }))).toBe(404);
    expect(await statusOf(t.units.$get({ ...sichuan, query: { page: 1 } }))).toBe(404);
    expect(await statusOf(t.jurisdictions.$get({ ...sichuan, query: {} }))).toBe(404);
    expect(await statusOf(t["unit-filters"].$get(sichuan))).toBe(404);
    const ids = await unitIds("t-sichuan");
    expect(ids.length).toBeGreaterThan(300);
    for (const id of ids) {
      expect(await statusOf(unit(hubeiProvince, id))).toBe(404);
      expect(await statusOf(unit(hubeiProvince, id, "hubei"))).toBe(404);
    }
    const body = await ok(t.jurisdictions.$get({ param: { tenant: "hubei" }, query: { parent: PLACES.sichuan } }));
    expect(body.items).toEqual([]);
  });

  it("a sichuan provincial view contains no hubei unit", async () => {
    const { items, total } = await listAll("sichuan", sichuanAdmin);
    expect(total).toBe((await unitIds("t-sichuan")).length);
    const hubei = new Set(await unitIds("t-hubei"));
    expect(items.some((u) => hubei.has(u.id))).toBe(false);
  });

  it("an unknown tenant slug answers 404 like a foreign one", async () => {
    const unknown = await units(deyang, {}, "zhejiang");
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual(await (await units(deyang, {}, "hubei")).json());
  });

  it("a tenantId in the query is refused, never used", async () => {
    // Plain request: the typed client has no tenantId query field to send.
    const { status } = await call("/api/t/sichuan/units?tenantId=t-hubei", { cookie: deyang });
    expect(status).toBe(400);
  });
});

describe("scope inside a tenant", () => {
  it("a 德阳市 reviewer sees exactly the units under 德阳市", async () => {
    const { items, total } = await listAll("sichuan", deyang);
    expect(total).toBe((await unitIds("t-sichuan", "jurisdiction_path like '/510000/510600/%'")).length);
    expect(total).toBeGreaterThan(20);
    expect(items.every((u) => u.city?.code === "510600")).toBe(true);
    expect(items.map((u) => u.name)).toContain("德阳市科学技术协会");
  });

  it("a 德阳市 reviewer gets 404 for every 达州市 unit", async () => {
    const ids = await unitIds("t-sichuan", "jurisdiction_path like '/510000/511700/%'");
    expect(ids).toContain(UNITS.dazhouVocational);
    for (const id of ids) expect(await statusOf(unit(deyang, id))).toBe(404);
    expect(await statusOf(unit(dazhou, UNITS.dazhouVocational))).toBe(200);
  });

  it("filtering by another city gives a city reviewer nothing, not that city's units", async () => {
    const body = await ok(units(deyang, { city: PLACES.dazhou }));
    expect(body).toMatchObject({ items: [], total: 0 });
  });

  it("a unit's staff see their own unit and get 404 for any other", async () => {
    const body = await ok(units(unitStaff));
    expect(body.items.map((u) => u.name)).toEqual(["德阳市科学技术协会"]);
    expect(await statusOf(unit(unitStaff, UNITS.deyangKexie))).toBe(200);
    for (const id of [UNITS.deyangEducation, UNITS.dazhouVocational, UNITS.dayeKexie]) {
      expect(await statusOf(unit(unitStaff, id))).toBe(404);
    }
  });

  it("anonymous callers get 401 on tenant routes", async () => {
    const t = tenantApi();
    const sichuan = { param: { tenant: "sichuan" } };
    expect(await statusOf(t.units.$get({ ...sichuan, query: {} }))).toBe(401);
    expect(await statusOf(t.units[":id"].$get({ param: { tenant: "sichuan", id: UNITS.deyangKexie } }))).toBe(401);
    expect(await statusOf(t.jurisdictions.$get({ ...sichuan, query: {} }))).toBe(401);
    expect(await statusOf(t["unit-filters"].$get(sichuan))).toBe(401);
  });
});

describe("unit list", () => {
  it("filters by sector, kind and status together", async () => {
    const filters = await ok(tenantApi(deyang)["unit-filters"].$get({ param: { tenant: "sichuan" } }));
    const education = filters.sectors.find((s) => s.code === "education");
    const school = filters.kinds.find((k) => k.code === "school");
    const { items } = await listAll("sichuan", deyang, { sector: education?.id, kind: school?.id, status: "active" });
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((u) => u.sector?.name === "教育" && u.kind?.name === "学校" && u.status === "active")).toBe(
      true,
    );
  });

  it("searches by part of the name and treats % and _ literally", async () => {
    const body = await ok(units(deyang, { q: "科学技术" }));
    expect(body.items.map((u) => u.name)).toContain("德阳市科学技术协会");
    const wildcard = await ok(units(deyang, { q: "%" }));
    expect(wildcard.total).toBe(0);
  });

  it("pages without overlap and clamps an oversize pageSize", async () => {
    const first = await ok(units(deyang, { pageSize: 10, page: 1 }));
    const second = await ok(units(deyang, { pageSize: 10, page: 2 }));
    const firstIds = new Set(first.items.map((u) => u.id));
    expect(second.items.some((u) => firstIds.has(u.id))).toBe(false);
    const huge = await ok(units(sichuanAdmin, { pageSize: 100000 }));
    expect(huge.pageSize).toBe(MAX_PAGE_SIZE);
    expect(huge.items).toHaveLength(MAX_PAGE_SIZE);
  });

  it("every page carries the same total, also a page past the end, which has no rows to carry it", async () => {
    const first = await ok(units(deyang, { pageSize: 10, page: 1 }));
    const total = first.total;
    expect(total).toBeGreaterThan(10);
    const last = await ok(units(deyang, { pageSize: 10, page: Math.ceil(total / 10) }));
    expect(last.total).toBe(total);
    expect(last.items).toHaveLength(total % 10 || 10);
    const beyond = await ok(units(deyang, { pageSize: 10, page: 9999 }));
    expect(beyond).toMatchObject({ total, items: [] });
    const none = await ok(units(deyang, { q: "没有这样的单位" }));
    expect(none).toMatchObject({ total: 0, items: [] });
  });

  it("refuses bad paging and filter values with 400 and field errors", async () => {
    // Plain requests: these values break the query's types on purpose.
    for (const query of ["page=abc", "page=0", "pageSize=-5", "status=awarded", `q=${"长".repeat(101)}`]) {
      const body = await failure(call(`/api/t/sichuan/units?${query}`, { cookie: deyang }), 400);
      expect(body.error.code, query).toBe("validation_failed");
      expect(Object.keys(body.error.fields ?? {})).toHaveLength(1);
    }
  });

  it("list items carry only the summary fields", async () => {
    const body = await ok(units(deyang, { pageSize: 1 }));
    expect(Object.keys(body.items[0] ?? {}).sort()).toEqual([
      "city",
      "id",
      "jurisdiction",
      "kind",
      "name",
      "sector",
      "status",
    ]);
  });

  it("a unit's detail carries its credit code and contact", async () => {
    const body = await ok(unit(deyang, UNITS.deyangKexie));
    expect(body).toMatchObject({
      name: "德阳市科学技术协会",
      status: "active",
      city: { code: "510600", name: "德阳市" },
      sector: { name: "科技" },
      creditCode: expect.stringMatching(/^51510600\w{10}$/),
    });
  });
});

describe("directory", () => {
  it("lists the province at the root and its 21 cities under it", async () => {
    const jurisdictions = tenantApi(deyang).jurisdictions;
    const roots = await ok(jurisdictions.$get({ param: { tenant: "sichuan" }, query: {} }));
    expect(roots.items).toEqual([expect.objectContaining({ code: "510000", parentId: null })]);
    const cities = await ok(
      jurisdictions.$get({ param: { tenant: "sichuan" }, query: { parent: roots.items[0]?.id } }),
    );
    expect(cities.items).toHaveLength(21);
    expect(cities.items.every((c) => c.level === "city")).toBe(true);
  });

  it("offers a city reviewer only their own city to filter by", async () => {
    const body = await ok(tenantApi(deyang)["unit-filters"].$get({ param: { tenant: "sichuan" } }));
    expect(body.cities.map((c) => c.name)).toEqual(["德阳市"]);
    expect(body.sectors).toHaveLength(12);
    const province = await ok(tenantApi(sichuanAdmin)["unit-filters"].$get({ param: { tenant: "sichuan" } }));
    expect(province.cities).toHaveLength(21);
  });
});
