import { env } from "cloudflare:workers";
import type { InferRequestType, InferResponseType } from "hono/client";
import { beforeAll, describe, expect, it } from "vitest";
import { api, call, failure, ok, signIn, statusOf, tenantApi } from "./client.ts";
import { DEMO, PNG, signInAll } from "./fixtures.ts";

type Api = ReturnType<typeof tenantApi>;
type SettingsChange = InferRequestType<Api["settings"]["$put"]>["json"];
type Settings = InferResponseType<Api["settings"]["$get"], 200>;
type Entries = InferRequestType<Api["classifications"][":list"]["$put"]>["json"]["items"];

let admin: string;
beforeAll(async () => {
  ({ sichuanAdmin: admin } = await signInAll("sichuanAdmin"));
});

const sichuan = { tenant: "sichuan" };
const settings = (cookie: string | undefined) => {
  const route = tenantApi(cookie).settings;
  return {
    get: () => route.$get({ param: sichuan }),
    save: (json: SettingsChange) => route.$put({ param: sichuan, json }),
  };
};
const classifications = (list: "sectors" | "unit-kinds", cookie = admin) => {
  const route = tenantApi(cookie).classifications[":list"];
  const param = { ...sichuan, list };
  return { get: () => route.$get({ param }), save: (items: Entries) => route.$put({ param, json: { items } }) };
};
const auditEvents = (cookie: string, query: { page?: number; pageSize?: number } = {}) =>
  tenantApi(cookie)["audit-events"].$get({ param: sichuan, query });

/** A raw logo upload: the typed client sends only JSON bodies, so this is a plain request. */
const upload = (body: Uint8Array | string, type: string, cookie = admin) =>
  call("/api/t/sichuan/settings/logo", { method: "PUT", body, cookie, headers: { "content-type": type } });

describe("tenant settings", () => {
  it("reads the defaults and saves a change over the version it saw", async () => {
    const body = await ok(settings(admin).get());
    expect(body).toMatchObject({
      name: "四川省文明办",
      noticeDays: 7,
      noticeWorkingDays: false,
      termYears: 3,
      version: 1,
    });
    const saved = await ok(
      settings(admin).save({
        version: 1,
        displayName: "四川省精神文明建设办公室",
        noticeDays: 5,
        noticeWorkingDays: true,
        holidays: ["2026-10-02", "2026-10-01", "2026-10-01"],
        termYears: 3,
      }),
    );
    expect(saved).toMatchObject({
      noticeDays: 5,
      noticeWorkingDays: true,
      holidays: ["2026-10-01", "2026-10-02"],
      version: 2,
    });
  });

  it("a stale version answers 409 with the current settings and saves nothing", async () => {
    const current = await ok(settings(admin).get());
    const stale = await failure(
      settings(admin).save({
        version: current.version - 1,
        displayName: null,
        noticeDays: 9,
        noticeWorkingDays: false,
        holidays: [],
        termYears: 2,
      }),
      409,
    );
    expect(stale.error).toMatchObject({ code: "stale_version", current: { version: current.version } });
    expect((await ok(settings(admin).get())).noticeDays).toBe(current.noticeDays);
  });

  it("refuses bad values and unknown fields", async () => {
    const base = { version: 2, displayName: null, noticeDays: 7, noticeWorkingDays: false, holidays: [], termYears: 3 };
    // Plain requests: the table mixes wrong types and unknown fields (which break the body's types on purpose)
    // with well-typed values the rules refuse.
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
    const { sichuanProvince, hubeiAdmin, deyang } = await signInAll("sichuanProvince", "hubeiAdmin", "deyang");
    expect(await statusOf(settings(sichuanProvince).get())).toBe(403);
    expect(await statusOf(settings(hubeiAdmin).get())).toBe(404);
    expect(await statusOf(settings(undefined).get())).toBe(401);
    expect(await statusOf(auditEvents(deyang))).toBe(403);
    expect(await statusOf(auditEvents(hubeiAdmin))).toBe(404);
  });

  it("history pages carry one total and items without it, also past the end", async () => {
    const current = await ok(settings(admin).get());
    await ok(
      settings(admin).save({
        version: current.version,
        noticeDays: current.noticeDays === 7 ? 8 : 7,
        noticeWorkingDays: false,
        holidays: [],
        termYears: 3,
        displayName: null,
      }),
    );
    const first = await ok(auditEvents(admin, { pageSize: 1 }));
    expect(first.total).toBeGreaterThan(0);
    expect(first.items[0]).not.toHaveProperty("total");
    const beyond = await ok(auditEvents(admin, { pageSize: 1, page: 99999 }));
    expect(beyond).toMatchObject({ items: [], total: first.total });
  });
});

describe("logo", () => {
  it("stores a PNG in R2 and serves it publicly with caching", async () => {
    const response = await upload(PNG, "image/png");
    expect(response.status, await response.clone().text()).toBe(200);
    const saved = (await response.json()) as Settings;
    expect(saved.logoUrl).toMatch(/^\/api\/tenants\/sichuan\/logo\?v=\d+$/);
    const profile = await ok(api().api.tenants[":slug"].$get({ param: { slug: "sichuan" } }));
    expect(profile.logoUrl).toBe(saved.logoUrl);
    // Plain request: the URL the API handed out, followed as a browser would.
    const image = await call(saved.logoUrl ?? "");
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
    expect((await upload(PNG, "image/png", await signIn(DEMO.sichuanProvince))).status).toBe(403);
    expect((await env.FILES.list()).objects.length).toBe(before);
  });

  it("image bodies are accepted only on the upload route", async () => {
    // Plain request: an image body where the route takes JSON, on purpose.
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
    const body = await ok(classifications("sectors").get());
    expect(body.items).toHaveLength(12);
    expect(body.items.find((e) => e.code === "education")?.inUse).toBeGreaterThan(0);
    const [first, ...rest] = body.items;
    const items: Entries = [
      ...rest.map(({ id, code, name }) => ({ id, code, name, archived: code === "finance" })),
      { id: first?.id, code: first?.code ?? "", name: "党委政府机关", archived: false },
      { code: "ecology", name: "生态环境", archived: false },
    ];
    const saved = await ok(classifications("sectors").save(items));
    expect(saved.items.at(-2)?.name).toBe("党委政府机关");
    expect(saved.items.at(-1)).toMatchObject({ code: "ecology", inUse: 0 });
    const filters = await ok(tenantApi(admin)["unit-filters"].$get({ param: sichuan }));
    expect(filters.sectors.map((s) => s.code)).not.toContain("finance");
    expect(filters.sectors.map((s) => s.code)).toContain("ecology");
  });

  it("an entry cannot be removed, only archived; duplicate codes are refused", async () => {
    const kinds = classifications("unit-kinds");
    const body = await ok(kinds.get());
    const keep = body.items.slice(1).map(({ id, code, name, archived }) => ({ id, code, name, archived }));
    expect(await statusOf(kinds.save(keep))).toBe(409);
    const all = body.items.map(({ id, code, name, archived }) => ({ id, code, name, archived }));
    expect(await statusOf(kinds.save([...all, { code: all[0]?.code ?? "", name: "重复", archived: false }]))).toBe(400);
    const foreign = { id: "hubei-kind-school", code: "x-school", name: "外来", archived: false };
    expect(await statusOf(kinds.save([...all, foreign]))).toBe(400);
    // Plain request: a list the path's type does not name, on purpose.
    expect((await call("/api/t/sichuan/classifications/colours", { cookie: admin })).status).toBe(400);
  });
});
