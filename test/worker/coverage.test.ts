import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { COVERAGE_SUMMARY_SQL } from "../../worker/data/coverage.ts";
import { callJson, ok, statusOf, tenantApi } from "./client.ts";
import { publishedProgram, signInAll, UNITS } from "./fixtures.ts";
import { departmentAccount } from "./ranking-fixtures.ts";
import { roundTripsOf } from "./round-trips.ts";
import { createSystem, insertApplication, scoringRound, TENANT, TENANT_ID, uid } from "./scoring-fixtures.ts";

// SMALL_SYSTEM's scored items: A1.1 创建规划, A1.2 宣传阵地, A2.1 满意度调查, A2.2 网上测评.

let admin: string;
let deyang: string;
let dazhou: string;
let staff: string;
let hubeiAdmin: string;
let hubeiUnit: string;
let roundId: string;
let own: string;
let dazhouApp: string;
const recordIds = { plan: "", stall: "", survey: "", online: "", deleted: "" };

const coverageOf = (cookie: string, id: string, tenant = TENANT) =>
  tenantApi(cookie).applications[":id"].coverage.$get({ param: { tenant, id } });
const roundCoverageOf = (cookie: string, id: string, tenant = TENANT) =>
  tenantApi(cookie).rounds[":roundId"].coverage.$get({ param: { tenant, roundId: id } });

async function insertRecord(title: string, deleted = false): Promise<string> {
  const id = uid("rec");
  await env.DB.prepare(
    `insert into records (id, tenant_id, unit_id, date, kind, title, created_by, deleted_at)
     values (?, ?, ?, '2026-03-01', 'activity', ?, 'test', ?)`,
  )
    .bind(id, TENANT_ID, UNITS.deyangKexie, title, deleted ? new Date().toISOString() : null)
    .run();
  return id;
}

async function insertMeasure(programId: string, key: string, title: string) {
  await env.DB.prepare(
    `insert into program_measures (id, tenant_id, unit_id, program_id, measure_key, position, title, departments,
       progress, status) values (?, ?, ?, ?, ?, 0, ?, '[]', 0, 'in_progress')`,
  )
    .bind(uid("pm"), TENANT_ID, UNITS.deyangKexie, programId, key, title)
    .run();
}

async function linkItem(applicationId: string, itemCode: string, measureKeys: string[], records: string[]) {
  await env.DB.prepare(
    `insert into application_items (id, tenant_id, application_id, item_code, measure_keys, record_ids, updated_at)
     values (?, ?, ?, ?, ?, ?, ?)`,
  )
    .bind(uid("ai"), TENANT_ID, applicationId, itemCode, JSON.stringify(measureKeys), JSON.stringify(records), "now")
    .run();
  // As the Worker's item save does in its batch.
  await env.DB.prepare(`update applications set coverage = ${COVERAGE_SUMMARY_SQL} where id = ?`)
    .bind(applicationId)
    .run();
}

/** The unit saves a report with one section and one item, its item paragraph linked to `itemCode`. */
async function reportLinkedTo(applicationId: string, itemCode: string) {
  const content = {
    title: "创建工作汇报",
    sections: [
      {
        id: "s1",
        heading: "二、主要做法",
        text: "",
        items: [{ id: "p1", title: "（一）开展群众满意度调查", text: "每季度开展一次。" }],
      },
    ],
  };
  const app = await ok(tenantApi(staff).applications[":id"].$get({ param: { tenant: TENANT, id: applicationId } }));
  await ok(
    tenantApi(staff).applications[":id"].report.$put({
      param: { tenant: TENANT, id: applicationId },
      json: { version: app.version, content, figures: [], links: [{ paragraphId: "p1", itemCode }] },
    }),
  );
}

