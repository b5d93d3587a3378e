import { describe, expect, it } from "vitest";
import { MAX_JSON_BODY_BYTES } from "../../worker/app.ts";
import { api, call, signIn, tenantApi } from "./client.ts";
import { DEMO } from "./fixtures.ts";

// Most requests here are plain on purpose: they send what the typed client never would (another content type,
// a foreign Origin or Sec-Fetch-Site, an OPTIONS preflight, oversize or malformed bodies).
const login = { email: DEMO.deyang, password: "wenming-demo" };

describe("CSRF defences on writes", () => {
  it("refuses a text/plain write with 415 (a foreign page can send one without a preflight)", async () => {
    const response = await call("/api/auth/login", { body: login, headers: { "content-type": "text/plain" } });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({
      error: { code: "unsupported_media_type", messageEn: expect.any(String) },
    });
    expect(response.headers.get("set-cookie")).toBeNull();
  });

  it("refuses form-encoded writes and writes without a content type", async () => {
    const form = await call("/api/auth/login", {
      body: "email=a&password=b",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(415);
    const bare = await call("/api/auth/logout", { method: "POST", headers: { "content-type": "" } });
    expect(bare.status).toBe(415);
  });

  it("accepts application/json with a charset parameter", async () => {
    const response = await call("/api/auth/login", {
      body: login,
      headers: { "content-type": "application/json; charset=utf-8" },
    });
    expect(response.status).toBe(200);
  });

  it("refuses a write whose Origin is another site", async () => {
    const response = await call("/api/auth/login", { body: login, headers: { origin: "https://evil.example" } });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "cross_origin" } });
  });

  it("refuses a write the browser marks as cross-site", async () => {
    const response = await call("/api/auth/logout", {
      body: {},
      cookie: await signIn(DEMO.deyang),
      headers: { "sec-fetch-site": "cross-site" },
    });
    expect(response.status).toBe(403);
  });
});

describe("headers and limits", () => {
  it("sends HSTS of at least a year, a CSP and no-store on API responses", async () => {
    const response = await api().api.tenants.$get();
    const hsts = response.headers.get("strict-transport-security") ?? "";
    expect(Number(/max-age=(\d+)/.exec(hsts)?.[1])).toBeGreaterThanOrEqual(31_536_000);
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("sends no CORS headers, even when asked from another origin", async () => {
    const response = await call("/api/tenants", { headers: { origin: "https://evil.example" } });
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    const preflight = await call("/api/auth/login", {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("error responses carry the same security headers", async () => {
    const response = await tenantApi().units.$get({ param: { tenant: "sichuan" }, query: {} });
    expect(response.status).toBe(401);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("strict-transport-security")).toContain("max-age=31536000");
  });

  it("refuses an oversize body with 413", async () => {
    const response = await api().api.auth.login.$post({
      json: { email: "a@b.cn", password: "x".repeat(MAX_JSON_BODY_BYTES + 1) },
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: "payload_too_large" } });
  });

  it("answers malformed JSON with 400 and never a stack or SQL", async () => {
    const response = await call("/api/auth/login", { body: '{"email": "a@b.cn", "password": ' });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).not.toMatch(/at |SQL|sqlite|stack/i);
    expect(JSON.parse(text)).toMatchObject({ error: { code: "bad_request" } });
  });
});
