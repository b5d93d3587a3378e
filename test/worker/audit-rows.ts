import { env } from "cloudflare:workers";
import { sealedChain } from "../../worker/data/audit.ts";
import { createDb } from "../../worker/data/db.ts";
import type { ChainCheck, StoredAuditEvent } from "../../worker/domain/audit-chain.ts";

interface AuditRow {
  id: string;
  chain: string;
  tenant_id: string | null;
  actor_user_id: string | null;
  actor_role: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  before_digest: string | null;
  after_digest: string | null;
  reason: string | null;
  seq: number | null;
  prev_hash: string | null;
  hash: string | null;
  created_at: string;
}

export type { StoredAuditEvent };

/**
 * The stored audit events (of one chain, when named) as they are, sealed or not, in order of insertion.
 * Nothing is sealed first: for the chain as a verifier sees it, use `sealedAuditChain`.
 */
export async function storedAuditEvents(chain?: string): Promise<StoredAuditEvent[]> {
  const query = chain
    ? env.DB.prepare("select * from audit_events where chain = ? order by rowid").bind(chain)
    : env.DB.prepare("select * from audit_events order by rowid");
  return (await query.all<AuditRow>()).results.map((r) => ({
    id: r.id,
    chain: r.chain,
    tenantId: r.tenant_id,
    actorUserId: r.actor_user_id,
    actorRole: r.actor_role,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    beforeDigest: r.before_digest,
    afterDigest: r.after_digest,
    reason: r.reason,
    seq: r.seq,
    prevHash: r.prev_hash,
    hash: r.hash,
    createdAt: r.created_at,
  }));
}

/**
 * One chain as a verifier sees it: sealed first (whatever background sealing is still under way), then
 * read in seq order, with its check. A chain that holds has `check.broken` null and `check.unsealed` 0.
 */
export async function sealedAuditChain(chain: string): Promise<{ events: StoredAuditEvent[]; check: ChainCheck }> {
  return sealedChain(createDb(env.DB), chain);
}
