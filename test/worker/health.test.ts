import { describe, expect, it } from "vitest";
import { api, call, ok } from "./client.ts";

describe("public endpoints", () => {
  it("health answers ok", async () => {
    expect(await ok(api().api.health.$get())).toEqual({ ok: true });
  });

  it("lists the live tenants with slug, name and headline numbers only", async () => {
    const body = await ok(api().api.tenants.$get());
    const headline = { current: expect.any(Number), openNotices: expect.any(Number) };
    expect(body.items).toEqual([
      { slug: "hubei", name: "湖北省文明办", ...headline },
      { slug: "sichuan", name: "四川省文明办", ...headline },
    ]);
  });

  it("unknown API paths answer 404 in the error shape", async () => {
    // Plain request: a path no route has, so the typed client cannot name it.
    const response = await call("/api/nope");
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: "not_found", message: expect.any(String) } });
  });
});
