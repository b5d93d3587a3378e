import { sha256Hex } from "./session-token.ts";

/** The `prevHash` of a chain's first event. */
export const GENESIS = "";

export interface AuditFields {
  id: string;
  chain: string;
  tenantId: string | null;
  actorUserId: string | null;
  actorRole: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  beforeDigest: string | null;
  afterDigest: string | null;
  reason: string | null;
  createdAt: string;
}

/** Digest of a record's state before or after a change: stable key order, so equal states digest equally. */
export async function stateDigest(state: unknown): Promise<string | null> {
  if (state === undefined || state === null) return null;
  return sha256Hex(stableStringify(state));
}

export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** Each event's hash covers its fields and the previous hash: editing or dropping an event breaks the chain. */
export function chainHash(event: AuditFields, prevHash: string): Promise<string> {
  return sha256Hex(stableStringify({ ...event, prevHash }));
}

/** Index of the first event whose hash does not follow from its predecessor, or -1 when the chain holds. */
export async function firstBrokenLink(
  events: ReadonlyArray<AuditFields & { prevHash: string; hash: string }>,
): Promise<number> {
  let prev = GENESIS;
  for (const [i, event] of events.entries()) {
    const { prevHash, hash, ...fields } = event;
    if (prevHash !== prev || (await chainHash(fields, prevHash)) !== hash) return i;
    prev = hash;
  }
  return -1;
}
