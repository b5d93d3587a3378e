/**
 * A reviewer's form and the items a source scores (问卷调查, 互评): such items take no points or grade from a
 * reviewer (their points reach the results as extra points) and so never count as missing for a submit.
 */
import type { PointSource } from "./vocabulary.ts";

const REFUSED: Record<PointSource, string> = {
  survey: "该项由问卷调查计分 / scored by the survey",
  mutual: "该项由互评计分 / scored by mutual assessment",
};

/** Field problems (`items.<i>.points|grade`) for points or grades a form gives sourced items. */
export function sourcedProblems(
  sourced: ReadonlyMap<string, PointSource>,
  scores: ReadonlyArray<{ itemCode: string; points: number | null; grade: string | null }>,
): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  scores.forEach((score, i) => {
    const source = sourced.get(score.itemCode);
    if (!source) return;
    if (score.points !== null) problems[`items.${i}.points`] = [REFUSED[source]];
    if (score.grade !== null) problems[`items.${i}.grade`] = [REFUSED[source]];
  });
  return problems;
}

/** The unscored items a reviewer still owes: those no source scores. */
export function reviewerMissing(missing: readonly string[], sourced: ReadonlyMap<string, PointSource>): string[] {
  return missing.filter((code) => !sourced.has(code));
}
