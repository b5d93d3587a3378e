/**
 * Whether a unit's titles (awards) meet a round's eligibility gate on a given day. Pure: the caller loads
 * the unit's awards and picks the day (see `eligibilityDate`).
 *
 * Rules, and why:
 * - A title counts while its status is `active` or `warned` and the day lies between its naming and its
 *   valid-until date. A yellow card (黄牌警告) is a deadline to fix things, not a loss of the title: only
 *   revocation (撤销) and lapse (自动终止) end a title before its term does. The result says when the
 *   qualifying title carries a warning, so reviewers see it.
 * - The required level is matched exactly, except that the level's 标兵 (model) tier also satisfies it:
 *   model units are chosen among that level's titled units. A higher level does not stand in for a lower
 *   one: a unit that already holds the higher title takes part in its re-check (复查), not in a selection.
 * - `orConsecutiveTerms = N` also admits a unit whose latest run of terms at the level — counted back from
 *   its most recent term, each starting no later than the year after the previous one ended — is at least
 *   N long, whether or not the last one is still valid. A revoked or lapsed term ends the run, so a unit
 *   whose latest title was revoked cannot fall back on older terms.
 */
import { beijingToday } from "./record-rules.ts";
import type { TitleLevel } from "./vocabulary.ts";

/** 有效, 黄牌警告, 撤销, 自动终止. */
export const AWARD_STATUSES = ["active", "warned", "revoked", "lapsed"] as const;
export type AwardStatus = (typeof AWARD_STATUSES)[number];

/** The statuses under which a title is held: also the only ones a title recorded by hand may have. */
export const HELD_STATUSES = ["active", "warned"] as const satisfies readonly AwardStatus[];
export type HeldStatus = (typeof HELD_STATUSES)[number];

/** The titles' names in both languages, for messages the Worker writes itself. */
export const TITLE_NAMES: Record<TitleLevel, { zh: string; en: string }> = {
  county: { zh: "县级文明单位", en: "county-level civilized unit" },
  city: { zh: "市级文明单位", en: "city-level civilized unit" },
  province: { zh: "省级文明单位", en: "provincial civilized unit" },
  national: { zh: "全国文明单位", en: "national civilized unit" },
  county_model: { zh: "县级文明单位标兵", en: "county-level model civilized unit" },
  city_model: { zh: "市级文明单位标兵", en: "city-level model civilized unit" },
  province_model: { zh: "省级文明单位标兵", en: "provincial model civilized unit" },
  national_model: { zh: "全国文明单位标兵", en: "national model civilized unit" },
};

export interface HeldAward {
  id: string;
  level: TitleLevel;
  termStartYear: number;
  termEndYear: number;
  /** YYYY-MM-DD, the day the title was conferred (命名). */
  namedOn: string;
  /** YYYY-MM-DD, the last day the title is valid. */
  validUntil: string;
  status: AwardStatus;
}

export interface EligibilityRule {
  requiresTitle: TitleLevel | null;
  orConsecutiveTerms: number | null;
}

/** Why a unit does not meet the gate: one reason about its current title, one about its run of terms. */
export type IneligibleReason =
  | { code: "title_missing"; level: TitleLevel }
  | { code: "title_expired"; level: TitleLevel; awardId: string; validUntil: string }
  | { code: "title_not_yet_valid"; level: TitleLevel; awardId: string; namedOn: string }
  | { code: "title_revoked"; level: TitleLevel; awardId: string }
  | { code: "title_lapsed"; level: TitleLevel; awardId: string }
  | { code: "too_few_consecutive_terms"; level: TitleLevel; required: number; held: number };

export type Eligibility =
  | { eligible: true; basis: "no_requirement" }
  | {
      eligible: true;
      basis: "current_title";
      level: TitleLevel;
      awardId: string;
      validUntil: string;
      warned: boolean;
    }
  | { eligible: true; basis: "consecutive_terms"; level: TitleLevel; terms: number; awardIds: string[] }
  | {
      eligible: false;
      requiresTitle: TitleLevel;
      orConsecutiveTerms: number | null;
      reasons: IneligibleReason[];
    };

/** The day a round judges titles on: the day applications open, or today (Beijing) while it has none. */
export function eligibilityDate(applicationsOpen: string | null, now: Date): string {
  return applicationsOpen ?? beijingToday(now);
}

