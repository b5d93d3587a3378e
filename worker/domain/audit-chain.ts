import { sha256Hex } from "./session-token.ts";

/** The `prevHash` of a chain's first event. */
export const GENESIS = "";

/** The first event of a chain has this `seq`; each next one, one more. */
export const FIRST_SEQ = 1;

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

/** Where an event sits in its chain, given when it is sealed. */
export interface ChainLink {
  seq: number;
  prevHash: string;
  hash: string;
}

export type SealedAuditEvent = AuditFields & ChainLink;

/** An event as stored: its link fields are null until it is sealed. */
export type StoredAuditEvent = AuditFields & { seq: number | null; prevHash: string | null; hash: string | null };

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

/**
 * Each event's hash covers its fields and the previous hash: editing or dropping an event breaks the chain.
 * `seq` is not hashed: the links alone fix the order, and a verifier requires seq 1, 2, 3 … along them, so a
 * renumbered event shows as a gap or a broken link (and events sealed before seq existed keep their hashes).
 */
export function chainHash(event: AuditFields, prevHash: string): Promise<string> {
  return sha256Hex(stableStringify({ ...event, prevHash }));
}

/**
 * Seals events onto a chain whose last sealed event is `last` (null for an empty chain), in the order
 * given (their order of insertion). Pure: any two sealers that start from the same sealed prefix and see
 * the same events compute the same links, which is what makes racing sealers harmless.
 */
export async function linkEvents(
  last: { seq: number; hash: string } | null,
  events: readonly AuditFields[],
): Promise<Array<ChainLink & { id: string }>> {
  const links: Array<ChainLink & { id: string }> = [];
  let seq = last ? last.seq : FIRST_SEQ - 1;
  let prevHash = last ? last.hash : GENESIS;
  for (const fields of events) {
    seq += 1;
    const hash = await chainHash(fields, prevHash);
    links.push({ id: fields.id, seq, prevHash, hash });
    prevHash = hash;
  }
  return links;
}

/**
 * Index of the first event that does not follow from its predecessor, or -1 when the chain holds. `events`
 * are one chain's sealed events ordered by seq: the i-th must have seq FIRST_SEQ + i (a deleted event
 * leaves a gap), the previous event's hash as its prevHash (a reordered or reinserted event breaks that),
 * and a hash that its fields reproduce (an edited field breaks that).
 */
export async function firstBrokenLink(
  events: ReadonlyArray<AuditFields & { seq: number | null; prevHash: string | null; hash: string | null }>,
): Promise<number> {
  let prev = GENESIS;
  for (const [i, event] of events.entries()) {
    const { seq, prevHash, hash, ...fields } = event;
    if (seq !== FIRST_SEQ + i || prevHash !== prev || hash === null) return i;
    if ((await chainHash(fields, prevHash)) !== hash) return i;
    prev = hash;
  }
  return -1;
}

export interface ChainCheck {
  /** Sealed events: every one of them is checked. */
  sealed: number;
  /** Events appended but not sealed yet: not covered by the chain until sealing links them. */
  unsealed: number;
  /** The first sealed event (in seq order) that breaks the chain, or null when the chain holds. */
  broken: { seq: number; id: string } | null;
}

/** Verifies one chain's stored events, in any order: the sealed ones by seq, the unsealed ones counted. */
export async function checkChain(events: readonly StoredAuditEvent[]): Promise<ChainCheck> {
  const sealed = events.filter((e) => e.seq !== null).sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  const index = await firstBrokenLink(sealed);
  const at = sealed[index];
  return {
    sealed: sealed.length,
    unsealed: events.length - sealed.length,
    broken: at ? { seq: at.seq ?? 0, id: at.id } : null,
  };
}
