import { env } from "cloudflare:workers";
import type { InferRequestType } from "hono/client";
import { newSessionToken, sessionIdFromToken } from "../../worker/domain/session-token.ts";
import { SESSION_COOKIE } from "../../worker/middleware/session.ts";
import { ok, tenantApi } from "./client.ts";
import { PLACES } from "./fixtures.ts";

// Rounds, applications and reviewers for the scoring tests (panels, forms, changes, results). Rounds and criteria
// systems go through the API; applications, phase moves and extra reviewer accounts are written straight into
// D1 where the API path would be long or is another helper's (applying needs a program per unit; leaving city
// review needs a decision per application) — each such helper says so.

export const TENANT = "sichuan";
export const TENANT_ID = "t-sichuan";

type Api = ReturnType<typeof tenantApi>;
export type NewSystem = InferRequestType<Api["criteria-systems"]["$post"]>["json"];
type RoundJson = InferRequestType<Api["rounds"]["$post"]>["json"];
export type SettingsInput = NonNullable<RoundJson["settings"]>;

/** The demo reviewers' user ids (db/seed/demo.ts). */
export const DEMO_REVIEWERS = {
  province: "user-province-sichuan-demo",
  deyang: "user-deyang-sichuan-demo",
  dazhou: "user-dazhou-sichuan-demo",
} as const;

