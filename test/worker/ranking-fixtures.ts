import { env } from "cloudflare:workers";
import type { InferRequestType } from "hono/client";
import { activate, ok, tenantApi } from "./client.ts";

// Rounds, units, applications and results for the decision, sign-off, phase, ranking and to-do tests.
// Scores and results are written straight into D1 (the score-form routes are another helper's; these tests are
// about what is done with results, not how forms make them), through `env.DB` and never through a route.

export const TENANT = "sichuan";
export const TENANT_ID = "t-sichuan";
export const DEMO_CRITERIA = "sichuan-criteria-2026";

type RoundJson = InferRequestType<ReturnType<typeof tenantApi>["rounds"]["$post"]>["json"];
export type SettingsInput = NonNullable<RoundJson["settings"]>;

const nowIso = () => new Date().toISOString();
let serial = 0;
/** An id unique within the test file. */
export const uid = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(serial++).toString(36)}`;

/** A round created by the admin and moved on to `phase` (its applications are inserted on the way). */
export async function roundIn(
  admin: string,
  phase: "applications_open" | "city_review" | "province_review",
  settings: SettingsInput = {},
  beforeCityReview: (roundId: string) => Promise<void> = async () => {},
): Promise<{ id: string; version: number }> {
  const created = await ok(
    tenantApi(admin).rounds.$post({
      param: { tenant: TENANT },
      json: {
        title: `测试评选${uid("r")}`,
        level: "city",
        kind: "selection",
        year: 2026,
        criteriaSystemId: DEMO_CRITERIA,
        settings,
      },
    }),
    201,
  );
  let round = { id: created.id, version: created.version };
  const advance = async () => {
    const moved = await ok(
      tenantApi(admin).rounds[":id"].advance.$post({
        param: { tenant: TENANT, id: round.id },
        json: { version: round.version },
      }),
    );
    round = { id: moved.id, version: moved.version };
  };
  await advance();
  if (phase === "applications_open") return round;
  await beforeCityReview(round.id);
  await advance();
  if (phase === "city_review") return round;
  // Leaving city review needs every submitted application decided: the caller's inserted ones are.
  await advance();
  return round;
}

/** The current version and phase of a round, read straight from D1. */
export async function roundRow(id: string) {
  const row = await env.DB.prepare("select version, phase, settings from rounds where id = ?")
    .bind(id)
    .first<{ version: number; phase: string; settings: string }>();
  if (!row) throw new Error(`no round ${id}`);
  return row;
}

interface PlaceRow {
  id: string;
  path: string;
  city_id: string | null;
}

async function placeOf(jurisdictionId: string): Promise<PlaceRow> {
  const row = await env.DB.prepare("select id, path, city_id from jurisdictions where id = ?")
    .bind(jurisdictionId)
    .first<PlaceRow>();
  if (!row) throw new Error(`no jurisdiction ${jurisdictionId}`);
  return row;
}

/** An approved unit of 四川 under `jurisdictionId`. */
export async function insertUnit(options: {
  jurisdictionId: string;
  name?: string;
  sectorId?: string | null;
  kindId?: string | null;
  id?: string;
}): Promise<string> {
  const place = await placeOf(options.jurisdictionId);
  const id = options.id ?? uid("unit");
  await env.DB.prepare(
    `insert into units (id, tenant_id, jurisdiction_id, jurisdiction_path, city_id, sector_id, kind_id, name, status)
     values (?, ?, ?, ?, ?, ?, ?, ?, 'active')`,
  )
    .bind(
      id,
      TENANT_ID,
      place.id,
      place.path,
      place.city_id,
      options.sectorId === undefined ? "sichuan-sector-culture" : options.sectorId,
      options.kindId === undefined ? "sichuan-kind-institution" : options.kindId,
      options.name ?? `测试单位${id}`,
    )
    .run();
  return id;
}

/** An application of `unitId` in the round, at `status` (submitted unless told). */
export async function insertApplication(options: {
  roundId: string;
  unitId: string;
  status?: string;
  channel?: "city" | "sector";
  channelSectorId?: string | null;
  submittedAt?: string | null;
  id?: string;
}): Promise<string> {
  const unit = await env.DB.prepare("select jurisdiction_path from units where id = ?")
    .bind(options.unitId)
    .first<{ jurisdiction_path: string }>();
  if (!unit) throw new Error(`no unit ${options.unitId}`);
  const id = options.id ?? uid("app");
  const status = options.status ?? "submitted";
  await env.DB.prepare(
    `insert into applications (id, tenant_id, round_id, unit_id, jurisdiction_path, channel, channel_sector_id, status,
       submitted_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
    .bind(
      id,
      TENANT_ID,
      options.roundId,
      options.unitId,
      unit.jurisdiction_path,
      options.channel ?? "city",
      options.channelSectorId ?? null,
      status,
      options.submittedAt === undefined ? (status === "draft" ? null : nowIso()) : options.submittedAt,
      nowIso(),
    )
    .run();
  return id;
}

/** A unit under `jurisdictionId` and its application in the round. */
export async function unitApplication(
  roundId: string,
  jurisdictionId: string,
  options: Omit<Parameters<typeof insertApplication>[0], "roundId" | "unitId"> & {
    sectorId?: string | null;
    name?: string;
  } = {},
): Promise<{ unitId: string; applicationId: string }> {
  const { sectorId, name, ...app } = options;
  const unitId = await insertUnit({ jurisdictionId, sectorId, name });
  return { unitId, applicationId: await insertApplication({ roundId, unitId, ...app }) };
}

