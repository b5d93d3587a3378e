/**
 * Points an item earns from a source other than reviewers: the questionnaire (问卷调查) and peer units (互评).
 *
 * Why here: the batch that stores an answer or a peer's score recomputes these in SQL (worker/data/source-points.ts),
 * the results page explains them and the demo seed writes them; all must agree to the cent, so the rules live
 * once: a survey item earns rate × max (or, graded, the grade whose band the rate reaches); below the round's
 * minimum sample it earns 0 or what a reviewer entered; a mutual item earns its peers' mean, without the highest
 * and the lowest when five or more scored it (去掉一个最高分和一个最低分).
 */

import { roundPoints } from "./criteria.ts";
import type { BelowMinimumRule } from "./vocabulary.ts";

export interface SourceItem {
  code: string;
  maxPoints: number;
  mode: "points" | "graded";
  grades: ReadonlyArray<{ grade: string; share: number }>;
}

export interface SurveyRule {
  minAnswers: number;
  belowMinimum: BelowMinimumRule;
  /** The least rate for each grade of a graded item, in the item's grade order; a missing band is 0. */
  gradeBands: readonly number[];
}

/** Peers at or above this count lose their highest and lowest points before the mean. */
export const TRIM_FROM = 5;

/** What a satisfaction rate (0..1) earns an item: rate × max, or the first grade whose band the rate reaches. */
export function ratePoints(item: SourceItem, rate: number, gradeBands: readonly number[]): number {
  const clamped = Math.min(1, Math.max(0, rate));
  if (item.mode === "graded") {
    const index = item.grades.findIndex((_, i) => clamped >= (gradeBands[i] ?? 0));
    const grade = index >= 0 ? item.grades[index] : undefined;
    return grade ? roundPoints(item.maxPoints * grade.share) : 0;
  }
  return roundPoints(clamped * item.maxPoints);
}

export interface SurveyTally {
  /** Respondents whose counted answers touch the item. */
  answers: number;
  /** Mean value of those answers (0..1); null without answers. */
  rate: number | null;
}

/** A survey item's points and whether its sample is below the round's minimum. */
export function surveyItemPoints(
  item: SourceItem,
  tally: SurveyTally,
  rule: SurveyRule,
  enteredPoints: number | null,
): { points: number; belowMinimum: boolean } {
  const belowMinimum = tally.answers < rule.minAnswers || tally.rate === null;
  if (belowMinimum) {
    const entered = rule.belowMinimum === "reviewer" ? (enteredPoints ?? 0) : 0;
    return { points: roundPoints(Math.min(item.maxPoints, Math.max(0, entered))), belowMinimum };
  }
  return { points: ratePoints(item, tally.rate ?? 0, rule.gradeBands), belowMinimum };
}

/** The peers' mean, trimmed of one highest and one lowest from TRIM_FROM peers on; null without any. */
export function peerMean(points: readonly number[]): number | null {
  if (points.length === 0) return null;
  const sum = points.reduce((a, b) => a + b, 0);
  if (points.length < TRIM_FROM) return sum / points.length;
  return (sum - Math.min(...points) - Math.max(...points)) / (points.length - 2);
}

/** A mutual item's points: the peers' (trimmed) mean, within [0, max]. */
export function mutualItemPoints(item: SourceItem, points: readonly number[]) {
  const mean = peerMean(points);
  return {
    answers: points.length,
    rate: mean,
    points: mean === null ? 0 : roundPoints(Math.min(item.maxPoints, Math.max(0, mean))),
  };
}

/** The criteria items a questionnaire scores (each once, in the system's order), as SourceItems. */
export function surveySourceItems(
  items: ReadonlyArray<SourceItem & { method: string }>,
  questions: ReadonlyArray<{ itemCode: string }>,
): SourceItem[] {
  const asked = new Set(questions.map((q) => q.itemCode));
  return items
    .filter((item) => asked.has(item.code))
    .map(({ code, maxPoints, mode, grades }) => ({ code, maxPoints, mode, grades }));
}
