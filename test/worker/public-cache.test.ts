import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { beijingYear } from "../../worker/domain/record-rules.ts";
import { call, signIn } from "./client.ts";
import { DEMO, UNITS } from "./fixtures.ts";
import { bumpVersion, fillInitials, insertTitle, insertUnit } from "./public-fixtures.ts";
import { roundTripsOf } from "./round-trips.ts";

/**
 * Public reads go through the Workers Cache API (`caches.default`, which the vitest pool provides per test
 * file): a hit costs one D1 round trip (the office's version), a miss two (that and the route's batch).
 */
const cacheOf = (res: Response) => res.headers.get("X-Wenming-Cache");

const read = async (path: string) => {
  const res = await call(path);
  return { res, status: res.status, cache: cacheOf(res), trips: roundTripsOf(res), text: await res.text() };
};

let unit = "";
let awardId = "";

beforeAll(async () => {
  await fillInitials();
  unit = await insertUnit("sichuan", "德阳市缓存测试中心", "510600");
  awardId = await insertTitle("sichuan", {
    unitId: unit,
    level: "county_model",
    termStartYear: beijingYear(new Date()) - 1,
  });
});

describe("the public edge cache", () => {
  it("answers a repeated read from the cache in one round trip, the first from the database in two", async () => {
    for (const path of [
      "/api/public/t/sichuan/awards?level=county_model",
      "/api/public/t/sichuan/summary",
      `/api/public/t/sichuan/units/${unit}`,
      "/api/public/t/sichuan/notices",
    ]) {
      const first = await read(path);
      expect(first, path).toMatchObject({ status: 200, cache: "miss", trips: 2 });
      const second = await read(path);
      expect(second, path).toMatchObject({ status: 200, cache: "hit", trips: 1 });
      expect(second.text).toBe(first.text);
    }
  });

  it("tells browsers not to store the answer, and lets any origin read it", async () => {
    for (const path of ["/api/public/t/sichuan/awards?level=county", "/api/public/t/sichuan/awards?level=county"]) {
      const { res } = await read(path);
      expect(res.headers.get("Cache-Control")).toBe("no-store");
      expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
      expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
    }
  });

  it("keys on the query's meaning: parameter order does not matter, unknown parameters cannot bypass it", async () => {
    expect((await read("/api/public/t/sichuan/awards?status=all&level=city")).cache).toBe("miss");
    expect((await read("/api/public/t/sichuan/awards?level=city&status=all")).cache).toBe("hit");
    await read("/api/public/t/sichuan/summary");
    expect((await read("/api/public/t/sichuan/summary?nocache=1")).cache).toBe("hit");
    // On the list, an unknown parameter is refused, never cached.
    const junk = await read("/api/public/t/sichuan/awards?level=city&nocache=2");
    expect(junk.status).toBe(400);
    expect(junk.cache).toBeNull();
  });

  it("does not cache refusals", async () => {
    for (let i = 0; i < 2; i++) {
      const missing = await read("/api/public/t/sichuan/units/no-such-unit");
      expect(missing).toMatchObject({ status: 404, cache: null });
    }
  });

  it("misses once after the office's public version moves, then hits again", async () => {
    const path = "/api/public/t/sichuan/awards?level=county_model";
    await read(path);
    expect((await read(path)).cache).toBe("hit");
    await bumpVersion("sichuan");
    expect((await read(path)).cache).toBe("miss");
    expect((await read(path)).cache).toBe("hit");
  });

  it("a title revoked through the office's outcome route leaves the next public read at once", async () => {
    const path = "/api/public/t/sichuan/awards?q=dykx&level=city";
    const listed = async (p: string, unitId: string) =>
      JSON.parse((await read(p)).text).items.some((i: { unitId: string }) => i.unitId === unitId);
    const ours = `/api/public/t/sichuan/awards?level=county_model&q=${encodeURIComponent("缓存测试")}`;
    expect(await listed(ours, unit)).toBe(true);
    expect((await read(ours)).cache).toBe("hit");
    const admin = await signIn(DEMO.sichuanAdmin);
    const res = await call(`/api/t/sichuan/units/${unit}/awards/${awardId}/outcome`, {
      body: { outcome: "revoke", reason: "内部：核查属实", publicReason: "发生严重失信行为", version: 1 },
      cookie: admin,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const after = await read(ours);
    expect(after.cache).toBe("miss");
    expect(JSON.parse(after.text).items).toEqual([]);
    expect((await read(`/api/public/t/sichuan/units/${unit}`)).text).toContain("发生严重失信行为");
    // The demo unit's own 市级 title is untouched by this and still listed.
    expect(await listed(path, UNITS.deyangKexie)).toBe(true);
  });

  it("keeps each office's reads apart: another office's version moving does not retire them", async () => {
    const path = "/api/public/t/sichuan/summary";
    await read(path);
    await env.DB.prepare("update tenants set public_version = public_version + 1 where slug = 'hubei'").run();
    expect((await read(path)).cache).toBe("hit");
  });
});
