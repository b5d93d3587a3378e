import { and, count, desc, eq, isNotNull, isNull, type SQL, sql } from "drizzle-orm";
import type { BatchItem, BatchResponse } from "drizzle-orm/batch";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import {
  applications,
  auditEvents,
  awards,
  criteriaSystems,
  memberships,
  noticeEntries,
  objections,
  programs,
  records,
  rounds,
  tenants,
  units,
  users,
} from "../../db/schema.ts";
import type { AuditAction } from "../domain/audit-actions.ts";
import {
  type AuditFields,
  type ChainCheck,
  checkChain,
  GENESIS,
  linkEvents,
  type StoredAuditEvent,
  stateDigest,
} from "../domain/audit-chain.ts";
import { createDb, type Db, newId, nowIso } from "./db.ts";
import { pageTotal } from "./page-total.ts";
import { RequestD1 } from "./request-d1.ts";
import { isUniqueViolation } from "./unique-violation.ts";

export interface AuditEvent {
  tenantId: string | null;
  actorUserId: string | null;
  actorRole: string | null;
  action: AuditAction;
  targetType: string;
  targetId: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/** Who acts: a tenant request's scope fits as it is; sign-in, activation and the platform admin name theirs. */
export interface AuditActor {
  tenantId: string | null;
  userId: string | null;
  role: string | null;
}

/** Someone acting on their own account (sign-in, password, sessions): outside any tenant, in no role. */
export function accountActor(userId: string | null): AuditActor {
  return { tenantId: null, userId, role: null };
}

/** The platform admin acting on one office. */
export function platformActor(tenantId: string, userId: string): AuditActor {
  return { tenantId, userId, role: "platform_admin" };
}

/** What happened, to what, and the state it changed. */
export type AuditDetails = Omit<AuditEvent, "tenantId" | "actorUserId" | "actorRole">;

/** The audit event of an action, taken by the actor (usually the request's scope). */
export function auditEvent(actor: AuditActor, details: AuditDetails): AuditEvent {
  return { tenantId: actor.tenantId, actorUserId: actor.userId, actorRole: actor.role, ...details };
}

const PLATFORM_CHAIN = "platform";

/** The chain an event extends: its tenant's, or the platform's for sign-ins and platform actions. */
export const chainOf = (event: { tenantId: string | null }) => event.tenantId ?? PLATFORM_CHAIN;

/*
 * Append, then sequence (as Certificate Transparency logs and Trillian do). A write appends its event
 * unsealed (seq, prev_hash and hash null) in the write's own batch: it reads no chain head and cannot
 * conflict with other writers, however many write at once. Sealing later links a chain's unsealed events
 * in insertion (rowid) order: seq = previous seq + 1, prev_hash = previous hash, hash over fields and
 * prev_hash. Verification (`checkChain`) then covers every sealed event; unsealed ones are reported.
 */

// Wrapped in an object: a query builder is thenable, so returning it bare from an async function would run it.
async function auditInsert(
  db: Db,
  event: AuditEvent,
  onlyIfChanged: boolean,
): Promise<{ statement: BatchItem<"sqlite"> }> {
  const fields: AuditFields = {
    id: newId(),
    chain: chainOf(event),
    tenantId: event.tenantId,
    actorUserId: event.actorUserId,
    actorRole: event.actorRole,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    beforeDigest: await stateDigest(event.before),
    afterDigest: await stateDigest(event.after),
    reason: event.reason ?? null,
    createdAt: nowIso(),
  };
  if (!onlyIfChanged) return { statement: db.insert(auditEvents).values(fields) };
  // `changes()` counts the rows the previous statement of the batch changed: a guarded update that
  // matched nothing (a stale version) records no event, and the caller sees that nothing happened.
  const f = fields;
  return {
    // With raw SQL, drizzle lists the table's columns in schema order: the select follows that order
    // (seq, prev_hash and hash are null: the event is sealed later).
    statement: db.insert(auditEvents).select(sql`select ${f.id}, ${f.chain}, ${f.tenantId}, ${f.actorUserId},
        ${f.actorRole}, ${f.action}, ${f.targetType}, ${f.targetId}, ${f.beforeDigest}, ${f.afterDigest},
        ${f.reason}, null, null, null, ${f.createdAt}
      where changes() > 0`),
  };
}

export interface AuditedOptions {
  /**
   * An update guarded by a version (or other) condition: it runs after `statements`, the event is
   * written only if it changed a row, and `after` statements should carry the same condition.
   */
  guard?: BatchItem<"sqlite">;
  after?: BatchItem<"sqlite">[];
}

/**
 * Runs a mutation's statements and its one audit event as a single atomic batch, and tells whether the
 * mutation happened (false only when a guard matched nothing). The event is appended unsealed, so the
 * batch never conflicts with other writers of the chain; it is sealed after the response.
 */
export async function runAudited(
  db: Db,
  statements: BatchItem<"sqlite">[],
  event: AuditEvent,
  options: AuditedOptions = {},
): Promise<boolean> {
  return (await runAuditedThenRead(db, statements, event, options, [])).applied;
}

/**
 * `runAudited`, with reads at the end of the same batch: they see the state the write left (or, when a
 * guard matched nothing, the current state), so answering a write costs no round trip of its own.
 */
export async function runAuditedThenRead<R extends readonly BatchItem<"sqlite">[]>(
  db: Db,
  statements: BatchItem<"sqlite">[],
  event: AuditEvent,
  options: AuditedOptions,
  reads: R,
): Promise<{ applied: boolean; read: BatchResponse<R> }> {
  const audit = await auditInsert(db, event, options.guard !== undefined);
  const writes = [...statements, ...(options.guard ? [options.guard] : []), audit.statement, ...(options.after ?? [])];
  const items: BatchItem<"sqlite">[] = [...writes, ...reads];
  const results = await db.batch(items as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
  const auditResult = results[statements.length + (options.guard ? 1 : 0)] as D1Result | undefined;
  const applied = options.guard ? (auditResult?.meta.changes ?? 0) > 0 : true;
  if (applied) sealSoon(db, chainOf(event));
  return { applied, read: results.slice(writes.length) as BatchResponse<R> };
}

/** Events one sealing pass links: bounded, so a backlog never makes one read or statement huge. */
const SEAL_BATCH = 500;
/** Passes that may meet another sealer's different links (never expected; see `sealChain`) before giving up. */
const MAX_SEAL_CONFLICTS = 5;

const sealedLink = { seq: auditEvents.seq, hash: auditEvents.hash };
const eventFields = {
  id: auditEvents.id,
  chain: auditEvents.chain,
  tenantId: auditEvents.tenantId,
  actorUserId: auditEvents.actorUserId,
  actorRole: auditEvents.actorRole,
  action: auditEvents.action,
  targetType: auditEvents.targetType,
  targetId: auditEvents.targetId,
  beforeDigest: auditEvents.beforeDigest,
  afterDigest: auditEvents.afterDigest,
  reason: auditEvents.reason,
  createdAt: auditEvents.createdAt,
};

/**
 * Seals every event of `chain` appended so far (and perhaps some appended meanwhile); returns how many
 * events this call sealed. Each pass is one read (the last sealed event and the next unsealed ones, in one
 * batch, so one snapshot) and one update of the links computed here.
 *
 * Why the sealed events are always a prefix of the chain in rowid order: D1 runs one transaction at a time,
 * and SQLite gives a new row a rowid above every existing one (audit events are never deleted), so an
 * event committed after a read has a rowid above everything that read saw. A pass seals the lowest-rowid
 * unsealed events right after the last sealed one, in one atomic statement; nothing it did not see can
 * slot in before them. By induction the sealed set stays a prefix, and each event's link is a function of
 * the chain's contents alone (its rank in rowid order, the hash of its predecessor).
 *
 * Why racing sealers are harmless: each computes those same links, and the update only touches events
 * whose seq is still null, so a sealer that lost the race writes nothing (or the same values). Should a
 * pass ever meet a different link (the unique (chain, seq) index refuses it), another sealer got there
 * first: the pass reads again.
 */
export async function sealChain(db: Db, chain: string): Promise<number> {
  let sealed = 0;
  for (let conflicts = 0; ; ) {
    const [last, pending] = await db.batch([
      db
        .select(sealedLink)
        .from(auditEvents)
        .where(and(eq(auditEvents.chain, chain), isNotNull(auditEvents.seq)))
        .orderBy(desc(auditEvents.seq))
        .limit(1),
      db
        .select(eventFields)
        .from(auditEvents)
        .where(and(eq(auditEvents.chain, chain), isNull(auditEvents.seq)))
        .orderBy(sql`rowid`)
        .limit(SEAL_BATCH),
    ]);
    if (pending.length === 0) return sealed;
    const head = last[0];
    const links = await linkEvents(head?.seq != null ? { seq: head.seq, hash: head.hash ?? GENESIS } : null, pending);
    try {
      const result = await db.run(sql`update ${auditEvents}
          set seq = json_extract(link.value, '$.seq'), prev_hash = json_extract(link.value, '$.prevHash'),
            hash = json_extract(link.value, '$.hash')
          from json_each(${JSON.stringify(links)}) as link
          where ${auditEvents.id} = json_extract(link.value, '$.id') and ${auditEvents.seq} is null`);
      sealed += result.meta.changes ?? 0;
    } catch (error) {
      if (!isUniqueViolation(error, "audit_events.chain, audit_events.seq") || ++conflicts >= MAX_SEAL_CONFLICTS)
        throw error;
      continue;
    }
    // A short pass saw the whole backlog; whatever was appended since, the next sealing run takes.
    if (pending.length < SEAL_BATCH) return sealed;
  }
}

/**
 * One background sealer per chain per isolate: a write that finds one running asks it to run once more
 * (it may have read before this write's event committed) instead of starting its own.
 */
const sealers = new Map<string, { again: boolean; since: number }>();
/** A sealer older than this is presumed dead (its request was cancelled mid-way) and no longer waited on. */
const SEALER_STALE_MS = 30_000;

async function sealInBackground(db: Db, chain: string): Promise<void> {
  const running = sealers.get(chain);
  if (running && Date.now() - running.since < SEALER_STALE_MS) {
    running.again = true;
    return;
  }
  const state = { again: false, since: Date.now() };
  sealers.set(chain, state);
  try {
    do {
      state.again = false;
      await sealChain(db, chain);
    } while (state.again);
  } catch (error) {
    // Nothing is lost: the events stay unsealed until the next write or read of the chain seals them.
    console.error("sealing the audit chain failed", chain, error);
  } finally {
    if (sealers.get(chain) === state) sealers.delete(chain);
  }
}

/**
 * Seals the chain after the response, off the request's round trips: on the bare D1 binding (not the
 * request's counting view), handed to the execution context's `waitUntil` by the request's D1 view.
 * Outside a request (seeding, tests calling data functions) nothing is scheduled: reading the chain
 * through `sealedChain` or the history seals first.
 */
function sealSoon(db: Db, chain: string): void {
  const request = RequestD1.of(db.$client);
  if (!request) return;
  request.afterResponse(`audit:${chain}`, () => sealInBackground(createDb(request.d1), chain));
}

/** A chain sealed first, then read in seq order, with its check: what a verifier looks at. */
export async function sealedChain(db: Db, chain: string): Promise<{ events: StoredAuditEvent[]; check: ChainCheck }> {
  await sealChain(db, chain);
  const events = await db
    .select({ ...eventFields, seq: auditEvents.seq, prevHash: auditEvents.prevHash, hash: auditEvents.hash })
    .from(auditEvents)
    .where(eq(auditEvents.chain, chain))
    .orderBy(sql`${auditEvents.seq} is null`, auditEvents.seq, sql`rowid`);
  return { events, check: await checkChain(events) };
}

/**
 * What an event's target is called, by target type: a name people recognise instead of an id. Each is a
 * primary-key lookup within the tenant, so a page of events costs its own statement and no round trip more.
 * A type missing here has no title of its own (the office's settings, a sign-in).
 */
function targetTitles(tenantId: string): Record<string, SQL> {
  const target = auditEvents.targetId;
  const unitOf = (unitId: AnySQLiteColumn) =>
    sql`(select ${units.name} from ${units} where ${units.id} = ${unitId} and ${units.tenantId} = ${tenantId})`;
  const userName = sql`(select ${users.displayName} from ${users}
    where ${users.id} = ${target} and exists (select 1 from ${memberships}
      where ${memberships.userId} = ${users.id} and ${memberships.tenantId} = ${tenantId}))`;
  return {
    tenant: sql`(select ${tenants.name} from ${tenants} where ${tenants.id} = ${target} and ${tenants.id} = ${tenantId})`,
    unit: unitOf(target),
    program: sql`(select ${programs.title} from ${programs}
      where ${programs.id} = ${target} and ${programs.tenantId} = ${tenantId})`,
    record: sql`(select ${unitOf(records.unitId)} || ' · ' || ${records.title} from ${records}
      where ${records.id} = ${target} and ${records.tenantId} = ${tenantId})`,
    criteria_system: sql`(select ${criteriaSystems.name} from ${criteriaSystems}
      where ${criteriaSystems.id} = ${target} and ${criteriaSystems.tenantId} = ${tenantId})`,
    round: sql`(select ${rounds.title} from ${rounds} where ${rounds.id} = ${target} and ${rounds.tenantId} = ${tenantId})`,
    application: sql`(select ${unitOf(applications.unitId)} || ' · ' || ${rounds.title} from ${applications}
      join ${rounds} on ${rounds.id} = ${applications.roundId}
      where ${applications.id} = ${target} and ${applications.tenantId} = ${tenantId})`,
    award: sql`(select ${unitOf(awards.unitId)} from ${awards}
      where ${awards.id} = ${target} and ${awards.tenantId} = ${tenantId})`,
    objection: sql`(select ${unitOf(noticeEntries.unitId)} from ${objections}
      join ${noticeEntries} on ${noticeEntries.id} = ${objections.entryId}
      where ${objections.id} = ${target} and ${objections.tenantId} = ${tenantId})`,
    membership: sql`(select ${users.displayName} from ${memberships} join ${users} on ${users.id} = ${memberships.userId}
      where ${memberships.id} = ${target} and ${memberships.tenantId} = ${tenantId})`,
    user: userName,
    account: userName,
  };
}

/** The target's title: null when its type has none, or the record was deleted since. */
function targetTitle(tenantId: string): SQL<string | null> {
  const cases = Object.entries(targetTitles(tenantId)).map(([type, title]) => sql`when ${type} then ${title}`);
  return sql<string | null>`case ${auditEvents.targetType} ${sql.join(cases, sql` `)} else null end`;
}

/** Whether a target of this type would have a title: one without it (and with an id) was deleted. */
const TITLED_TARGETS: ReadonlySet<string> = new Set(Object.keys(targetTitles("")));

/**
 * One page of a tenant's audit history, newest first, with the actors' names. The page lists unsealed
 * events too (they are the newest); if the chain has any, they are sealed before the answer, so what the
 * history shows is covered by the chain. A check for them rides in the page's batch: the history takes one
 * round trip unless something is left to seal (normally sealed already, right after each write).
 */
export async function listAuditEvents(
  db: Db,
  tenantId: string,
  filters: { targetType?: string | undefined; targetId?: string | undefined; action?: string | undefined },
  page: { pageSize: number; offset: number },
) {
  const conditions = [eq(auditEvents.chain, tenantId)];
  if (filters.targetType) conditions.push(eq(auditEvents.targetType, filters.targetType));
  if (filters.targetId) conditions.push(eq(auditEvents.targetId, filters.targetId));
  if (filters.action) conditions.push(eq(auditEvents.action, filters.action));
  const where = and(...conditions);
  const total = pageTotal(db.select({ n: count() }).from(auditEvents).where(where));
  const [rows, unsealed] = await db.batch([
    db
      .select({
        id: auditEvents.id,
        action: auditEvents.action,
        targetType: auditEvents.targetType,
        targetId: auditEvents.targetId,
        targetTitle: targetTitle(tenantId),
        actorId: users.id,
        actorName: users.displayName,
        actorRole: auditEvents.actorRole,
        reason: auditEvents.reason,
        createdAt: auditEvents.createdAt,
        total: total.column,
      })
      .from(auditEvents)
      .leftJoin(users, eq(users.id, auditEvents.actorUserId))
      .where(where)
      .orderBy(desc(sql`${auditEvents}.rowid`))
      .limit(page.pageSize)
      .offset(page.offset),
    db
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(and(eq(auditEvents.chain, tenantId), isNull(auditEvents.seq)))
      .limit(1),
  ]);
  // Sealing changes no listed field: the page read before it stays the answer.
  if (unsealed.length > 0) await sealChain(db, tenantId);
  return {
    items: rows.map(({ actorId, actorName, total: _, ...row }) => ({
      ...row,
      targetDeleted: row.targetId !== null && row.targetTitle === null && TITLED_TARGETS.has(row.targetType),
      actor: actorId && actorName ? { id: actorId, displayName: actorName } : null,
    })),
    total: await total.of(rows, page.offset),
  };
}