let serial = 0;
/** An id unique within the test file. */
export const uid = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(serial++).toString(36)}`;

/**
 * A small scoring system: 25 base points over two categories (a points item and a graded one in A1, survey and
 * online items in A2), a bonus item capped at 2, a deduction item capped at 4, one veto rule.
 */
export const SMALL_SYSTEM: NewSystem = {
  name: "评分测试体系",
  version: 1,
  maxTotal: 25,
  categories: [
    {
      code: "A1",
      title: "组织领导",
      items: [
        { code: "A1.1", title: "创建规划", maxPoints: 4, method: "material" },
        {
          code: "A1.2",
          title: "宣传阵地",
          maxPoints: 6,
          method: "onsite",
          mode: "graded",
          grades: [
            { grade: "A", share: 1 },
            { grade: "B", share: 0.5 },
            { grade: "C", share: 0 },
          ],
        },
      ],
    },
    {
      code: "A2",
      title: "群众满意",
      items: [
        { code: "A2.1", title: "满意度调查", maxPoints: 10, method: "survey" },
        { code: "A2.2", title: "网上测评", maxPoints: 5, method: "online" },
      ],
    },
  ],
  bonusItems: [{ code: "B1", title: "创新加分", maxPoints: 3, method: "material" }],
  bonusCap: 2,
  deductionItems: [{ code: "C1", title: "负面扣分", maxPoints: 5, method: "material" }],
  deductionCap: 4,
  vetoRules: [{ id: "V1", text: "发生重大安全生产责任事故" }],
};

export interface ItemInput {
  itemCode: string;
  points?: number | null;
  grade?: string | null;
  comment?: string;
}

/** A complete form of SMALL_SYSTEM: every base item scored. */
export const fullItems = (a11 = 3, a12 = "A", a21 = 8, a22 = 4): ItemInput[] => [
  { itemCode: "A1.1", points: a11 },
  { itemCode: "A1.2", grade: a12 },
  { itemCode: "A2.1", points: a21 },
  { itemCode: "A2.2", points: a22 },
];

export async function createSystem(admin: string, system: NewSystem = SMALL_SYSTEM): Promise<string> {
  return (await ok(tenantApi(admin)["criteria-systems"].$post({ param: { tenant: TENANT }, json: system }), 201)).id;
}

/**
 * A round on `criteriaSystemId` created through the API, then moved straight in D1 to `phase` (the advance
 * route's checks and effects belong to another helper and are not what these tests are about).
 */
export async function scoringRound(
  admin: string,
  criteriaSystemId: string,
  phase: "applications_open" | "city_review" | "province_review" | "notice" = "city_review",
  settings: SettingsInput = {},
): Promise<string> {
  const created = await ok(
    tenantApi(admin).rounds.$post({
      param: { tenant: TENANT },
      json: {
        title: `评分测试评选${uid("r")}`,
        level: "city",
        kind: "selection",
        year: 2026,
        criteriaSystemId,
        settings,
      },
    }),
    201,
  );
  await setPhase(created.id, phase);
  return created.id;
}

/** Moves a round to a phase directly in D1 (test setup; see `scoringRound`). */
export async function setPhase(roundId: string, phase: string): Promise<void> {
  await env.DB.prepare("update rounds set phase = ?, version = version + 1 where id = ?").bind(phase, roundId).run();
}

/** Active units of the demo tenant under a jurisdiction path, by name. */
export async function unitsUnder(path: string, n: number): Promise<string[]> {
  const rows = await env.DB.prepare(
    "select id from units where tenant_id = ? and status = 'active' and jurisdiction_path >= ? and jurisdiction_path < ? order by name limit ?",
  )
    .bind(TENANT_ID, path, `${path}\uffff`, n)
    .all<{ id: string }>();
  return rows.results.map((r) => r.id);
}

/**
 * An application of `unitId` in the round, inserted straight into D1 with `status` (applying through the API
 * needs a published program and a staff account per unit).
 */
export async function insertApplication(roundId: string, unitId: string, status = "submitted"): Promise<string> {
  const id = uid("app");
  const now = new Date().toISOString();
  await env.DB.prepare(
    `insert into applications (id, tenant_id, round_id, unit_id, jurisdiction_path, channel, status, submitted_at, updated_at)
     select ?, tenant_id, ?, id, jurisdiction_path, 'city', ?, ?, ? from units where id = ?`,
  )
    .bind(id, roundId, status, now, now, unitId)
    .run();
  return id;
}

export interface TestReviewer {
  id: string;
  name: string;
  cookie: string;
}

/**
 * A reviewer account of the demo tenant at a jurisdiction (a city's node, or the province root), optionally
 * working in a unit (回避), with a session: users, memberships and sessions rows inserted straight into D1 so
 * that dozens can be made quickly (`POST people` + activation is what people.test.ts covers).
 */
export async function newReviewer(
  jurisdictionId: string = PLACES.deyang,
  options: { affiliationUnitId?: string; role?: "reviewer" | "department" | "tenant_admin"; name?: string } = {},
): Promise<TestReviewer> {
  const id = uid("user-reviewer");
  const name = options.name ?? `评审员${id.slice(-6)}`;
  const token = newSessionToken();
  const sessionId = await sessionIdFromToken(token);
  const expires = new Date(Date.now() + 6 * 3600_000).toISOString();
  await env.DB.batch([
    env.DB.prepare("insert into users (id, email, display_name, status) values (?, ?, ?, 'active')").bind(
      id,
      `${id}@review.test`,
      name,
    ),
    env.DB.prepare(
      `insert into memberships (id, user_id, tenant_id, role, jurisdiction_id, affiliation_unit_id, status)
       values (?, ?, ?, ?, ?, ?, 'active')`,
    ).bind(uid("m"), id, TENANT_ID, options.role ?? "reviewer", jurisdictionId, options.affiliationUnitId ?? null),
    env.DB.prepare("insert into sessions (id, user_id, expires_at) values (?, ?, ?)").bind(sessionId, id, expires),
  ]);
  return { id, name, cookie: `${SESSION_COOKIE}=${token}` };
}

/** Seats a reviewer on an application's panel straight in D1 (the panel routes are tested on their own). */
export async function seat(roundId: string, applicationId: string, stage: "city" | "province", reviewerId: string) {
  const now = new Date().toISOString();
  await env.DB.prepare(
    `insert into assignments (id, tenant_id, round_id, application_id, stage, reviewer_user_id, status, created_by, updated_at)
     values (?, ?, ?, ?, ?, ?, 'active', 'test', ?)`,
  )
    .bind(uid("seat"), TENANT_ID, roundId, applicationId, stage, reviewerId, now)
    .run();
}

/** The stored result row of an application at a stage, parsed. */
export async function storedResult(applicationId: string, stage: "city" | "province") {
  const row = await env.DB.prepare("select * from application_results where application_id = ? and stage = ?")
    .bind(applicationId, stage)
    .first<{ reviewer_totals: string; reviewers: number; aggregate: number | null; vetoed: number; onsite: number }>();
  return row ? { ...row, reviewerTotals: JSON.parse(row.reviewer_totals) as number[] } : null;
}

/** Audit events of an action on a target, counted. */
export async function auditCount(action: string, targetId: string): Promise<number> {
  const row = await env.DB.prepare("select count(*) n from audit_events where action = ? and target_id = ?")
    .bind(action, targetId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}
