import { desc, eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { auditEvents } from "../../db/schema.ts";
import { type AuditFields, chainHash, GENESIS, stateDigest } from "../domain/audit-chain.ts";
import { type Db, newId, nowIso } from "./db.ts";

export interface AuditEvent {
  tenantId: string | null;
  actorUserId: string | null;
  actorRole: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

const PLATFORM_CHAIN = "platform";
const MAX_ATTEMPTS = 10;

// Wrapped in an object: a query builder is thenable, so returning it bare from an async function would run it.
async function auditInsert(db: Db, event: AuditEvent): Promise<{ statement: BatchItem<"sqlite"> }> {
  const chain = event.tenantId ?? PLATFORM_CHAIN;
  const head = await db
    .select({ hash: auditEvents.hash })
    .from(auditEvents)
    .where(eq(auditEvents.chain, chain))
    .orderBy(desc(sql`rowid`))
    .limit(1)
    .get();
  const prevHash = head?.hash ?? GENESIS;
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
  return { statement: db.insert(auditEvents).values({ ...fields, prevHash, hash }) };
}

function isChainRace(error: unknown): boolean {
  const text = `${error instanceof Error ? error.message : ""} ${error instanceof Error && error.cause instanceof Error ? error.cause.message : ""}`;
  return text.includes("audit_events.chain") || text.includes("audit_events_chain_prev");
}

/**
 * Runs a mutation's statements and its one audit event as a single atomic batch.
 * If another writer extended the same chain meanwhile, the unique (chain, prev_hash) index
 * rejects the whole batch and it is rebuilt on the new head.
 */
export async function runAudited(db: Db, statements: BatchItem<"sqlite">[], event: AuditEvent): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const audit = await auditInsert(db, event);
    try {
      await db.batch([audit.statement, ...statements]);
      return;
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isChainRace(error)) throw error;
      // Jittered backoff so that racing writers do not collide again in lockstep.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
    }
  }
}
