/**
 * How the public sees titles and objections: a title's standing on a Beijing day, and the objection's
 * reference number and fingerprint.
 */
import type { AwardStatus } from "./eligibility.ts";

export type PublicTitleStatusValue = AwardStatus | "expired";

/** A standing title (active or warned) past its valid-until date shows as expired; the rest show as stored. */
export function publicTitleStatus(
  award: { status: AwardStatus; validUntil: string },
  today: string,
): PublicTitleStatusValue {
  const standing = award.status === "active" || award.status === "warned";
  return standing && award.validUntil < today ? "expired" : award.status;
}

/** Digits and capitals without I, L, O and U (Crockford's base 32): nothing to misread when read out. */
const REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const REFERENCE_LENGTH = 10;

/** `YY-` and 10 random characters (50 bits): unguessable, short enough to read over the phone. */
export function objectionReference(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(REFERENCE_LENGTH));
  // 256 is a multiple of 32, so taking the low 5 bits keeps every character equally likely.
  return `YY-${Array.from(bytes, (b) => REFERENCE_ALPHABET[b % 32]).join("")}`;
}

/** The same objection lodged twice is one: the entry and the text with its whitespace collapsed, hashed. */
export async function objectionFingerprint(entryId: string, text: string): Promise<string> {
  const normalised = text.trim().replace(/\s+/g, " ");
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${entryId}\n${normalised}`));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A client address kept only as a hash: the rate limit needs to tell callers apart, not to know them. */
export async function addressKey(address: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(address));
  return Array.from(new Uint8Array(digest).slice(0, 16), (b) => b.toString(16).padStart(2, "0")).join("");
}
