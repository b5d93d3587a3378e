import { env } from "cloudflare:workers";
import { createDb } from "../../worker/data/db.ts";
import { fillNameInitials } from "../../worker/data/name-initials.ts";
import { nameInitials } from "../../worker/domain/name-initials.ts";
import type { TitleLevel } from "../../worker/domain/vocabulary.ts";

/** The demo offices' tenant ids (db/seed/demo.ts). */
export const TENANT = { sichuan: "t-sichuan", hubei: "t-hubei" } as const;

/** A client address per test, so each starts with its own rate-limit counters. */
let addresses = 0;
export const freshAddress = () => `203.0.113.${++addresses}`;

/** Every unit's pinyin initials, as the scheduled upkeep fills them (seeded rows may predate the column). */
export async function fillInitials(): Promise<void> {
  await fillNameInitials(createDb(env.DB), 100_000);
}

/** A new unit of the office in the given city (its id is returned), named as told. */
export async function insertUnit(tenant: keyof typeof TENANT, name: string, cityCode: string): Promise<string> {
  const id = `${tenant}-u-public-${crypto.randomUUID().slice(0, 8)}`;
  const jurisdiction = `${tenant}-j-${cityCode}`;
  const place = await env.DB.prepare("select path from jurisdictions where id = ?")
    .bind(jurisdiction)
    .first<{ path: string }>();
  const sector = await env.DB.prepare("select id from sectors where tenant_id = ? order by sort limit 1")
    .bind(TENANT[tenant])
    .first<{ id: string }>();
  await env.DB.prepare(
    `insert into units (id, tenant_id, jurisdiction_id, jurisdiction_path, city_id, sector_id, name, name_initials, status)
     values (?, ?, ?, ?, ?, ?, ?, ?, 'active')`,
  )
    .bind(
      id,
      TENANT[tenant],
      jurisdiction,
      place?.path ?? "/",
      jurisdiction,
      sector?.id ?? null,
      name,
      nameInitials(name),
    )
    .run();
  return id;
}

export interface TitleRow {
  unitId: string;
  level: TitleLevel;
  termStartYear: number;
  termEndYear?: number;
  validUntil?: string;
  status?: "active" | "warned" | "revoked" | "lapsed";
  publicReason?: string | null;
  warningDeadline?: string | null;
}

/** A title inserted directly (named on 28 December of the year before its term), with its "named" history row. */
export async function insertTitle(tenant: keyof typeof TENANT, title: TitleRow): Promise<string> {
  const id = crypto.randomUUID();
  const end = title.termEndYear ?? title.termStartYear + 2;
  const namedOn = `${title.termStartYear - 1}-12-28`;
  await env.DB.batch([
    env.DB.prepare(
      `insert into awards (id, tenant_id, unit_id, level, term_start_year, term_end_year, named_on, valid_until, status,
         document_ref, warning_deadline, public_reason, created_by)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'test')`,
    ).bind(
      id,
      TENANT[tenant],
      title.unitId,
      title.level,
      title.termStartYear,
      end,
      namedOn,
      title.validUntil ?? `${end}-12-31`,
      title.status ?? "active",
      `测试文明委〔${title.termStartYear - 1}〕1号`,
      title.warningDeadline ?? null,
      title.publicReason ?? null,
    ),
    env.DB.prepare(
      `insert into award_events (id, tenant_id, award_id, unit_id, kind, reason, effective_on, actor_user_id)
       values (?, ?, ?, ?, 'named', '内部：评审记录', ?, 'test')`,
    ).bind(crypto.randomUUID(), TENANT[tenant], id, title.unitId, namedOn),
  ]);
  return id;
}

/** What the office's writes do to the public version: the next public read misses the cache. */
export async function bumpVersion(tenant: keyof typeof TENANT): Promise<void> {
  await env.DB.prepare("update tenants set public_version = public_version + 1 where id = ?")
    .bind(TENANT[tenant])
    .run();
}

export interface NoticeFixture {
  roundId: string;
  entries: Array<{ entryId: string; unitId: string }>;
}

/**
 * A round on notice with a published notice listing these units (in this order), inserted directly: the
 * window runs from `startsAt` to `endsAt` (UTC instants; default: opened an hour ago, closes in a day). Like
 * publishing, it bumps the office's public version.
 */
export async function insertNotice(
  tenant: keyof typeof TENANT,
  unitIds: string[],
  window: { startsAt?: string; endsAt?: string; phase?: "notice" | "named" } = {},
): Promise<NoticeFixture> {
  const tenantId = TENANT[tenant];
  const now = Date.now();
  const startsAt = window.startsAt ?? new Date(now - 3_600_000).toISOString();
  const endsAt = window.endsAt ?? new Date(now + 86_400_000).toISOString();
  const beijingDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
  const roundId = crypto.randomUUID();
  const noticeId = crypto.randomUUID();
  const statements = [
    env.DB.prepare(
      `insert into rounds (id, tenant_id, title, level, kind, year, criteria_system_id, phase, settings)
       values (?, ?, '2026年度市级文明单位评选', 'city', 'selection', 2026, ?, ?, '{}')`,
    ).bind(roundId, tenantId, `${tenant}-criteria-2026`, window.phase ?? "notice"),
    env.DB.prepare(
      `insert into notices (id, tenant_id, round_id, title, starts_on, ends_on, starts_at, ends_at, contact, issuer, created_by)
       values (?, ?, ?, '2026年度市级文明单位拟命名名单公示', ?, ?, ?, ?, '电话 028-12345678', '测试市文明办', 'test')`,
    ).bind(noticeId, tenantId, roundId, beijingDay(startsAt), beijingDay(endsAt), startsAt, endsAt),
  ];
  const entries = unitIds.map((unitId) => ({
    entryId: crypto.randomUUID(),
    unitId,
    applicationId: crypto.randomUUID(),
  }));
  for (const [position, e] of entries.entries()) {
    statements.push(
      env.DB.prepare(
        `insert into applications (id, tenant_id, round_id, unit_id, jurisdiction_path, channel, status, updated_at)
         select ?, tenant_id, ?, id, jurisdiction_path, 'city', 'on_notice', '2026-01-01T00:00:00Z' from units where id = ?`,
      ).bind(e.applicationId, roundId, e.unitId),
      env.DB.prepare(
        `insert into notice_entries (id, tenant_id, notice_id, round_id, application_id, unit_id, position)
         values (?, ?, ?, ?, ?, ?, ?)`,
      ).bind(e.entryId, tenantId, noticeId, roundId, e.applicationId, e.unitId, position + 1),
    );
  }
  // As publishing does: the office's public reads are retired.
  statements.push(env.DB.prepare("update tenants set public_version = public_version + 1 where id = ?").bind(tenantId));
  await env.DB.batch(statements);
  return { roundId, entries: entries.map(({ entryId, unitId }) => ({ entryId, unitId })) };
}
