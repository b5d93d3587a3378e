import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, callJson, signIn } from "./client.ts";

interface Settings {
  name: string;
  displayName: string | null;
  logoUrl: string | null;
  noticeDays: number;
  noticeWorkingDays: boolean;
  holidays: string[];
  termYears: number;
  version: number;
}
interface Entry {
  id: string;
  code: string;
  name: string;
  archived: boolean;
  inUse: number;
}

const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6,
  0, 0, 0,
]);

let admin: string;
beforeAll(async () => {
  admin = await signIn("admin@sichuan.demo");
});

const upload = (body: Uint8Array | string, type: string, cookie = admin) =>
  call("/api/t/sichuan/settings/logo", { method: "PUT", body, cookie, headers: { "content-type": type } });

describe("tenant settings", () => {
  it("reads the defaults and saves a change over the version it saw", async () => {
    const { body } = await callJson<Settings>("/api/t/sichuan/settings", { cookie: admin });
    expect(body).toMatchObject({
      name: "四川省文明办",
      noticeDays: 7,
      noticeWorkingDays: false,
      termYears: 3,
      version: 1,
    });
    const saved = await callJson<Settings>("/api/t/sichuan/settings", {
      method: "PUT",
      body: {
        version: 1,
        displayName: "四川省精神文明建设办公室",
        noticeDays: 5,
        noticeWorkingDays: true,
        holidays: ["2026-10-02", "2026-10-01", "2026-10-01"],
        termYears: 3,
      },
      cookie: admin,
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      noticeDays: 5,
      noticeWorkingDays: true,
      holidays: ["2026-10-01", "2026-10-02"],
      version: 2,
    });
  });

  it("a stale version answers 409 with the current settings and saves nothing", async () => {
    const current = (await callJson<Settings>("/api/t/sichuan/settings", { cookie: admin })).body;
    const stale = await callJson<{ error: { code: string; current: Settings } }>("/api/t/sichuan/settings", {
      method: "PUT",
      body: {
        version: current.version - 1,
        displayName: null,
        noticeDays: 9,
        noticeWorkingDays: false,
        holidays: [],
        termYears: 2,
      },
      cookie: admin,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: "stale_version", current: { version: current.version } });
    expect((await callJson<Settings>("/api/t/sichuan/settings", { cookie: admin })).body.noticeDays).toBe(
      current.noticeDays,
    );
  });

  it("refuses bad values and unknown fields", async () => {
    const base = { version: 2, displayName: null, noticeDays: 7, noticeWorkingDays: false, holidays: [], termYears: 3 };
    for (const bad of [
      { noticeDays: 0 },
      { noticeDays: "7" },
      { holidays: ["2026-13-01"] },
      { termYears: 9 },
      { settings: "{}" },
      { logoKey: "x" },
      { name: "改名" },
    ]) {
      const response = await call("/api/t/sichuan/settings", {
        method: "PUT",
        body: { ...base, ...bad },
        cookie: admin,
      });
      expect(response.status, JSON.stringify(bad)).toBe(400);
    }
  });

  it("is for tenant admins: 403 for reviewers, 404 for other tenants, 401 anonymous", async () => {
    expect((await call("/api/t/sichuan/settings", { cookie: await signIn("province@sichuan.demo") })).status).toBe(403);
    expect((await call("/api/t/sichuan/settings", { cookie: await signIn("admin@hubei.demo") })).status).toBe(404);
    expect((await call("/api/t/sichuan/settings")).status).toBe(401);
    expect((await call("/api/t/sichuan/audit-events", { cookie: await signIn("deyang@sichuan.demo") })).status).toBe(
      403,
    );
    expect((await call("/api/t/sichuan/audit-events", { cookie: await signIn("admin@hubei.demo") })).status).toBe(404);
  });

  it("history pages carry one total and items without it, also past the end", async () => {
    const { body: current } = await callJson<Settings>("/api/t/sichuan/settings", { cookie: admin });
    const write = await call("/api/t/sichuan/settings", {
      method: "PUT",
      body: {
        version: current.version,
        noticeDays: current.noticeDays === 7 ? 8 : 7,
        noticeWorkingDays: false,
        holidays: [],
        termYears: 3,
        displayName: null,
      },
      cookie: admin,
    });
    expect(write.status).toBe(200);
    type Page = { items: Array<Record<string, unknown>>; total: number };
    const first = await callJson<Page>("/api/t/sichuan/audit-events?pageSize=1", { cookie: admin });
    expect(first.body.total).toBeGreaterThan(0);
    expect(first.body.items[0]).not.toHaveProperty("total");
    const beyond = await callJson<Page>("/api/t/sichuan/audit-events?pageSize=1&page=99999", { cookie: admin });
    expect(beyond.body).toMatchObject({ items: [], total: first.body.total });
  });
});

