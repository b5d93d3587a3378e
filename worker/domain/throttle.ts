/**
 * Sign-in lockout rules (exact counters kept in D1): a failure window per account and per client IP.
 * An account is locked after a handful of failures; an IP after many, so an office behind one NAT
 * is not locked out by one person's typos.
 */
export const THROTTLE_RULES = {
  account: { maxFailures: 5, windowSeconds: 15 * 60 },
  ip: { maxFailures: 30, windowSeconds: 15 * 60 },
  /** Public unit registration: every attempt counts, a handful per hour per IP. */
  registration: { maxFailures: 10, windowSeconds: 60 * 60 },
  /** Public objections: every lodging counts, a handful per hour per IP. */
  objection: { maxFailures: 5, windowSeconds: 60 * 60 },
  /** Objection lookups: only unknown references count, so guessing runs out long before it could succeed. */
  objectionLookup: { maxFailures: 20, windowSeconds: 60 * 60 },
  /**
   * Questionnaire answers per network (IPv4 /24, IPv6 /48) and hour. Generous on purpose: a unit's staff answer
   * together after a meeting on the office Wi-Fi behind one NAT, and a canteen's diners share its line; 60 lets
   * such a group through while a script from one network stops within the hour (and reviewers see the burst).
   */
  survey: { maxFailures: 60, windowSeconds: 60 * 60 },
} as const;

export type ThrottleKind = keyof typeof THROTTLE_RULES;

export interface ThrottleCounter {
  failures: number;
  windowStart: string;
}

/** Seconds until the caller may try again, or 0 when not locked. */
export function lockedForSeconds(kind: ThrottleKind, counter: ThrottleCounter | undefined, now: Date): number {
  if (!counter) return 0;
  const rule = THROTTLE_RULES[kind];
  const elapsed = (now.getTime() - Date.parse(counter.windowStart)) / 1000;
  if (elapsed >= rule.windowSeconds || counter.failures < rule.maxFailures) return 0;
  return Math.ceil(rule.windowSeconds - elapsed);
}

/** The counter after one more failure: a new window once the old one has passed. */
export function afterFailure(kind: ThrottleKind, counter: ThrottleCounter | undefined, now: Date): ThrottleCounter {
  const rule = THROTTLE_RULES[kind];
  const expired = !counter || (now.getTime() - Date.parse(counter.windowStart)) / 1000 >= rule.windowSeconds;
  return expired
    ? { failures: 1, windowStart: now.toISOString() }
    : { failures: counter.failures + 1, windowStart: counter.windowStart };
}

export function throttleKey(kind: ThrottleKind, value: string): string {
  return `${kind}:${value.toLowerCase()}`;
}
