/**
 * Reviewer consistency (评审一致性): how each reviewer's totals sit against the panels they sat on — their mean,
 * their mean deviation from the panel mean (harsh < 0 < lenient), the spread of those deviations, and the
 * applications where they stray further from their panel than the round's threshold.
 *
 * Why against the panel and not the overall mean: a reviewer who drew strong units is not lenient for scoring
 * them high; only disagreement with co-reviewers of the same application says something about the reviewer.
 */
import { type Observation, round2 } from "./aggregate.ts";

export interface ReviewerConsistency {
  reviewerId: string;
  /** Their totals (forms) among the observations. */
  forms: number;
  /** Mean of their totals (round2). */
  mean: number;
  /** Mean of (their total − the mean of that application's panel totals, theirs included), round2; 0 without. */
  meanDeviation: number;
  /** Population standard deviation of those deviations (round2); 0 without. */
  spread: number;
  /** Applications (sorted) where |round2(deviation)| > threshold. */
  outliers: string[];
}

/**
 * Per reviewer (sorted by id). Only panels with ≥ 2 totals give deviations: a lone total has nothing to differ
 * from.
 */
export function reviewerConsistency(observations: readonly Observation[], threshold: number): ReviewerConsistency[] {
  const panels = new Map<string, number[]>();
  for (const o of observations) {
    const totals = panels.get(o.applicationId);
    if (totals) totals.push(o.total);
    else panels.set(o.applicationId, [o.total]);
  }
  const panelMean = new Map<string, number>();
  for (const [id, totals] of panels) {
    if (totals.length >= 2) panelMean.set(id, totals.reduce((s, t) => s + t, 0) / totals.length);
  }
  const byReviewer = new Map<string, { totals: number[]; deviations: number[]; outliers: string[] }>();
  for (const o of observations) {
    let entry = byReviewer.get(o.reviewerId);
    if (!entry) {
      entry = { totals: [], deviations: [], outliers: [] };
      byReviewer.set(o.reviewerId, entry);
    }
    entry.totals.push(o.total);
    const m = panelMean.get(o.applicationId);
    if (m === undefined) continue;
    const deviation = o.total - m;
    entry.deviations.push(deviation);
    if (Math.abs(round2(deviation)) > threshold) entry.outliers.push(o.applicationId);
  }
  const mean = (values: number[]) => (values.length ? values.reduce((s, v) => s + v, 0) / values.length : 0);
  return [...byReviewer.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([reviewerId, { totals, deviations, outliers }]) => {
      const meanDeviation = mean(deviations);
      const variance = mean(deviations.map((d) => (d - meanDeviation) ** 2));
      return {
        reviewerId,
        forms: totals.length,
        mean: round2(mean(totals)),
        meanDeviation: round2(meanDeviation),
        spread: round2(Math.sqrt(variance)),
        outliers: [...new Set(outliers)].sort(),
      };
    });
}