describe("logo", () => {
  it("stores a PNG in R2 and serves it publicly with caching", async () => {
    const response = await upload(PNG, "image/png");
    expect(response.status, await response.clone().text()).toBe(200);
    const settings = (await response.json()) as Settings;
    expect(settings.logoUrl).toMatch(/^\/api\/tenants\/sichuan\/logo\?v=\d+$/);
    const profile = await callJson<{ logoUrl: string; displayName: string }>("/api/tenants/sichuan");
    expect(profile.body.logoUrl).toBe(settings.logoUrl);
    const image = await call(settings.logoUrl ?? "");
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(image.headers.get("cache-control")).toContain("public");
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(PNG);
    expect((await env.FILES.list({ prefix: "tenants/t-sichuan/logo/" })).objects).toHaveLength(1);
  });

  it("replacing the logo leaves one object in R2", async () => {
    await upload(PNG, "image/png");
    expect((await env.FILES.list({ prefix: "tenants/t-sichuan/logo/" })).objects).toHaveLength(1);
  });

  it("refuses other types, content that does not match its type, oversize files; stores nothing", async () => {
    const before = (await env.FILES.list()).objects.length;
    expect((await upload("<svg xmlns='http://www.w3.org/2000/svg'/>", "image/svg+xml")).status).toBe(415);
    expect((await upload("not really a png", "image/png")).status).toBe(400);
    expect((await upload(PNG, "image/jpeg")).status).toBe(400);
    const big = new Uint8Array(256 * 1024 + 1);
    big.set(PNG);
    expect((await upload(big, "image/png")).status).toBe(413);
    expect((await upload(PNG, "image/png", await signIn("province@sichuan.demo"))).status).toBe(403);
    expect((await env.FILES.list()).objects.length).toBe(before);
  });

  it("image bodies are accepted only on the upload route", async () => {
    const response = await call("/api/t/sichuan/settings", {
      method: "PUT",
      body: PNG,
      cookie: admin,
      headers: { "content-type": "image/png" },
    });
    expect(response.status).toBe(415);
  });
});

describe("sectors and unit kinds", () => {
  it("lists with usage, renames, reorders, adds and archives", async () => {
    const { body } = await callJson<{ items: Entry[] }>("/api/t/sichuan/classifications/sectors", { cookie: admin });
    expect(body.items).toHaveLength(12);
    expect(body.items.find((e) => e.code === "education")?.inUse).toBeGreaterThan(0);
    const [first, ...rest] = body.items;
    const items = [
      ...rest.map(({ id, code, name }) => ({ id, code, name, archived: code === "finance" })),
      { id: first?.id, code: first?.code ?? "", name: "党委政府机关", archived: false },
      { code: "ecology", name: "生态环境", archived: false },
    ];
    const saved = await callJson<{ items: Entry[] }>("/api/t/sichuan/classifications/sectors", {
      method: "PUT",
      body: { items },
      cookie: admin,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.items.at(-2)?.name).toBe("党委政府机关");
    expect(saved.body.items.at(-1)).toMatchObject({ code: "ecology", inUse: 0 });
    const filters = await callJson<{ sectors: Array<{ code: string }> }>("/api/t/sichuan/unit-filters", {
      cookie: admin,
    });
    expect(filters.body.sectors.map((s) => s.code)).not.toContain("finance");
    expect(filters.body.sectors.map((s) => s.code)).toContain("ecology");
  });

  it("an entry cannot be removed, only archived; duplicate codes are refused", async () => {
    const { body } = await callJson<{ items: Entry[] }>("/api/t/sichuan/classifications/unit-kinds", { cookie: admin });
    const keep = body.items.slice(1).map(({ id, code, name, archived }) => ({ id, code, name, archived }));
    const removed = await call("/api/t/sichuan/classifications/unit-kinds", {
      method: "PUT",
      body: { items: keep },
      cookie: admin,
    });
    expect(removed.status).toBe(409);
    const all = body.items.map(({ id, code, name, archived }) => ({ id, code, name, archived }));
    const dup = await call("/api/t/sichuan/classifications/unit-kinds", {
      method: "PUT",
      body: { items: [...all, { code: all[0]?.code, name: "重复", archived: false }] },
      cookie: admin,
    });
    expect(dup.status).toBe(400);
    const foreign = await call("/api/t/sichuan/classifications/unit-kinds", {
      method: "PUT",
      body: { items: [...all, { id: "hubei-kind-school", code: "x-school", name: "外来", archived: false }] },
      cookie: admin,
    });
    expect(foreign.status).toBe(400);
    expect((await call("/api/t/sichuan/classifications/colours", { cookie: admin })).status).toBe(400);
  });
});
