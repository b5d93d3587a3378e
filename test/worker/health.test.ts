import { describe, expect, it } from "vitest";
import { call, callJson } from "./client.ts";

describe("public endpoints", () => {
  it("health answers ok", async () => {
    expect(await callJson("/api/health")).toEqual({ status: 200, body: { ok: true } });
  });

  it("lists the live tenants with slug and name only", async () => {
    const { status, body } = await callJson<{ items: Array<Record<string, string>> }>("/api/tenants");
    expect(status).toBe(200);
    expect(body.items).toEqual([
      { slug: "hubei", name: "湖北省文明办" },
      { slug: "sichuan", name: "四川省文明办" },
    ]);
  });

  it("unknown API paths answer 404 in the error shape", async () => {
    const response = await call("/api/nope");
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: "not_found", message: expect.any(String) } });
  });
});