export interface ResultRow {
  applicationId: string;
  roundId: string;
  stage: "city" | "province";
  totals?: number[];
  aggregate: number | null;
  extraPoints?: number;
  onsite?: number;
  material?: number;
  survey?: number;
  online?: number;
  firstCategory?: number;
  deduction?: number;
  vetoed?: boolean;
}

/** An application_results row as the form batches would keep it (insert or replace). */
export async function putResult(r: ResultRow): Promise<void> {
  const totals = [...(r.totals ?? (r.aggregate === null ? [] : [r.aggregate]))].sort((a, b) => a - b);
  await env.DB.prepare(
    `insert or replace into application_results (application_id, stage, tenant_id, round_id, reviewer_totals, reviewers,
       aggregate, extra_points, onsite, material, survey, online, first_category, deduction, vetoed, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
    .bind(
      r.applicationId,
      r.stage,
      TENANT_ID,
      r.roundId,
      JSON.stringify(totals),
      totals.length,
      r.aggregate,
      r.extraPoints ?? 0,
      r.onsite ?? 0,
      r.material ?? 0,
      r.survey ?? 0,
      r.online ?? 0,
      r.firstCategory ?? 0,
      r.deduction ?? 0,
      r.vetoed ? 1 : 0,
      nowIso(),
    )
    .run();
}

/** The id of a demo account's user. */
export async function userIdOf(email: string): Promise<string> {
  const row = await env.DB.prepare("select id from users where email = ?").bind(email).first<{ id: string }>();
  if (!row) throw new Error(`no user ${email}`);
  return row.id;
}

/** A reviewer's seat on an application's panel at a stage. */
export async function insertAssignment(options: {
  roundId: string;
  applicationId: string;
  stage: "city" | "province";
  reviewerId: string;
  status?: "active" | "removed" | "exempt";
}): Promise<void> {
  await env.DB.prepare(
    `insert into assignments (id, tenant_id, round_id, application_id, stage, reviewer_user_id, status, created_by,
       updated_at) values (?, ?, ?, ?, ?, ?, ?, 'test', ?)`,
  )
    .bind(
      uid("seat"),
      TENANT_ID,
      options.roundId,
      options.applicationId,
      options.stage,
      options.reviewerId,
      options.status ?? "active",
      nowIso(),
    )
    .run();
}

/** A reviewer's form with its scores (item code → points or grade), draft or submitted, totals as given. */
export async function insertForm(options: {
  roundId: string;
  applicationId: string;
  stage: "city" | "province";
  reviewerId: string;
  status?: "draft" | "submitted";
  total?: number;
  deduction?: number;
  subtotals?: { methods?: Record<string, number>; categories?: Record<string, number> };
  vetoFindings?: Array<{ ruleId: string; reason: string }>;
  scores?: Array<{ itemCode: string; points?: number | null; grade?: string | null }>;
}): Promise<string> {
  const id = uid("form");
  const status = options.status ?? "submitted";
  await env.DB.prepare(
    `insert into score_forms (id, tenant_id, round_id, application_id, stage, reviewer_user_id, status, total, deduction,
       subtotals, veto_findings, submitted_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
    .bind(
      id,
      TENANT_ID,
      options.roundId,
      options.applicationId,
      options.stage,
      options.reviewerId,
      status,
      options.total ?? 0,
      options.deduction ?? 0,
      JSON.stringify({ methods: {}, categories: {}, ...options.subtotals }),
      JSON.stringify(options.vetoFindings ?? []),
      status === "submitted" ? nowIso() : null,
      nowIso(),
    )
    .run();
  for (const s of options.scores ?? []) {
    await env.DB.prepare(
      "insert into scores (form_id, tenant_id, application_id, item_code, points, grade) values (?, ?, ?, ?, ?, ?)",
    )
      .bind(id, TENANT_ID, options.applicationId, s.itemCode, s.points ?? null, s.grade ?? null)
      .run();
  }
  return id;
}

/** A department account (部门会签) of 四川 with its scope and department, signed in. */
export async function departmentAccount(
  admin: string,
  department: string,
  jurisdictionId = "sichuan-j-510000",
): Promise<string> {
  const created = await ok(
    tenantApi(admin).people.$post({
      param: { tenant: TENANT },
      json: {
        email: `${uid("dept")}@dept.test`,
        displayName: `${department}联络人`,
        role: "department",
        jurisdictionId,
        department,
      },
    }),
    201,
  );
  return activate(created.activationLink, "a-good-long-passphrase");
}

/** An application's status, version and decision reason, read straight from D1. */
export async function applicationRow(id: string) {
  const row = await env.DB.prepare("select status, version, decision_reason from applications where id = ?")
    .bind(id)
    .first<{ status: string; version: number; decision_reason: string | null }>();
  if (!row) throw new Error(`no application ${id}`);
  return row;
}

/** Audit events of an action on a target. */
export async function auditCount(action: string, targetId: string): Promise<number> {
  const row = await env.DB.prepare("select count(*) n from audit_events where action = ? and target_id = ?")
    .bind(action, targetId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}
