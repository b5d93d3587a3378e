import { env } from "cloudflare:workers";
import type { AuditFields } from "../../worker/domain/audit-chain.ts";

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
  prev_hash: string;
  hash: string;
  created_at: string;
}

export type StoredAuditEvent = AuditFields & { prevHash: string; hash: string };

/** The stored audit events, oldest first (of one chain, when named), as the chain check reads them. */
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
    prevHash: r.prev_hash,
    hash: r.hash,
    createdAt: r.created_at,
  }));
}
