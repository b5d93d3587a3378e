import { beforeAll, describe, expect, it } from "vitest";
import { call, callJson, signIn } from "./client.ts";
import { DEMO, PLACES, UNITS } from "./fixtures.ts";
import { noticedObjection } from "./notice-fixtures.ts";
import { insertNotice } from "./public-fixtures.ts";
import { roundTripsOf } from "./round-trips.ts";
import { publicSurveyPath } from "./survey-link-fixture.ts";

/**
 * Every GET route's D1 round trips in steady state (the caller's session seen before in this isolate):
 * one, the session lookup riding in the route's batch. A route added without a line here fails the
 * coverage test below, so its count is asserted too.
 */
const UNIT = UNITS.deyangKexie;
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

type Who = "anonymous" | "platform" | "sichuanAdmin" | "deyang" | "sichuanUnit";
interface Probe {
  route: string;
  path: () => string;
  who: Who;
  /** Round trips in steady state; 1 unless the reason is given beside it. */
  trips?: number;
}

const ids = {
  program: "",
  record: "",
  attachment: "",
  round: "",
  application: "",
  evidence: "",
  person: "",
  objectionId: "",
  recheck: "",
  objection: "",
  surveyPath: "",
};
const cookies: Partial<Record<Who, string>> = {};

const probes: Probe[] = [
  { route: "/api/health", path: () => "/api/health", who: "anonymous", trips: 0 },
  { route: "/api/tenants", path: () => "/api/tenants", who: "anonymous" },
  { route: "/api/tenants/{slug}", path: () => "/api/tenants/sichuan", who: "anonymous" },
  { route: "/api/tenants/{slug}/logo", path: () => "/api/tenants/sichuan/logo", who: "anonymous" },
  {
    route: "/api/tenants/{slug}/registration-options",
    path: () => "/api/tenants/sichuan/registration-options",
    who: "anonymous",
  },
  { route: "/api/auth/me", path: () => "/api/auth/me", who: "deyang" },
  { route: "/api/auth/sessions", path: () => "/api/auth/sessions", who: "deyang" },
  { route: "/api/admin/tenants", path: () => "/api/admin/tenants", who: "platform" },
  { route: "/api/admin/divisions", path: () => "/api/admin/divisions", who: "platform" },
  {
    route: "/api/t/{tenant}/jurisdictions",
    path: () => `/api/t/sichuan/jurisdictions?parent=${PLACES.deyang}`,
    who: "deyang",
  },
  { route: "/api/t/{tenant}/unit-filters", path: () => "/api/t/sichuan/unit-filters", who: "deyang" },
  { route: "/api/t/{tenant}/units", path: () => "/api/t/sichuan/units?pageSize=20", who: "deyang" },
  { route: "/api/t/{tenant}/units/{id}", path: () => `/api/t/sichuan/units/${UNIT}`, who: "deyang" },
  { route: "/api/t/{tenant}/units/{id}/awards", path: () => `/api/t/sichuan/units/${UNIT}/awards`, who: "deyang" },
  { route: "/api/t/{tenant}/people", path: () => "/api/t/sichuan/people?pageSize=20", who: "sichuanAdmin" },
  { route: "/api/t/{tenant}/people/{id}", path: () => `/api/t/sichuan/people/${ids.person}`, who: "sichuanAdmin" },
  { route: "/api/t/{tenant}/settings", path: () => "/api/t/sichuan/settings", who: "sichuanAdmin" },
  {
    route: "/api/t/{tenant}/classifications/{list}",
    path: () => "/api/t/sichuan/classifications/sectors",
    who: "sichuanAdmin",
  },
  { route: "/api/t/{tenant}/criteria-synonyms", path: () => "/api/t/sichuan/criteria-synonyms", who: "deyang" },
  { route: "/api/t/{tenant}/audit-events", path: () => "/api/t/sichuan/audit-events?pageSize=20", who: "sichuanAdmin" },
  {
    route: "/api/t/{tenant}/units/{unitId}/programs",
    path: () => `/api/t/sichuan/units/${UNIT}/programs`,
    who: "deyang",
  },
  { route: "/api/t/{tenant}/programs/{id}", path: () => `/api/t/sichuan/programs/${ids.program}`, who: "deyang" },
  {
    route: "/api/t/{tenant}/programs/{id}/versions",
    path: () => `/api/t/sichuan/programs/${ids.program}/versions`,
    who: "deyang",
  },
  {
    route: "/api/t/{tenant}/programs/{id}/versions/{number}",
    path: () => `/api/t/sichuan/programs/${ids.program}/versions/1`,
    who: "deyang",
  },
  {
    route: "/api/t/{tenant}/programs/{id}/diff/{from}/{to}",
    path: () => `/api/t/sichuan/programs/${ids.program}/diff/1/1`,
    who: "deyang",
  },
  {
    route: "/api/t/{tenant}/units/{unitId}/records",
    path: () => `/api/t/sichuan/units/${UNIT}/records`,
    who: "deyang",
  },
  {
    route: "/api/t/{tenant}/units/{unitId}/progress",
    path: () => `/api/t/sichuan/units/${UNIT}/progress`,
    who: "deyang",
  },
  {
    route: "/api/t/{tenant}/attachments/{id}",
    path: () => `/api/t/sichuan/attachments/${ids.attachment}`,
    who: "deyang",
  },
  { route: "/api/t/{tenant}/rollups/programs", path: () => "/api/t/sichuan/rollups/programs?year=2026", who: "deyang" },
  { route: "/api/t/{tenant}/rollups/measures", path: () => "/api/t/sichuan/rollups/measures", who: "deyang" },
  { route: "/api/t/{tenant}/rollups/records", path: () => "/api/t/sichuan/rollups/records?year=2026", who: "deyang" },
  { route: "/api/t/{tenant}/criteria-systems", path: () => "/api/t/sichuan/criteria-systems", who: "sichuanAdmin" },
  {
    route: "/api/t/{tenant}/criteria-systems/{id}",
    path: () => "/api/t/sichuan/criteria-systems/sichuan-criteria-2026",
    who: "sichuanAdmin",
  },
  {
    route: "/api/t/{tenant}/criteria-systems/{id}/export.json",
    path: () => "/api/t/sichuan/criteria-systems/sichuan-criteria-2026/export.json",
    who: "sichuanAdmin",
  },
  {
    route: "/api/t/{tenant}/criteria-systems/{id}/export.xlsx",
    path: () => "/api/t/sichuan/criteria-systems/sichuan-criteria-2026/export.xlsx",
    who: "sichuanAdmin",
  },
  { route: "/api/t/{tenant}/rounds", path: () => "/api/t/sichuan/rounds", who: "deyang" },
  { route: "/api/t/{tenant}/rounds/{id}", path: () => `/api/t/sichuan/rounds/${ids.round}`, who: "deyang" },
  {
    route: "/api/t/{tenant}/rounds/{roundId}/eligibility",
    path: () => `/api/t/sichuan/rounds/${ids.round}/eligibility`,
    who: "sichuanUnit",
  },
  {
    route: "/api/t/{tenant}/rounds/{roundId}/applications",
    path: () => `/api/t/sichuan/rounds/${ids.round}/applications`,
    who: "deyang",
  },
  {
    route: "/api/t/{tenant}/applications/{id}",
    path: () => `/api/t/sichuan/applications/${ids.application}`,
    who: "deyang",
  },
  {
    route: "/api/t/{tenant}/applications/{id}/report",
    path: () => `/api/t/sichuan/applications/${ids.application}/report`,
    who: "deyang",
  },
  {
    route: "/api/t/{tenant}/applications/{id}/coverage",
    path: () => `/api/t/sichuan/applications/${ids.application}/coverage`,
    who: "deyang",
  },
  {
    route: "/api/t/{tenant}/rounds/{roundId}/coverage",
    path: () => `/api/t/sichuan/rounds/${ids.round}/coverage`,
    who: "deyang",
  },
  {
    route: "/api/t/{tenant}/evidence-files/{id}",
    path: () => `/api/t/sichuan/evidence-files/${ids.evidence}`,
    who: "deyang",
  },
  {
    route: "/api/t/{tenant}/applications/{id}/panel",
    path: () => `/api/t/sichuan/applications/${ids.application}/panel`,
    who: "deyang",
  },
  {
    route: "/api/t/{tenant}/applications/{id}/form",
    path: () => `/api/t/sichuan/applications/${ids.application}/form?stage=city`,
    who: "deyang",
  },
  {
    route: "/api/t/{tenant}/applications/{id}/scores",
    path: () => `/api/t/sichuan/applications/${ids.application}/scores`,
    who: "deyang",
  },
  {
    route: "/api/t/{tenant}/applications/{id}/score-changes",
    path: () => `/api/t/sichuan/applications/${ids.application}/score-changes`,
    who: "deyang",
  },
  {
    route: "/api/t/{tenant}/applications/{id}/signoffs",
    path: () => `/api/t/sichuan/applications/${ids.application}/signoffs`,
    who: "deyang",
  },
  {
    route: "/api/t/{tenant}/rounds/{id}/advance-check",
    path: () => `/api/t/sichuan/rounds/${ids.round}/advance-check`,
    who: "sichuanAdmin",
  },
  {
    route: "/api/t/{tenant}/rounds/{roundId}/ranking",
    path: () => `/api/t/sichuan/rounds/${ids.round}/ranking?pageSize=50`,
    who: "deyang",
  },
  {
    route: "/api/t/{tenant}/rounds/{roundId}/scores.csv",
    path: () => `/api/t/sichuan/rounds/${ids.round}/scores.csv?lang=en`,
    who: "deyang",
  },
  {
    route: "/api/t/{tenant}/rounds/{roundId}/rollups",
    path: () => `/api/t/sichuan/rounds/${ids.round}/rollups`,
    who: "deyang",
  },
  {
    route: "/api/t/{tenant}/rounds/{roundId}/reviewers",
    path: () => `/api/t/sichuan/rounds/${ids.round}/reviewers`,
    who: "sichuanAdmin",
  },
  {
    route: "/api/t/{tenant}/rounds/{roundId}/results/check",
    path: () => `/api/t/sichuan/rounds/${ids.round}/results/check`,
    who: "sichuanAdmin",
  },
  { route: "/api/t/{tenant}/todo", path: () => "/api/t/sichuan/todo", who: "deyang" },
  // Public reads answered from the edge cache: the office's version read alone (a miss adds the route's batch).
  { route: "/api/public/t/{tenant}/awards", path: () => "/api/public/t/sichuan/awards?q=dykx", who: "anonymous" },
  { route: "/api/public/t/{tenant}/summary", path: () => "/api/public/t/sichuan/summary", who: "anonymous" },
  {
    route: "/api/public/t/{tenant}/units/{unitId}",
    path: () => `/api/public/t/sichuan/units/${UNIT}`,
    who: "anonymous",
  },
  { route: "/api/public/t/{tenant}/notices", path: () => "/api/public/t/sichuan/notices", who: "anonymous" },
  // The public questionnaire is never cached: its read (link, key, device) is one batch.
  {
    route: "/api/public/t/{tenant}/surveys/{applicationId}",
    path: () => ids.surveyPath,
    who: "anonymous",
  },
  {
    route: "/api/public/objections/{reference}",
    path: () => `/api/public/objections/${ids.objection}`,
    who: "anonymous",
  },
  // The office's side of notice: the admin's read includes the shortlist preview (the whole ranking) in its batch.
  {
    route: "/api/t/{tenant}/rounds/{id}/notice",
    path: () => `/api/t/sichuan/rounds/${ids.round}/notice`,
    who: "sichuanAdmin",
  },
  {
    route: "/api/t/{tenant}/rounds/{id}/objections",
    path: () => `/api/t/sichuan/rounds/${ids.round}/objections`,
    who: "deyang",
  },
  {
    route: "/api/t/{tenant}/objections/{id}",
    path: () => `/api/t/sichuan/objections/${ids.objectionId}`,
    who: "deyang",
  },
  {
    route: "/api/t/{tenant}/rounds/{id}/recheck",
    path: () => `/api/t/sichuan/rounds/${ids.recheck}/recheck`,
    who: "sichuanAdmin",
  },
  {
    route: "/api/t/{tenant}/rounds/{id}/survey",
    path: () => `/api/t/sichuan/rounds/${ids.round}/survey`,
    who: "deyang",
  },
  {
    route: "/api/t/{tenant}/rounds/{id}/survey/links",
    path: () => `/api/t/sichuan/rounds/${ids.round}/survey/links`,
    who: "deyang",
  },
  {
    route: "/api/t/{tenant}/applications/{id}/survey/poster",
    path: () => `/api/t/sichuan/applications/${ids.application}/survey/poster`,
    who: "sichuanUnit",
  },
  {
    route: "/api/t/{tenant}/rounds/{id}/survey/results",
    path: () => `/api/t/sichuan/rounds/${ids.round}/survey/results`,
    who: "deyang",
  },
  {
    route: "/api/t/{tenant}/applications/{id}/survey",
    path: () => `/api/t/sichuan/applications/${ids.application}/survey`,
    who: "deyang",
  },
  {
    route: "/api/t/{tenant}/rounds/{id}/mutual",
    path: () => `/api/t/sichuan/rounds/${ids.round}/mutual`,
    who: "deyang",
  },
  {
    route: "/api/t/{tenant}/rounds/{id}/mutual/progress",
    path: () => `/api/t/sichuan/rounds/${ids.round}/mutual/progress`,
    who: "deyang",
  },
  {
    route: "/api/t/{tenant}/applications/{id}/mutual",
    path: () => `/api/t/sichuan/applications/${ids.application}/mutual`,
    who: "sichuanUnit",
  },
];

