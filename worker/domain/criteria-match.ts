/**
 * Suggests criteria items (测评体系条目) for a piece of a unit's text — a report paragraph, a measure's or a
 * record's title — deterministically and explainably: each suggestion carries the words that matched.
 */

export interface MatchableItem {
  code: string;
  title: string;
  guidance: string;
}

/** A term units write and the words of the criteria it means: 道德讲堂 → 道德讲堂建设. */
export interface Synonym {
  term: string;
  means: string;
}

export interface Suggestion {
  itemCode: string;
  score: number;
  /** The words that matched, longest first: why it is suggested. */
  terms: string[];
}

/** Builds the matcher once for a criteria system and synonym list; it then rates any number of texts. */
export function criteriaMatcher(
  _items: readonly MatchableItem[],
  _synonyms: readonly Synonym[],
): (text: string, limit?: number) => Suggestion[] {
  throw new Error("criteriaMatcher: being written (helper B)");
}
