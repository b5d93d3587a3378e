import { and, count, desc, eq, sql } from "drizzle-orm";
import type { BatchItem, BatchResponse } from "drizzle-orm/batch";
import { auditEvents, users } from "../../db/schema.ts";
import type { AuditAction } from "../domain/audit-actions.ts";
import { type AuditFields, chainHash, GENESIS, stateDigest } from "../domain/audit-chain.ts";
import { type Db, newId, nowIso } from "./db.ts";
import { pageTotal } from "./page-total.ts";
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
const MAX_ATTEMPTS = 10;

/**
 * The last hash this isolate appended to each chain, so that a write need not read the head first (a
 * round trip). Only a guess: if another isolate appended meanwhile, the guessed head already has a
 * successor, the unique (chain, prev_hash) index rejects the batch, and the retry reads the real head.
 */
const chainHeads = new Map<string, string>();
const MAX_CHAIN_HEADS = 1_000;

function rememberHead(chain: string, hash: string | undefined): void {
  chainHeads.delete(chain);
  if (hash === undefined) return;
  if (chainHeads.size >= MAX_CHAIN_HEADS) chainHeads.delete(chainHeads.keys().next().value ?? "");
  chainHeads.set(chain, hash);
}

async function chainHead(db: Db, chain: string): Promise<string> {
  const known = chainHeads.get(chain);
  if (known !== undefined) return known;
  const head = await db
    .select({ hash: auditEvents.hash })
    .from(auditEvents)
    .where(eq(auditEvents.chain, chain))
    .orderBy(desc(sql`rowid`))
    .limit(1)
    .get();
  return head?.hash ?? GENESIS;
}

// Wrapped in an object: a query builder is thenable, so returning it bare from an async function would run it.
async function auditInsert(
  db: Db,
  event: AuditEvent,
  onlyIfChanged: boolean,
): Promise<{ statement: BatchItem<"sqlite">; chain: string; hash: string }> {
  const chain = event.tenantId ?? PLATFORM_CHAIN;
  const prevHash = await chainHead(db, chain);
  const fields: AuditFields = {
    id: newId(),
    chain,
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
  const hash = await chainHash(fields, prevHash);
  if (!onlyIfChanged) return { statement: db.insert(auditEvents).values({ ...fields, prevHash, hash }), chain, hash };
  // `changes()` counts the rows the previous statement of the batch changed: a guarded update that
  // matched nothing (a stale version) records no event, and the caller sees that nothing happened.
  const f = fields;
  return {
    // With raw SQL, drizzle lists the table's columns in schema order: the select follows that order.
    statement: db.insert(auditEvents).select(sql`select ${f.id}, ${f.chain}, ${f.tenantId}, ${f.actorUserId},
        ${f.actorRole}, ${f.action}, ${f.targetType}, ${f.targetId}, ${f.beforeDigest}, ${f.afterDigest},
        ${f.reason}, null, ${prevHash}, ${hash}, ${f.createdAt}
      where changes() > 0`),
    chain,
    hash,
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
 * mutation happened (false only when a guard matched nothing). If another writer extended the same
 * chain meanwhile, the unique (chain, prev_hash) index rejects the whole batch and it is rebuilt.
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
  for (let attempt = 1; ; attempt++) {
    const audit = await auditInsert(db, event, options.guard !== undefined);
    const writes = [
      ...statements,
      ...(options.guard ? [options.guard] : []),
      audit.statement,
      ...(options.after ?? []),
    ];
    try {
      const items: BatchItem<"sqlite">[] = [...writes, ...reads];
      const results = await db.batch(items as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
      const auditResult = results[statements.length + (options.guard ? 1 : 0)] as D1Result | undefined;
      const written = options.guard ? (auditResult?.meta.changes ?? 0) > 0 : true;
      if (written) rememberHead(audit.chain, audit.hash);
      return { applied: written, read: results.slice(writes.length) as BatchResponse<R> };
    } catch (error) {
      // Whatever failed, the head this isolate guessed is no longer trusted.
      rememberHead(event.tenantId ?? PLATFORM_CHAIN, undefined);
      if (attempt >= MAX_ATTEMPTS || !isUniqueViolation(error, "audit_events.chain", "audit_events_chain_prev"))
        throw error;
      // Jittered backoff so that racing writers do not collide again in lockstep.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
    }
  }
}

/** One page of a tenant's audit history, newest first, with the actors' names. */
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
  const rows = await db
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
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
    .offset(page.offset);
  return {
    items: rows.map(({ actorId, actorName, total: _, ...row }) => ({
      ...row,
      actor: actorId && actorName ? { id: actorId, displayName: actorName } : null,
    })),
    total: await total.of(rows, page.offset),
  };
}
