import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../worker/data/db.ts";
import { resultRefresh } from "../../worker/data/results.ts";
import type { Scope } from "../../worker/data/scope.ts";
import { signoffUpsert } from "../../worker/data/signoffs.ts";
import { applicationRef } from "../../worker/data/unit-access.ts";
import { callJson, failure, ok, statusOf, tenantApi } from "./client.ts";
import { PLACES, signInAll } from "./fixtures.ts";
import {
  auditCount,
  departmentAccount,
  insertForm,
  roundIn,
  TENANT,
  unitApplication,
  userIdOf,
} from "./ranking-fixtures.ts";
import { roundTripsOf } from "./round-trips.ts";

let admin: string;
let deyang: string;
let dazhou: string;
let staff: string;
let hubeiAdmin: string;
/** 纪检监察 and 综治 with the province as scope; 生态环境 is not required by the rounds here; 安全生产 only sees 达州. */
let jijian: string;
let zongzhi: string;
let huanjing: string;
let dazhouAnquan: string;

const REQUIRED = ["纪检监察", "综治", "安全生产"];

type Verdict = { verdict: "clear" | "veto"; reason?: string };

const signoff = (cookie: string, id: string, json: Verdict) =>
  tenantApi(cookie).applications[":id"].signoff.$put({ param: { tenant: TENANT, id }, json });
const signoffs = (cookie: string, id: string) =>
  tenantApi(cookie).applications[":id"].signoffs.$get({ param: { tenant: TENANT, id } });

async function resultsOf(applicationId: string) {
  const rows = await env.DB.prepare(
    "select stage, vetoed, aggregate from application_results where application_id = ? order by stage",
  )
    .bind(applicationId)
    .all<{ stage: string; vetoed: number; aggregate: number | null }>();
  return rows.results;
}

async function cityReviewApplication() {
  const round = await roundIn(admin, "city_review", { review: { signoffDepartments: REQUIRED } });
  return { roundId: round.id, ...(await unitApplication(round.id, PLACES.jingyang)) };
}

beforeAll(async () => {
  ({
    sichuanAdmin: admin,
    deyang,
    dazhou,
    sichuanUnit: staff,
    hubeiAdmin,
  } = await signInAll("sichuanAdmin", "deyang", "dazhou", "sichuanUnit", "hubeiAdmin"));
  jijian = await departmentAccount(admin, "纪检监察");
  zongzhi = await departmentAccount(admin, "综治");
  huanjing = await departmentAccount(admin, "生态环境");
  dazhouAnquan = await departmentAccount(admin, "安全生产", PLACES.dazhou);
});

