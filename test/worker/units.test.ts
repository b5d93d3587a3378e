import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_PAGE_SIZE } from "../../worker/domain/paging.ts";
import { call, callJson, signIn } from "./client.ts";

interface UnitSummary {
  id: string;
  name: string;
  status: string;
  jurisdiction: { code: string; name: string };
  city: { code: string; name: string } | null;
  sector: { id: string; name: string } | null;
  kind: { id: string; name: string } | null;
}
interface UnitPage {
  items: UnitSummary[];
  total: number;
  page: number;
  pageSize: number;
}

const unitIds = async (tenantId: string, where = "1 = 1") =>
  (
    await env.DB.prepare(`select id from units where tenant_id = ? and ${where}`).bind(tenantId).all<{ id: string }>()
  ).results.map((r) => r.id);

const listAll = async (tenant: string, cookie: string, query = "") => {
  const items: UnitSummary[] = [];
  for (let page = 1; ; page++) {
    const { status, body } = await callJson<UnitPage>(`/api/t/${tenant}/units?pageSize=100&page=${page}${query}`, {
      cookie,
    });
    expect(status).toBe(200);
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
  deyang = await signIn("deyang@sichuan.demo");
  dazhou = await signIn("dazhou@sichuan.demo");
  unitStaff = await signIn("unit@sichuan.demo");
  hubeiProvince = await signIn("province@hubei.demo");
  sichuanAdmin = await signIn("admin@sichuan.demo");
});

describe("tenant isolation", () => {
  it("a hubei user gets 404 for every sichuan object, under either tenant's path", async () => {
    for (const path of ["/units", "/units?page=1", "/jurisdictions", "/unit-filters"]) {
      expect((await call(`/api/t/sichuan${path}`, { cookie: hubeiProvince })).status).toBe(404);
    }
    const ids = await unitIds("t-sichuan");
    expect(ids.length).toBeGreaterThan(300);
    for (const id of ids) {
      expect((await call(`/api/t/sichuan/units/${id}`, { cookie: hubeiProvince })).status).toBe(404);
      expect((await call(`/api/t/hubei/units/${id}`, { cookie: hubeiProvince })).status).toBe(404);
    }
    const { body } = await callJson<{ items: Array<{ id: string }> }>(
      "/api/t/hubei/jurisdictions?parent=sichuan-j-510000",
      {
        cookie: hubeiProvince,
      },
    );
    expect(body.items).toEqual([]);
  });

  it("a sichuan provincial view contains no hubei unit", async () => {
    const { items, total } = await listAll("sichuan", sichuanAdmin);
    expect(total).toBe((await unitIds("t-sichuan")).length);
    const hubei = new Set(await unitIds("t-hubei"));
    expect(items.some((u) => hubei.has(u.id))).toBe(false);
  });

  it("an unknown tenant slug answers 404 like a foreign one", async () => {
    const unknown = await call("/api/t/zhejiang/units", { cookie: deyang });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual(await (await call("/api/t/hubei/units", { cookie: deyang })).json());
  });

  it("a tenantId in the query is refused, never used", async () => {
    const { status } = await callJson("/api/t/sichuan/units?tenantId=t-hubei", { cookie: deyang });
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
    expect(ids).toContain("sichuan-u-dazhou-vocational");
    for (const id of ids) expect((await call(`/api/t/sichuan/units/${id}`, { cookie: deyang })).status).toBe(404);
    expect((await call("/api/t/sichuan/units/sichuan-u-dazhou-vocational", { cookie: dazhou })).status).toBe(200);
  });

  it("filtering by another city gives a city reviewer nothing, not that city's units", async () => {
    const { body } = await callJson<UnitPage>("/api/t/sichuan/units?city=sichuan-j-511700", { cookie: deyang });
    expect(body).toMatchObject({ items: [], total: 0 });
  });

  it("a unit's staff see their own unit and get 404 for any other", async () => {
    const { body } = await callJson<UnitPage>("/api/t/sichuan/units", { cookie: unitStaff });
    expect(body.items.map((u) => u.name)).toEqual(["德阳市科学技术协会"]);
    expect((await call("/api/t/sichuan/units/sichuan-u-deyang-kexie", { cookie: unitStaff })).status).toBe(200);
    for (const id of ["sichuan-u-deyang-education", "sichuan-u-dazhou-vocational", "hubei-u-daye-kexie"]) {
      expect((await call(`/api/t/sichuan/units/${id}`, { cookie: unitStaff })).status).toBe(404);
    }
  });

  it("anonymous callers get 401 on tenant routes", async () => {
    for (const path of ["/units", "/units/sichuan-u-deyang-kexie", "/jurisdictions", "/unit-filters"]) {
      expect((await call(`/api/t/sichuan${path}`)).status).toBe(401);
    }
  });
});

