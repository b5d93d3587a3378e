/**
 * Which criteria items of a round a source scores instead of its reviewers: every item a questionnaire question
 * maps to (问卷调查) and every mutual item (互评). Reviewers' forms refuse points on them.
 */
import type { PointSource } from "./vocabulary.ts";

export function sourcedItems(
  questions: ReadonlyArray<{ itemCode: string }>,
  mutualItemCodes: readonly string[],
): Map<string, PointSource> {
  const sourced = new Map<string, PointSource>();
  for (const question of questions) sourced.set(question.itemCode, "survey");
  for (const code of mutualItemCodes) if (!sourced.has(code)) sourced.set(code, "mutual");
  return sourced;
}
