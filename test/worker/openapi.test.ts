import { describe, expect, it } from "vitest";
import { app } from "../../worker/app.ts";
import { callJson } from "./client.ts";

// Plain requests: the document is served by app.doc31, outside the typed routes; this shape is the OpenAPI format's.
interface OpenApiDoc {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
}

describe("OpenAPI document", () => {
  it("lists every API route the app serves, with its method", async () => {
    const { status, body } = await callJson<OpenApiDoc>("/api/openapi.json");
    expect(status).toBe(200);
    expect(body.openapi).toBe("3.1.0");
    const documented = new Set(
      Object.entries(body.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)),
    );
    const served = app.routes
      .filter((r) => r.method !== "ALL" && r.path.startsWith("/api/") && r.path !== "/api/openapi.json")
      .map((r) => `${r.method} ${r.path.replace(/:([^/]+)/g, "{$1}")}`);
    expect(served.length).toBeGreaterThanOrEqual(8);
    for (const route of served) expect(documented, route).toContain(route);
    expect(documented.size).toBe(new Set(served).size);
  });

  it("documents the error responses of a tenant route", async () => {
    const { body } = await callJson<OpenApiDoc>("/api/openapi.json");
    const units = body.paths["/api/t/{tenant}/units/{id}"]?.get;
    expect(Object.keys(units?.responses ?? {}).sort()).toEqual(["200", "401", "404"]);
  });
});
