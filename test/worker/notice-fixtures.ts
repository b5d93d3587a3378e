import { env } from "cloudflare:workers";
import type { Scope } from "../../worker/data/scope.ts";
import { ok, tenantApi } from "./client.ts";
import { DEMO } from "./fixtures.ts";
import {
  putResult,
  roundIn,
  type SettingsInput,
  TENANT,
  TENANT_ID,
  uid,
  unitApplication,
  userIdOf,
} from "./ranking-fixtures.ts";

// Rounds ready for notice (provincial review, every recommended application with its result) and objections,
// for the notice, objection and naming tests. Objections are inserted straight into D1 through `env.DB`: these
// tests are about how the office handles them, not how the public lodges them.

export interface PlannedApplication {
  place: string;
  aggregate: number | null;
  vetoed?: boolean;
  /** Department → verdict; departments not named have not signed off. */
  signoffs?: Record<string, "clear" | "veto">;
  name?: string;
}

export interface ReadyRound {
  id: string;
  version: number;
  apps: Array<{ applicationId: string; unitId: string }>;
}

/** A round in provincial review whose applications (city recommended) all have their provincial result. */
export async function roundReadyForNotice(
  admin: string,
  planned: PlannedApplication[],
  settings: SettingsInput = {},
): Promise<ReadyRound> {
  const apps: ReadyRound["apps"] = [];
  const round = await roundIn(admin, "province_review", settings, async (roundId) => {
    for (const p of planned)
      apps.push(await unitApplication(roundId, p.place, { status: "city_recommended", name: p.name }));
  });
  const signer = await userIdOf(DEMO.sichuanAdmin);
  for (const [i, p] of planned.entries()) {
    const { applicationId } = apps[i] as ReadyRound["apps"][number];
    await putResult({
      applicationId,
      roundId: round.id,
      stage: "province",
      aggregate: p.aggregate,
      vetoed: p.vetoed ?? false,
    });
    for (const [department, verdict] of Object.entries(p.signoffs ?? {})) {
      await env.DB.prepare(
        `insert into signoffs (id, tenant_id, round_id, application_id, department, user_id, verdict, reason, version,
           created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
      )
        .bind(
          uid("so"),
          TENANT_ID,
          round.id,
          applicationId,
          department,
          signer,
          verdict,
          verdict === "veto" ? "测试否决" : null,
          new Date().toISOString(),
          new Date().toISOString(),
        )
        .run();
    }
  }
  return { ...round, apps };
}

export const CONTACT = "联系电话：028-86000000";

export const publish = (
  cookie: string,
  roundId: string,
  json: { version: number; contact?: string; startsOn?: string; title?: string },
  tenant = TENANT,
) =>
  tenantApi(cookie).rounds[":id"].notice.$post({
    param: { tenant, id: roundId },
    json: { contact: CONTACT, ...json },
  });

export const readNotice = (cookie: string, roundId: string, tenant = TENANT) =>
  tenantApi(cookie).rounds[":id"].notice.$get({ param: { tenant, id: roundId } });

/** Publishes the round's notice as `admin` (starting today) and returns its view. */
export async function published(admin: string, round: { id: string; version: number }) {
  return ok(publish(admin, round.id, { version: round.version }));
}

/** The notice's window made to have ended, straight in D1 (as if its last day had passed). */
export async function endWindow(roundId: string): Promise<void> {
  await env.DB.prepare(
    "update notices set ends_on = '2000-01-01', ends_at = '2000-01-01T16:00:00.000Z' where round_id = ?",
  )
    .bind(roundId)
    .run();
}

/** An objection on an entry, as the public form would have stored it (received). */
export async function insertObjection(entryId: string, text = "该单位存在违规行为"): Promise<string> {
  const entry = await env.DB.prepare("select tenant_id, round_id from notice_entries where id = ?")
    .bind(entryId)
    .first<{ tenant_id: string; round_id: string }>();
  if (!entry) throw new Error(`no entry ${entryId}`);
  const id = uid("obj");
  await env.DB.prepare(
    `insert into objections (id, tenant_id, round_id, entry_id, reference, text, name, contact, fingerprint, status,
       notes, lodged_at, version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'received', '', ?, 1)`,
  )
    .bind(
      id,
      entry.tenant_id,
      entry.round_id,
      entryId,
      `26-${id.slice(-10).toUpperCase().padStart(10, "0")}`,
      text,
      "张三",
      "13800000000",
      id,
      new Date().toISOString(),
    )
    .run();
  return id;
}

export async function rowOf<T>(query: string, ...binds: unknown[]): Promise<T> {
  const row = await env.DB.prepare(query)
    .bind(...binds)
    .first<T>();
  if (!row) throw new Error(`no row: ${query}`);
  return row;
}

export async function publicVersion(): Promise<number> {
  return (await rowOf<{ v: number }>("select public_version v from tenants where id = ?", TENANT_ID)).v;
}

/** A notice on the round listing one application, and an objection on that entry, straight in D1. */
export async function noticedObjection(roundId: string, applicationId: string): Promise<string> {
  const noticeId = uid("notice");
  const entryId = uid("entry");
  await env.DB.batch([
    env.DB.prepare(
      `insert into notices (id, tenant_id, round_id, title, starts_on, ends_on, starts_at, ends_at, contact, issuer,
         created_by) select ?, tenant_id, id, '测试公示', '2026-01-01', '2099-12-31', '2025-12-31T16:00:00.000Z',
         '2099-12-31T16:00:00.000Z', '电话 028-12345678', '测试文明办', 'test' from rounds where id = ?`,
    ).bind(noticeId, roundId),
    env.DB.prepare(
      `insert into notice_entries (id, tenant_id, notice_id, round_id, application_id, unit_id, position)
         select ?, tenant_id, ?, round_id, id, unit_id, 1 from applications where id = ?`,
    ).bind(entryId, noticeId, applicationId),
  ]);
  return insertObjection(entryId);
}

/** The demo office's admin as the data layer sees them, for tests that build a write's batch by hand. */
export async function adminScope(): Promise<Scope> {
  return {
    tenantId: TENANT_ID,
    tenantSlug: TENANT,
    userId: await userIdOf(DEMO.sichuanAdmin),
    role: "tenant_admin",
    jurisdictionPath: "/510000/",
    unitId: null,
    department: null,
  };
}