describe("unit list", () => {
  it("filters by sector, kind and status together", async () => {
    const filters = await callJson<{
      sectors: Array<{ id: string; code: string }>;
      kinds: Array<{ id: string; code: string }>;
    }>("/api/t/sichuan/unit-filters", { cookie: deyang });
    const education = filters.body.sectors.find((s) => s.code === "education");
    const school = filters.body.kinds.find((k) => k.code === "school");
    const { items } = await listAll("sichuan", deyang, `&sector=${education?.id}&kind=${school?.id}&status=active`);
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((u) => u.sector?.name === "教育" && u.kind?.name === "学校" && u.status === "active")).toBe(
      true,
    );
  });

  it("searches by part of the name and treats % and _ literally", async () => {
    const { body } = await callJson<UnitPage>(`/api/t/sichuan/units?q=${encodeURIComponent("科学技术")}`, {
      cookie: deyang,
    });
    expect(body.items.map((u) => u.name)).toContain("德阳市科学技术协会");
    const wildcard = await callJson<UnitPage>(`/api/t/sichuan/units?q=${encodeURIComponent("%")}`, { cookie: deyang });
    expect(wildcard.body.total).toBe(0);
  });

  it("pages without overlap and clamps an oversize pageSize", async () => {
    const first = await callJson<UnitPage>("/api/t/sichuan/units?pageSize=10&page=1", { cookie: deyang });
    const second = await callJson<UnitPage>("/api/t/sichuan/units?pageSize=10&page=2", { cookie: deyang });
    const firstIds = new Set(first.body.items.map((u) => u.id));
    expect(second.body.items.some((u) => firstIds.has(u.id))).toBe(false);
    const huge = await callJson<UnitPage>("/api/t/sichuan/units?pageSize=100000", { cookie: sichuanAdmin });
    expect(huge.status).toBe(200);
    expect(huge.body.pageSize).toBe(MAX_PAGE_SIZE);
    expect(huge.body.items).toHaveLength(MAX_PAGE_SIZE);
  });

  it("every page carries the same total, also a page past the end, which has no rows to carry it", async () => {
    const first = await callJson<UnitPage>("/api/t/sichuan/units?pageSize=10&page=1", { cookie: deyang });
    const total = first.body.total;
    expect(total).toBeGreaterThan(10);
    const last = await callJson<UnitPage>(`/api/t/sichuan/units?pageSize=10&page=${Math.ceil(total / 10)}`, {
      cookie: deyang,
    });
    expect(last.body.total).toBe(total);
    expect(last.body.items).toHaveLength(total % 10 || 10);
    const beyond = await callJson<UnitPage>("/api/t/sichuan/units?pageSize=10&page=9999", { cookie: deyang });
    expect(beyond.body).toMatchObject({ total, items: [] });
    const none = await callJson<UnitPage>("/api/t/sichuan/units?q=没有这样的单位", { cookie: deyang });
    expect(none.body).toMatchObject({ total: 0, items: [] });
  });

  it("refuses bad paging and filter values with 400 and field errors", async () => {
    for (const query of ["page=abc", "page=0", "pageSize=-5", "status=awarded", `q=${"长".repeat(101)}`]) {
      const { status, body } = await callJson<{ error: { code: string; fields: Record<string, string[]> } }>(
        `/api/t/sichuan/units?${query}`,
        { cookie: deyang },
      );
      expect(status, query).toBe(400);
      expect(body.error.code).toBe("validation_failed");
      expect(Object.keys(body.error.fields)).toHaveLength(1);
    }
  });

  it("list items carry only the summary fields", async () => {
    const { body } = await callJson<UnitPage>("/api/t/sichuan/units?pageSize=1", { cookie: deyang });
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
    const { status, body } = await callJson<Record<string, unknown>>("/api/t/sichuan/units/sichuan-u-deyang-kexie", {
      cookie: deyang,
    });
    expect(status).toBe(200);
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
    const roots = await callJson<{ items: Array<{ id: string; code: string; parentId: string | null }> }>(
      "/api/t/sichuan/jurisdictions",
      { cookie: deyang },
    );
    expect(roots.body.items).toEqual([expect.objectContaining({ code: "510000", parentId: null })]);
    const cities = await callJson<{ items: Array<{ code: string; level: string }> }>(
      `/api/t/sichuan/jurisdictions?parent=${roots.body.items[0]?.id}`,
      { cookie: deyang },
    );
    expect(cities.body.items).toHaveLength(21);
    expect(cities.body.items.every((c) => c.level === "city")).toBe(true);
  });

  it("offers a city reviewer only their own city to filter by", async () => {
    const { body } = await callJson<{ cities: Array<{ name: string }>; sectors: unknown[] }>(
      "/api/t/sichuan/unit-filters",
      {
        cookie: deyang,
      },
    );
    expect(body.cities.map((c) => c.name)).toEqual(["德阳市"]);
    expect(body.sectors).toHaveLength(12);
    const province = await callJson<{ cities: unknown[] }>("/api/t/sichuan/unit-filters", { cookie: sichuanAdmin });
    expect(province.body.cities).toHaveLength(21);
  });
});