beforeAll(async () => {
  cookies.platform = await signIn(DEMO.platform);
  cookies.sichuanAdmin = await signIn(DEMO.sichuanAdmin);
  cookies.deyang = await signIn(DEMO.deyang);
  cookies.sichuanUnit = await signIn(DEMO.sichuanUnit);
  const staff = cookies.sichuanUnit;
  const admin = cookies.sichuanAdmin;
  const program = await callJson<{ id: string }>(`/api/t/sichuan/units/${UNIT}/programs`, {
    body: { title: "2026年度创建方案", startYear: 2026, endYear: 2026, targetLevel: "city", sections: [] },
    cookie: staff,
  });
  ids.program = program.body.id;
  expect(
    (await call(`/api/t/sichuan/programs/${ids.program}/publish`, { body: { version: 1 }, cookie: staff })).status,
  ).toBe(200);
  const record = await callJson<{ id: string }>(`/api/t/sichuan/units/${UNIT}/records`, {
    body: { date: "2026-10-12", kind: "study", title: "理论学习中心组学习" },
    cookie: staff,
  });
  ids.record = record.body.id;
  const attachment = await callJson<{ id: string }>(`/api/t/sichuan/records/${ids.record}/attachments?name=photo.png`, {
    body: PNG,
    cookie: staff,
    headers: { "content-type": "image/png" },
  });
  ids.attachment = attachment.body.id;
  const round = await callJson<{ id: string; version: number }>("/api/t/sichuan/rounds", {
    body: {
      title: "往返次数测试评选",
      level: "city",
      kind: "selection",
      year: 2026,
      criteriaSystemId: "sichuan-criteria-2026",
    },
    cookie: admin,
  });
  ids.round = round.body.id;
  await call(`/api/t/sichuan/rounds/${ids.round}/advance`, { body: { version: round.body.version }, cookie: admin });
  const application = await callJson<{ id: string; items: Array<{ itemCode: string }> }>(
    `/api/t/sichuan/rounds/${ids.round}/applications`,
    { body: { channel: "city" }, cookie: staff },
  );
  ids.application = application.body.id;
  const itemCode = application.body.items[0]?.itemCode ?? "";
  // The upload answers with the application; the file's id is in its item's files.
  const evidence = await callJson<{ items: Array<{ itemCode: string; files: Array<{ id: string }> }> }>(
    `/api/t/sichuan/applications/${ids.application}/items/${itemCode}/files?name=photo.png`,
    { body: PNG, cookie: staff, headers: { "content-type": "image/png" } },
  );
  ids.evidence = evidence.body.items.find((i) => i.itemCode === itemCode)?.files[0]?.id ?? "";
  const logo = await call("/api/t/sichuan/settings/logo", {
    method: "PUT",
    body: PNG,
    cookie: admin,
    headers: { "content-type": "image/png" },
  });
  expect(logo.status).toBe(200);
  const people = await callJson<{ items: Array<{ id: string }> }>("/api/t/sichuan/people?pageSize=1", {
    cookie: admin,
  });
  ids.person = people.body.items[0]?.id ?? "";
  const notice = await insertNotice("sichuan", [UNITS.dazhouVocational]);
  const objection = await callJson<{ reference: string }>("/api/public/t/sichuan/objections", {
    body: { entryId: notice.entries[0]?.entryId, text: "该单位存在违规问题，请核查。", contact: "13800000000" },
    headers: { "cf-connecting-ip": "203.0.113.99" },
  });
  ids.objection = objection.body.reference;
  ids.objectionId = await noticedObjection(ids.round, ids.application);
  const recheck = await callJson<{ id: string }>("/api/t/sichuan/rounds", {
    body: {
      title: "往返次数测试复查",
      level: "city",
      kind: "recheck",
      year: 2026,
      criteriaSystemId: "sichuan-criteria-2026",
    },
    cookie: admin,
  });
  ids.recheck = recheck.body.id;
  ids.surveyPath = await publicSurveyPath("sichuan", ids.round, ids.application);
  expect(Object.values(ids).every(Boolean), JSON.stringify(ids)).toBe(true);
});

describe("D1 round trips of every GET route", () => {
  it("every GET route in the OpenAPI document is probed here", async () => {
    const doc = await callJson<{ paths: Record<string, Record<string, unknown>> }>("/api/openapi.json");
    const gets = Object.entries(doc.body.paths)
      .filter(([, operations]) => "get" in operations)
      .map(([path]) => path)
      .filter((path) => path !== "/api/openapi.json");
    expect(probes.map((p) => p.route).sort()).toEqual(gets.sort());
  });

  for (const probe of probes) {
    it(`GET ${probe.route}: ${probe.trips ?? 1} in steady state`, async () => {
      const cookie = cookies[probe.who];
      await call(probe.path(), { cookie });
      const again = await call(probe.path(), { cookie });
      expect(again.status, await again.clone().text()).toBe(200);
      expect(roundTripsOf(again)).toBe(probe.trips ?? 1);
    });
  }
});