/** A held title of `held` meets a requirement of `required`: the same level, or that level's 标兵 tier. */
export function titleSatisfies(held: TitleLevel, required: TitleLevel): boolean {
  return held === required || held === `${required}_model`;
}

const isHeld = (a: Pick<HeldAward, "status">) => (HELD_STATUSES as readonly AwardStatus[]).includes(a.status);

/** The title is held on `day`: active or warned, conferred by then and not yet expired. */
export function isHeldOn(a: Pick<HeldAward, "status" | "namedOn" | "validUntil">, day: string): boolean {
  return isHeld(a) && a.namedOn <= day && day <= a.validUntil;
}

/** Latest first: by the end of the term, then by how long the title stays valid. */
const latestFirst = (a: HeldAward, b: HeldAward) =>
  b.termEndYear - a.termEndYear || b.validUntil.localeCompare(a.validUntil) || b.namedOn.localeCompare(a.namedOn);

/** Why the unit's most recent title at the level does not count on `day`. */
function titleReason(atLevel: HeldAward[], level: TitleLevel, day: string): IneligibleReason {
  const latest = atLevel.find((a) => a.namedOn <= day) ?? atLevel[0];
  if (!latest) return { code: "title_missing", level };
  if (latest.status === "revoked") return { code: "title_revoked", level, awardId: latest.id };
  if (latest.status === "lapsed") return { code: "title_lapsed", level, awardId: latest.id };
  if (latest.namedOn > day) return { code: "title_not_yet_valid", level, awardId: latest.id, namedOn: latest.namedOn };
  return { code: "title_expired", level, awardId: latest.id, validUntil: latest.validUntil };
}

/** The unit's latest run of consecutive held terms among `atLevel` named by `day`, latest term first. */
export function latestRun(atLevel: readonly HeldAward[], day: string): HeldAward[] {
  const run: HeldAward[] = [];
  for (const award of atLevel.filter((a) => a.namedOn <= day).sort(latestFirst)) {
    const previous = run.at(-1);
    // A title and its 标兵 tier of the same term are one term.
    if (previous && award.termStartYear === previous.termStartYear) continue;
    if (!isHeld(award)) break;
    if (previous && award.termEndYear < previous.termStartYear - 1) break;
    run.push(award);
  }
  return run;
}

/** Decides whether `awards` (the unit's titles, any level, any status) meet `rule` on `day` (YYYY-MM-DD). */
export function checkEligibility(rule: EligibilityRule, awards: readonly HeldAward[], day: string): Eligibility {
  const level = rule.requiresTitle;
  if (!level) return { eligible: true, basis: "no_requirement" };
  const atLevel = awards.filter((a) => titleSatisfies(a.level, level)).sort(latestFirst);
  const current = atLevel.find((a) => isHeldOn(a, day));
  if (current) {
    return {
      eligible: true,
      basis: "current_title",
      level,
      awardId: current.id,
      validUntil: current.validUntil,
      warned: current.status === "warned",
    };
  }
  const reasons: IneligibleReason[] = [titleReason(atLevel, level, day)];
  const required = rule.orConsecutiveTerms;
  if (required) {
    const run = latestRun(atLevel, day);
    if (run.length >= required) {
      return {
        eligible: true,
        basis: "consecutive_terms",
        level,
        terms: run.length,
        awardIds: run.map((a) => a.id),
      };
    }
    reasons.push({ code: "too_few_consecutive_terms", level, required, held: run.length });
  }
  return { eligible: false, requiresTitle: level, orConsecutiveTerms: required, reasons };
}

/** What the gate asks for, in both languages: "须持有有效的市级文明单位称号（或连续 2 届）". */
export function requirementText(rule: EligibilityRule): { zh: string; en: string } | null {
  if (!rule.requiresTitle) return null;
  const name = TITLE_NAMES[rule.requiresTitle];
  const n = rule.orConsecutiveTerms;
  return {
    zh: `须持有有效的${name.zh}称号${n ? `（或连续 ${n} 届获得该称号）` : ""}`,
    en: `requires a current title of ${name.en}${n ? ` (or ${n} consecutive terms of it)` : ""}`,
  };
}
