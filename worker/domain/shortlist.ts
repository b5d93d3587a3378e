/**
 * The shortlist (拟命名名单) a round puts on notice, from its provincial ranking: an application is listed when it
 * is ranked (scored, not vetoed), its aggregate reaches the round's naming gate (when set), every department the
 * round requires has signed it off as clear, and it is within its quota pool (when the round gives its channel a
 * quota). Pure, so the preview the office sees and the notice it publishes are the same list.
 */
import { poolOf, type QuotaPools } from "./scoring/ranking.ts";
import type { SignoffVerdict, TitleOutcome } from "./vocabulary.ts";

export const EXCLUSION_REASONS = [
  "unranked",
  "vetoed",
  "below_gate",
  "over_quota",
  "signoff_missing",
  "signoff_objected",
  // Re-check rounds: no outcome recorded yet; an outcome that ends the title (revoke, lapse).
  "outcome_missing",
  "title_not_kept",
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

export interface ShortlistCandidate {
  applicationId: string;
  unitName: string;
  aggregate: number | null;
  /** Rank over the whole round (null: unscored or vetoed). */
  rank: number | null;
  vetoed: boolean;
  channel: "city" | "sector";
  cityId: string | null;
  channelSectorId: string | null;
  signoffs: ReadonlyArray<{ department: string; verdict: SignoffVerdict }>;
}

export interface ShortlistRules {
  minScoreToName: number | null;
  quotas: QuotaPools;
  signoffDepartments: readonly string[];
}

export interface Shortlist<T> {
  /** In notice order: rank order (selection), unit-name order (re-check). */
  shortlist: T[];
  excluded: Array<T & { reason: ExclusionReason }>;
}

/** Why a candidate cannot be named whatever the quota, or null. */
function barred(c: ShortlistCandidate, rules: ShortlistRules): ExclusionReason | null {
  if (c.vetoed) return "vetoed";
  if (c.rank === null || c.aggregate === null) return "unranked";
  if (rules.minScoreToName !== null && c.aggregate < rules.minScoreToName) return "below_gate";
  // A department's veto marks the results vetoed too; checked here as well in case the results lag behind.
  if (c.signoffs.some((s) => s.verdict === "veto")) return "signoff_objected";
  const clear = new Set(c.signoffs.filter((s) => s.verdict === "clear").map((s) => s.department));
  if (rules.signoffDepartments.some((d) => !clear.has(d))) return "signoff_missing";
  return null;
}

/**
 * The shortlist and who is left off, with why. A quota's places go to the best candidates that may be named at
 * all: one below the gate or lacking a sign-off takes no place. Candidates tying on rank at the edge of a quota
 * are all listed (standard competition ranking: a place count is 1 + those strictly ahead).
 */
export function shortlist<T extends ShortlistCandidate>(candidates: readonly T[], rules: ShortlistRules): Shortlist<T> {
  const ordered = [...candidates].sort(
    (a, b) =>
      (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY) ||
      (a.applicationId < b.applicationId ? -1 : a.applicationId > b.applicationId ? 1 : 0),
  );
  const listed: T[] = [];
  const excluded: Array<T & { reason: ExclusionReason }> = [];
  const ranksInPool = new Map<string, number[]>();
  for (const c of ordered) {
    const reason = barred(c, rules);
    if (reason) {
      excluded.push({ ...c, reason });
      continue;
    }
    const pool = poolOf(c, rules.quotas);
    if (pool) {
      const ranks = ranksInPool.get(pool.pool) ?? [];
      const place = 1 + ranks.filter((r) => r < (c.rank as number)).length;
      ranks.push(c.rank as number);
      ranksInPool.set(pool.pool, ranks);
      if (place > pool.quota) {
        excluded.push({ ...c, reason: "over_quota" });
        continue;
      }
    }
    listed.push(c);
  }
  return { shortlist: listed, excluded };
}

/** An enrolled title holder of a re-check round (withdrawn applications are not candidates). */
export interface RecheckCandidate {
  applicationId: string;
  unitName: string;
  outcome: TitleOutcome | null;
}

/** Outcomes under which the unit keeps its title (warned or not): what the 复查 notice lists. */
const KEPT: ReadonlySet<TitleOutcome> = new Set(["keep", "warn", "restore"]);

// Pinyin order, as Chinese lists of names usually run.
const byName = new Intl.Collator("zh-Hans-CN");

/**
 * The 复查 notice (拟保留称号单位): the enrolled units whose recorded outcome keeps their title, and who is left off
 * and why. In unit-name order, not rank order: the outcome decides, not the score, and many enrolled titles are
 * never scored (their drafts close unsubmitted), so a ranking would order the list by chance.
 */
export function recheckShortlist<T extends RecheckCandidate>(candidates: readonly T[]): Shortlist<T> {
  const ordered = [...candidates].sort(
    (a, b) =>
      byName.compare(a.unitName, b.unitName) ||
      (a.applicationId < b.applicationId ? -1 : a.applicationId > b.applicationId ? 1 : 0),
  );
  const listed: T[] = [];
  const excluded: Array<T & { reason: ExclusionReason }> = [];
  for (const c of ordered) {
    if (c.outcome === null) excluded.push({ ...c, reason: "outcome_missing" });
    else if (KEPT.has(c.outcome)) listed.push(c);
    else excluded.push({ ...c, reason: "title_not_kept" });
  }
  return { shortlist: listed, excluded };
}
