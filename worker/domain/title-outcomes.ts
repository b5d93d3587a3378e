/**
 * 动态管理: which outcome a title accepts in which state, and the state it leads to. Pure.
 *
 * A title's state is its stored status, except that a held (active or warned) title past its valid-until date
 * is `expired`: computed on read, never written, so a title stops being current by itself.
 * - keep (保留): an active or warned title stays as it is (a warning keeps running until restored or revoked).
 * - warn (黄牌警告): an active title is warned, with a deadline to fix things.
 * - restore (恢复): only a warned title is restored to active; its warning is cleared.
 * - revoke (撤销) and lapse (自动终止): an active or warned title ends.
 * Revoked, lapsed and expired titles accept nothing: no outcome revives a title that ended.
 */
import type { AwardStatus } from "./eligibility.ts";
import type { TitleOutcome } from "./vocabulary.ts";

export type TitleState = AwardStatus | "expired";

/** The award statuses each outcome may be applied to (expired titles are excluded by date, see `titleState`). */
export const OUTCOME_FROM: Record<TitleOutcome, readonly AwardStatus[]> = {
  keep: ["active", "warned"],
  warn: ["active"],
  restore: ["warned"],
  revoke: ["active", "warned"],
  lapse: ["active", "warned"],
};

/** The status each outcome but keep leads to (keep leaves the status as it is). */
export const OUTCOME_STATUS = {
  warn: "warned",
  restore: "active",
  revoke: "revoked",
  lapse: "lapsed",
} as const satisfies Record<Exclude<TitleOutcome, "keep">, AwardStatus>;

/** The history entry (award_events.kind) each outcome writes. */
export const OUTCOME_EVENT = {
  keep: "kept",
  warn: "warned",
  restore: "restored",
  revoke: "revoked",
  lapse: "lapsed",
} as const satisfies Record<TitleOutcome, string>;

/** A title's state on a Beijing day: its status, or `expired` once a held title's valid-until date has passed. */
export function titleState(award: { status: AwardStatus; validUntil: string }, today: string): TitleState {
  if ((award.status === "active" || award.status === "warned") && award.validUntil < today) return "expired";
  return award.status;
}

export type OutcomeResult = { ok: true; status: AwardStatus } | { ok: false; code: "title_transition" };

/** The status a title takes from an outcome, or why it cannot take it. */
export function applyOutcome(state: TitleState, outcome: TitleOutcome): OutcomeResult {
  if (state === "expired" || !OUTCOME_FROM[outcome].includes(state)) return { ok: false, code: "title_transition" };
  const status = outcome === "keep" ? state : OUTCOME_STATUS[outcome];
  return { ok: true, status };
}

/** The fields a title keeps or takes with an outcome: keep leaves them, restore clears them. */
export function outcomeFields(
  current: { warningDeadline: string | null; publicReason: string | null },
  outcome: TitleOutcome,
  given: { publicReason?: string | null; deadline?: string | null },
): { warningDeadline: string | null; publicReason: string | null } {
  if (outcome === "keep") return { warningDeadline: current.warningDeadline, publicReason: current.publicReason };
  if (outcome === "restore") return { warningDeadline: null, publicReason: null };
  return {
    warningDeadline: outcome === "warn" ? (given.deadline ?? null) : null,
    publicReason: given.publicReason ?? null,
  };
}

/**
 * Who applies outcomes to titles: the provincial office, i.e. tenant admins and reviewers whose scope is the
 * office's root (a path of one node, `/510000/`). City reviewers see their cities' titles but do not decide them.
 */
export function managesTitles(scope: { role: string; jurisdictionPath: string | null }): boolean {
  if (scope.role === "tenant_admin") return true;
  return scope.role === "reviewer" && /^\/[^/]+\/$/.test(scope.jurisdictionPath ?? "");
}