beforeAll(async () => {
  ({
    sichuanAdmin: admin,
    deyang,
    dazhou,
    sichuanUnit: staff,
    hubeiAdmin,
    hubeiUnit,
  } = await signInAll("sichuanAdmin", "deyang", "dazhou", "sichuanUnit", "hubeiAdmin", "hubeiUnit"));
  roundId = await scoringRound(admin, await createSystem(admin), "applications_open");
  own = await insertApplication(roundId, UNITS.deyangKexie, "draft");
  dazhouApp = await insertApplication(roundId, UNITS.dazhouVocational, "draft");
  const program = await publishedProgram(staff);
  await insertMeasure(program.id, "m-plan", "制定年度创建规划");
  recordIds.plan = await insertRecord("创建规划专题会议");
  recordIds.stall = await insertRecord("宣传阵地更新展板");
  recordIds.survey = await insertRecord("满意度调查问卷汇总");
  recordIds.online = await insertRecord("网上测评动员部署会");
  recordIds.deleted = await insertRecord("宣传阵地旧展板", true);
  // A1.1: a measure and a record; A1.2: a record only (and a deleted one); A2.1: a report paragraph and a record;
  // A2.2: nothing.
  await linkItem(own, "A1.1", ["m-plan"], [recordIds.plan]);
  await linkItem(own, "A1.2", [], [recordIds.stall, recordIds.deleted]);
  await linkItem(own, "A2.1", [], [recordIds.survey]);
  await reportLinkedTo(own, "A2.1");
  // The other city's application has an item row with nothing linked: still empty.
  await linkItem(dazhouApp, "A2.2", [], []);
});

describe("GET /applications/{id}/coverage", () => {
  it("judges each item: measure and record covered, record only thin, a linked report paragraph counts, untouched empty", async () => {
    const body = await ok(coverageOf(staff, own));
    const byCode = Object.fromEntries(body.items.map((i) => [i.itemCode, i]));
    expect(body.applicationId).toBe(own);
    expect(body.items.map((i) => i.itemCode)).toEqual(["A1.1", "A1.2", "A2.1", "A2.2"]);
    expect(byCode["A1.1"]).toMatchObject({
      status: "covered",
      categoryCode: "A1",
      measures: [{ key: "m-plan", title: "制定年度创建规划" }],
      records: [{ id: recordIds.plan, title: "创建规划专题会议", date: "2026-03-01" }],
    });
    // The deleted record is not shown and does not count.
    expect(byCode["A1.2"]).toMatchObject({ status: "thin", records: [{ id: recordIds.stall }] });
    expect(byCode["A2.1"]).toMatchObject({
      status: "covered",
      paragraphs: [{ id: "p1", heading: "（一）开展群众满意度调查" }],
    });
    expect(byCode["A2.2"]).toMatchObject({ status: "empty", measures: [], records: [], paragraphs: [] });
    expect(body.summary).toEqual({ covered: 2, thin: 1, empty: 1 });
  });

  it("suggests an unlinked record whose title matches the item, with the words that matched", async () => {
    const body = await ok(coverageOf(staff, own));
    const online = body.items.find((i) => i.itemCode === "A2.2");
    const suggested = online?.suggestions.records.find((r) => r.id === recordIds.online);
    expect(suggested?.title).toBe("网上测评动员部署会");
    expect(suggested?.terms.length).toBeGreaterThan(0);
    // What is already linked to an item is never suggested for it.
    const plan = body.items.find((i) => i.itemCode === "A1.1");
    expect(plan?.suggestions.records.map((r) => r.id)).not.toContain(recordIds.plan);
    expect(plan?.suggestions.measures.map((m) => m.key)).not.toContain("m-plan");
  });

  it("reviewers in scope and the office read it; one round trip", async () => {
    await ok(coverageOf(deyang, own));
    const res = await coverageOf(deyang, own);
    expect(res.status).toBe(200);
    expect(roundTripsOf(res)).toBe(1);
    expect((await ok(coverageOf(admin, own))).summary.covered).toBe(2);
  });

  it("out of scope 404: another city's reviewer, another unit's staff, another tenant either way; anonymous 401", async () => {
    expect(await statusOf(coverageOf(dazhou, own))).toBe(404);
    expect(await statusOf(coverageOf(staff, dazhouApp))).toBe(404);
    expect(await statusOf(coverageOf(hubeiAdmin, own))).toBe(404);
    expect(await statusOf(coverageOf(hubeiAdmin, own, "hubei"))).toBe(404);
    expect(await statusOf(coverageOf(hubeiUnit, own, "hubei"))).toBe(404);
    expect(await statusOf(coverageOf(staff, "no-such-application"))).toBe(404);
    expect(await statusOf(coverageOf("", own))).toBe(401);
  });
});