describe("department sign-off", () => {
  it("a required department confirms no veto applies; the list shows every required department; one audit event, two round trips", async () => {
    const { applicationId } = await cityReviewApplication();
    const empty = await ok(signoffs(admin, applicationId));
    expect(empty).toEqual({
      applicationId,
      items: REQUIRED.map((department) => ({ department, verdict: null, reason: null, by: null, at: null })),
      missing: REQUIRED,
      vetoed: false,
    });
    await ok(signoffs(jijian, applicationId));
    const res = await signoff(jijian, applicationId, { verdict: "clear" });
    expect(roundTripsOf(res)).toBe(2);
    const body = await ok(Promise.resolve(res));
    expect(body.items[0]).toMatchObject({
      department: "纪检监察",
      verdict: "clear",
      reason: null,
      by: { id: expect.any(String), name: "纪检监察联络人" },
      at: expect.stringMatching(/Z$/),
    });
    expect(body.missing).toEqual(["综治", "安全生产"]);
    expect(body.vetoed).toBe(false);
    expect(await auditCount("signoff.record", applicationId)).toBe(1);
    // Both stages' results exist now, neither vetoed.
    expect(await resultsOf(applicationId)).toEqual([
      { stage: "city", vetoed: 0, aggregate: null },
      { stage: "province", vetoed: 0, aggregate: null },
    ]);
  });

  it("a veto needs a reason (400, nothing written); it vetoes both stages' results at once, and a later clear lifts it", async () => {
    const { roundId, applicationId } = await cityReviewApplication();
    const reviewer = await userIdOf("deyang@sichuan.demo");
    await insertForm({ roundId, applicationId, stage: "city", reviewerId: reviewer, total: 88 });
    const missing = await failure(signoff(zongzhi, applicationId, { verdict: "veto" }), 400);
    expect(missing.error.fields).toHaveProperty("reason");
    expect(await auditCount("signoff.record", applicationId)).toBe(0);
    expect(await resultsOf(applicationId)).toEqual([]);

    const vetoed = await ok(signoff(zongzhi, applicationId, { verdict: "veto", reason: "发生重大群体性事件" }));
    expect(vetoed).toMatchObject({ vetoed: true, missing: REQUIRED });
    expect(vetoed.items.find((i) => i.department === "综治")).toMatchObject({
      verdict: "veto",
      reason: "发生重大群体性事件",
    });
    expect(await resultsOf(applicationId)).toEqual([
      { stage: "city", vetoed: 1, aggregate: 88 },
      { stage: "province", vetoed: 1, aggregate: null },
    ]);
    // The same department (any of its accounts) changes its word: still one row per department.
    const cleared = await ok(signoff(zongzhi, applicationId, { verdict: "clear" }));
    expect(cleared).toMatchObject({ vetoed: false, missing: ["纪检监察", "安全生产"] });
    const rows = await env.DB.prepare("select count(*) n from signoffs where application_id = ?")
      .bind(applicationId)
      .first<{ n: number }>();
    expect(rows?.n).toBe(1);
    expect(await resultsOf(applicationId)).toEqual([
      { stage: "city", vetoed: 0, aggregate: 88 },
      { stage: "province", vetoed: 0, aggregate: null },
    ]);
    expect(await auditCount("signoff.record", applicationId)).toBe(2);
  });

  it("a department the round does not require gets 403; one whose scope does not cover the application 404", async () => {
    const { applicationId } = await cityReviewApplication();
    expect(await statusOf(signoff(huanjing, applicationId, { verdict: "clear" }))).toBe(403);
    expect(await statusOf(signoff(dazhouAnquan, applicationId, { verdict: "clear" }))).toBe(404);
    expect(await statusOf(signoffs(dazhouAnquan, applicationId))).toBe(404);
    expect(await auditCount("signoff.record", applicationId)).toBe(0);
  });

  it("a changed department takes effect on the account's very next request", async () => {
    const { applicationId } = await cityReviewApplication();
    expect(await statusOf(signoff(huanjing, applicationId, { verdict: "clear" }))).toBe(403);
    await env.DB.prepare(
      `update memberships set department = '安全生产' where department = '生态环境'
        and user_id in (select id from users where email like 'dept-%@dept.test')`,
    ).run();
    const now = await ok(signoff(huanjing, applicationId, { verdict: "clear" }));
    expect(now.items.find((i) => i.department === "安全生产")?.verdict).toBe("clear");
    await env.DB.prepare(
      `update memberships set department = '生态环境'
        where user_id = (select user_id from signoffs where application_id = ? and department = '安全生产')`,
    )
      .bind(applicationId)
      .run();
  });

  it("sign-offs are given in city review, provincial review and notice only (409 naming the phase)", async () => {
    const open = await roundIn(admin, "applications_open", { review: { signoffDepartments: REQUIRED } });
    const early = await unitApplication(open.id, PLACES.jingyang);
    expect((await failure(signoff(jijian, early.applicationId, { verdict: "clear" }), 409)).error.code).toBe(
      "round_applications_open",
    );
    let late = "";
    const province = await roundIn(
      admin,
      "province_review",
      { review: { signoffDepartments: REQUIRED } },
      async (roundId) => {
        late = (await unitApplication(roundId, PLACES.jingyang, { status: "city_recommended" })).applicationId;
      },
    );
    expect(province.id).toBeTruthy();
    await ok(signoff(jijian, late, { verdict: "veto", reason: "领导班子成员违纪" }));
  });

  it("readers: admin, reviewers and departments in scope; unit staff 403; another tenant or city 404; anonymous 401", async () => {
    const { applicationId } = await cityReviewApplication();
    for (const cookie of [admin, deyang, jijian, huanjing])
      expect(await statusOf(signoffs(cookie, applicationId))).toBe(200);
    expect(await statusOf(signoffs(staff, applicationId))).toBe(403);
    expect(await statusOf(signoffs(dazhou, applicationId))).toBe(404);
    expect(await statusOf(signoffs(hubeiAdmin, applicationId))).toBe(404);
    expect(await statusOf(signoffs("", applicationId))).toBe(401);
    expect(
      await statusOf(
        tenantApi(hubeiAdmin).applications[":id"].signoffs.$get({ param: { tenant: "hubei", id: applicationId } }),
      ),
    ).toBe(404);
    // Writers: only department accounts.
    for (const cookie of [admin, deyang, staff])
      expect(await statusOf(signoff(cookie, applicationId, { verdict: "clear" }))).toBe(403);
    expect(await statusOf(signoff("", applicationId, { verdict: "clear" }))).toBe(401);
    expect(await statusOf(signoff(hubeiAdmin, applicationId, { verdict: "clear" }))).toBe(404);
  });

  it("unknown fields and bad values answer 400 and record nothing", async () => {
    const { applicationId } = await cityReviewApplication();
    const path = `/api/t/${TENANT}/applications/${applicationId}/signoff`;
    // Plain requests: each body breaks the route's types on purpose.
    for (const body of [
      { verdict: "clear", department: "综治" },
      { verdict: "clear", userId: "someone" },
      { verdict: "veto", reason: "理由", applicationId: "x" },
      { verdict: "maybe" },
      {},
      { verdict: "veto", reason: "x".repeat(501) },
    ]) {
      const res = await callJson<{ error: { code: string } }>(path, { method: "PUT", body, cookie: jijian });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect(await auditCount("signoff.record", applicationId)).toBe(0);
    expect((await ok(signoffs(admin, applicationId))).items.every((i) => i.verdict === null)).toBe(true);
  });

  it("a failing statement in the sign-off's batch leaves neither the sign-off nor any result", async () => {
    const { roundId, applicationId } = await cityReviewApplication();
    const db = createDb(env.DB);
    const scope: Scope = {
      tenantId: "t-sichuan",
      tenantSlug: "sichuan",
      userId: await userIdOf("admin@sichuan.demo"),
      role: "department",
      jurisdictionPath: "/510000/",
      unitId: null,
      department: "纪检监察",
    };
    const ref = applicationRef(db, scope, applicationId);
    const target = { tenantId: "t-sichuan", roundId, applicationId };
    await expect(
      db.batch([
        signoffUpsert(db, scope, ref, roundId, { department: "纪检监察", verdict: "veto", reason: "测试" }),
        resultRefresh(db, target, "city", "trimmed"),
        resultRefresh(db, target, "province", "trimmed"),
        db.run(sql`insert into signoffs (id) values (null)`),
      ]),
    ).rejects.toThrow();
    expect(await resultsOf(applicationId)).toEqual([]);
    const rows = await env.DB.prepare("select count(*) n from signoffs where application_id = ?")
      .bind(applicationId)
      .first<{ n: number }>();
    expect(rows?.n).toBe(0);
  });
});
