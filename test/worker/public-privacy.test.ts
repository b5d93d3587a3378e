import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { beijingYear } from "../../worker/domain/record-rules.ts";
import { call, callJson, signIn } from "./client.ts";
import { DEMO, UNITS } from "./fixtures.ts";
import { fillInitials, freshAddress, insertNotice, insertTitle } from "./public-fixtures.ts";
import { insertApplication, scoringRound } from "./scoring-fixtures.ts";
import { publicSurveyPath } from "./survey-link-fixture.ts";

/**
 * Every route anyone may call without signing in (the OpenAPI document's paths under /api/public and
 * /api/tenants) answers nothing private: no e-mail address, no score, points or aggregate, no reviewer, user or
 * actor, no handler's notes or finding, no internal reason, no unit contact or credit code.
 */
const FORBIDDEN_KEY =
  /score|points|aggregate|reviewer|user_?id|actor|created_?by|decided_?by|assignee|email|notes|finding|contact_?(name|phone)|credit_?code|password/i;
const EMAIL = /[^\s"@]+@[^\s"@]+\.[a-z]{2,}/i;

const params: Record<string, string> = {
  tenant: "sichuan",
  slug: "sichuan",
  unitId: UNITS.deyangKexie,
  reference: "",
  applicationId: "",
};
/** The survey link's key (`?k=…`) of `params.applicationId`. */
let surveyQuery = "";

beforeAll(async () => {
  await fillInitials();
  // A history row with an internal reason, a notice with a decided objection carrying notes and a finding.
  await insertTitle("sichuan", {
    unitId: UNITS.deyangKexie,
    level: "province_model",
    termStartYear: beijingYear(new Date()) - 1,
    status: "warned",
    publicReason: "整改期间",
    warningDeadline: `${beijingYear(new Date())}-12-31`,
  });
  const notice = await insertNotice("sichuan", [UNITS.deyangKexie]);
  const lodged = await callJson<{ reference: string }>("/api/public/t/sichuan/objections", {
    body: {
      entryId: notice.entries[0]?.entryId,
      text: "隐私扫描：该单位存在需要核查的问题。",
      name: "王五",
      contact: "wangwu@example.com",
    },
    headers: { "cf-connecting-ip": freshAddress() },
  });
  params.reference = lodged.body.reference;
  // A unit's public questionnaire (a round of its own, questionnaire open today).
  const roundId = await scoringRound(await signIn(DEMO.sichuanAdmin), "sichuan-criteria-2026", "applications_open");
  params.applicationId = await insertApplication(roundId, UNITS.deyangKexie, "draft");
  surveyQuery = `?${(await publicSurveyPath("sichuan", roundId, params.applicationId)).split("?")[1]}`;
  await env.DB.prepare(
    `update objections set status = 'not_upheld', notes = '内部备注 reviewer@sichuan.demo', finding = '经查不属实',
       reply = '经核查，异议不成立。', decided_at = '2026-12-01T08:00:00.000Z', decided_by = (select id from users limit 1)
     where reference = ?`,
  )
    .bind(params.reference)
    .run();
});

function forbiddenKeys(value: unknown, path = "$"): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => forbiddenKeys(v, `${path}[${i}]`));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, v]) => [
      ...(FORBIDDEN_KEY.test(key) || key === "reason" ? [`${path}.${key}`] : []),
      ...forbiddenKeys(v, `${path}.${key}`),
    ]);
  }
  return [];
}

describe("public responses carry nothing private", () => {
  it("every public GET route, with its widest query, answers no e-mail, score, reviewer, notes or internal reason", async () => {
    const doc = await callJson<{ paths: Record<string, Record<string, unknown>> }>("/api/openapi.json");
    const routes = Object.entries(doc.body.paths)
      .filter(([path, ops]) => (path.startsWith("/api/public") || path.startsWith("/api/tenants")) && "get" in ops)
      .map(([path]) => path);
    expect(routes).toEqual(
      expect.arrayContaining([
        "/api/public/t/{tenant}/awards",
        "/api/public/t/{tenant}/summary",
        "/api/public/t/{tenant}/units/{unitId}",
        "/api/public/t/{tenant}/notices",
        "/api/public/objections/{reference}",
        "/api/tenants",
      ]),
    );
    let scanned = 0;
    for (const route of routes) {
      const path = route.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? name);
      const query = route.endsWith("/awards")
        ? "?status=all&pageSize=100"
        : route.endsWith("/surveys/{applicationId}")
          ? surveyQuery
          : "";
      const res = await call(`${path}${query}`);
      if (!res.headers.get("Content-Type")?.startsWith("application/json")) continue;
      const text = await res.text();
      if (res.status !== 200) {
        // Only the logo may be missing here (the demo offices have none).
        expect(route, text).toBe("/api/tenants/{slug}/logo");
        continue;
      }
      scanned++;
      expect(text, route).not.toMatch(EMAIL);
      expect(forbiddenKeys(JSON.parse(text)), route).toEqual([]);
      for (const secret of ["内部", "王五", "经查不属实"]) expect(text, route).not.toContain(secret);
    }
    expect(scanned).toBeGreaterThanOrEqual(6);
  });

  it("the objection lookup answers exactly its public fields", async () => {
    const { body } = await callJson<Record<string, unknown>>(`/api/public/objections/${params.reference}`);
    expect(Object.keys(body).sort()).toEqual(["lodgedAt", "outcome", "reference", "status"]);
    expect(body.outcome).toEqual({
      result: "not_upheld",
      decidedAt: "2026-12-01T08:00:00.000Z",
      reply: "经核查，异议不成立。",
    });
  });

  it("a unit's public page shows the public reason of its warning, not the internal one", async () => {
    const text = await (await call(`/api/public/t/sichuan/units/${UNITS.deyangKexie}`)).text();
    expect(text).toContain("整改期间");
    expect(text).not.toContain("内部");
  });
});