describe("GET /rounds/{id}/coverage", () => {
  it("the office counts every application of the round per item, least covered first", async () => {
    const body = await ok(roundCoverageOf(admin, roundId));
    expect(body.applications).toBe(2);
    expect(body.items.map((i) => [i.itemCode, i.covered, i.thin, i.empty])).toEqual([
      ["A2.2", 0, 0, 2],
      ["A1.2", 0, 1, 1],
      ["A1.1", 1, 0, 1],
      ["A2.1", 1, 0, 1],
    ]);
  });

  it("the summaries the writes kept equal the ones computed afresh from the stored rows (seeds, the backfill)", async () => {
    const kept = await ok(roundCoverageOf(admin, roundId));
    const before = await env.DB.prepare("select id, coverage from applications where round_id = ? order by id")
      .bind(roundId)
      .all<{ id: string; coverage: string }>();
    // A1.1 covered, A1.2 thin, A2.1 covered, A2.2 empty; the other city's item row with nothing: all empty.
    expect(before.results.find((a) => a.id === own)?.coverage).toBe("ctce");
    expect(before.results.find((a) => a.id === dazhouApp)?.coverage).toBe("eeee");
    await env.DB.prepare(`update applications set coverage = ${COVERAGE_SUMMARY_SQL} where round_id = ?`)
      .bind(roundId)
      .run();
    const after = await env.DB.prepare("select id, coverage from applications where round_id = ? order by id")
      .bind(roundId)
      .all<{ id: string; coverage: string }>();
    expect(after.results).toEqual(before.results);
    expect(await ok(roundCoverageOf(admin, roundId))).toEqual(kept);
  });

  it("a city reviewer counts only their cities' applications", async () => {
    const mine = await ok(roundCoverageOf(deyang, roundId));
    expect(mine.applications).toBe(1);
    expect(mine.items.find((i) => i.itemCode === "A1.1")).toMatchObject({ covered: 1, thin: 0, empty: 0 });
    const theirs = await ok(roundCoverageOf(dazhou, roundId));
    expect(theirs.applications).toBe(1);
    expect(theirs.items.every((i) => i.empty === 1)).toBe(true);
  });

  it("unit staff and departments 403, another tenant 404, anonymous 401, an unknown round 404; one round trip", async () => {
    expect(await statusOf(roundCoverageOf(staff, roundId))).toBe(403);
    expect(await statusOf(roundCoverageOf(await departmentAccount(admin, "综治"), roundId))).toBe(403);
    expect(await statusOf(roundCoverageOf(hubeiAdmin, roundId))).toBe(404);
    expect(await statusOf(roundCoverageOf(hubeiAdmin, roundId, "hubei"))).toBe(404);
    expect(await statusOf(roundCoverageOf("", roundId))).toBe(401);
    expect(await statusOf(roundCoverageOf(admin, "no-such-round"))).toBe(404);
    // A tenant named in the query is ignored: the session's membership decides.
    const unknown = await callJson<{ applications: number }>(
      `/api/t/${TENANT}/rounds/${roundId}/coverage?tenantId=t-hubei`,
      { cookie: admin },
    );
    expect(unknown).toEqual({ status: 200, body: expect.objectContaining({ applications: 2 }) });
    const res = await roundCoverageOf(deyang, roundId);
    expect(roundTripsOf(res)).toBe(1);
  });
});

describe("the unit's home", () => {
  it("says how many items of an editable application have nothing, and links to its coverage", async () => {
    const todo = await ok(tenantApi(staff).todo.$get({ param: { tenant: TENANT } }));
    const gaps = todo.items.find((i) => i.kind === "coverage_gaps" && i.round.id === roundId);
    expect(gaps).toMatchObject({ count: 1, applicationIds: [own] });
  });
});
