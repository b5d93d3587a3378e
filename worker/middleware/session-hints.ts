import type { FoundSession } from "../data/sessions.ts";

/**
 * What this isolate last learned of a session in a tenant: the scope a request may build its statements
 * on before the session lookup confirms it. Never trusted alone: the lookup rides in the request's first
 * D1 batch, and the answer is released only if it agrees (data/request-d1.ts).
 */
const MAX_HINTS = 5_000;
const hints = new Map<string, FoundSession>();

const keyOf = (sessionId: string, tenantSlug: string | null) => `${sessionId}\n${tenantSlug ?? ""}`;

export function sessionHint(sessionId: string, tenantSlug: string | null): FoundSession | undefined {
  return hints.get(keyOf(sessionId, tenantSlug));
}

export function rememberSession(sessionId: string, tenantSlug: string | null, found: FoundSession | undefined): void {
  const key = keyOf(sessionId, tenantSlug);
  hints.delete(key);
  if (!found) return;
  // A Map iterates in insertion order: the first key is the least recently learned.
  if (hints.size >= MAX_HINTS) hints.delete(hints.keys().next().value ?? "");
  hints.set(key, found);
}

/** The same session, role, scope and user as the hint: compared field by field through one canonical form. */
export function sameSession(a: FoundSession | undefined, b: FoundSession | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
