/**
 * Suggests criteria items (测评体系条目) for a piece of a unit's text — a report paragraph, a measure's or a
 * record's title — deterministically and explainably: each suggestion carries the words that matched.
 *
 * Chinese has no spaces, so an item's key phrases are its runs of Han characters (title and guidance) cut at
 * punctuation and at words every item uses (工作, 开展, 建设, 的 …). The text is rated by the 2–4 character
 * n-grams of those phrases it contains, each weighted by how rare it is across the system's items (IDF), so
 * 志愿服务 outweighs 单位. Guidance counts half: it mostly says how to check, not what the item is about.
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

const MIN_GRAM = 2;
const MAX_GRAM = 4;
const GUIDANCE_FACTOR = 0.5;
/**
 * Below this a suggestion is noise: one rare two-character word (weight ≈ 4.4 in a ~80-item system) is not
 * enough, a rare three-character phrase (≈ 13) or two rare words are.
 */
const MIN_SCORE = 6;
const DEFAULT_LIMIT = 3;
const MAX_TERMS = 6;

/** Words so common in criteria wording that they say nothing about which item is meant; phrases break there. */
const STOP_WORDS = [
  "干部职工",
  "不少于",
  "工作",
  "活动",
  "开展",
  "加强",
  "建设",
  "情况",
  "进行",
  "推进",
  "落实",
  "深入",
  "积极",
  "每年",
  "明确",
  "的",
  "和",
  "及",
  "与",
  "或",
  "等",
  "并",
  "之",
];
const PHRASE_BREAK = new RegExp(`[^\\p{Script=Han}]+|${STOP_WORDS.join("|")}`, "gu");
const HAN_RUN = /\p{Script=Han}+/gu;

/** The key phrases of a piece of criteria wording: Han runs cut at punctuation and stop words. */
function phrases(text: string): string[] {
  return text.split(PHRASE_BREAK).filter((p) => p.length >= MIN_GRAM);
}

function gramsOf(phrase: string, into: Set<string>): void {
  for (let i = 0; i < phrase.length; i++) {
    for (let n = MIN_GRAM; n <= MAX_GRAM && i + n <= phrase.length; n++) into.add(phrase.slice(i, i + n));
  }
}

function phraseGrams(text: string): Set<string> {
  const grams = new Set<string>();
  for (const phrase of phrases(text)) gramsOf(phrase, grams);
  return grams;
}

/** Which items a gram belongs to, with its weight in each (IDF × title/guidance factor). */
type GramIndex = Map<string, Array<{ item: number; weight: number }>>;

function buildIndex(items: readonly MatchableItem[]): { index: GramIndex; itemGrams: Set<string>[] } {
  const perItem = items.map((item) => {
    const factors = new Map<string, number>();
    for (const g of phraseGrams(item.guidance)) factors.set(g, GUIDANCE_FACTOR);
    for (const g of phraseGrams(item.title)) factors.set(g, 1);
    return factors;
  });
  const documentFrequency = new Map<string, number>();
  for (const factors of perItem) {
    for (const g of factors.keys()) documentFrequency.set(g, (documentFrequency.get(g) ?? 0) + 1);
  }
  const index: GramIndex = new Map();
  perItem.forEach((factors, item) => {
    for (const [g, factor] of factors) {
      const idf = Math.log(1 + items.length / (documentFrequency.get(g) ?? 1));
      const postings = index.get(g) ?? [];
      postings.push({ item, weight: idf * factor });
      index.set(g, postings);
    }
  });
  return { index, itemGrams: perItem.map((factors) => new Set(factors.keys())) };
}

/** The criteria grams a text contains, each with the spans [start, end) where it occurs. */
function textGrams(text: string, index: GramIndex): Map<string, Array<[number, number]>> {
  const found = new Map<string, Array<[number, number]>>();
  for (const run of text.matchAll(HAN_RUN)) {
    const han = run[0];
    for (let i = 0; i < han.length; i++) {
      for (let n = MIN_GRAM; n <= MAX_GRAM && i + n <= han.length; n++) {
        const gram = han.slice(i, i + n);
        if (!index.has(gram)) continue;
        const spans = found.get(gram) ?? [];
        spans.push([run.index + i, run.index + i + n]);
        found.set(gram, spans);
      }
    }
  }
  return found;
}

/** Overlapping matched spans merged into the longest phrases of the text they cover. */
function mergedTerms(text: string, spans: Array<[number, number]>): string[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Array<[number, number]> = [];
  for (const [start, end] of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && start < last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return [...new Set(merged.map(([start, end]) => text.slice(start, end)))];
}

const byCode = new Intl.Collator("en", { numeric: true }).compare;
const longestFirst = (a: string, b: string) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0);
const round = (score: number) => Math.round(score * 1000) / 1000;

/** Builds the matcher once for a criteria system and synonym list; it then rates any number of texts. */
export function criteriaMatcher(
  items: readonly MatchableItem[],
  synonyms: readonly Synonym[],
): (text: string, limit?: number) => Suggestion[] {
  const { index, itemGrams } = buildIndex(items);
  const synonymGrams = synonyms
    .filter((s) => s.term.length > 0)
    .map((s) => ({ term: s.term, label: `${s.term}→${s.means}`, grams: [...phraseGrams(s.means)] }));

  return (text, limit = DEFAULT_LIMIT) => {
    const inText = textGrams(text, index);
    const present = synonymGrams.filter((s) => text.includes(s.term));
    // Each gram counts once per item, whether the text or a synonym brought it.
    const grams = new Set(inText.keys());
    for (const synonym of present) for (const g of synonym.grams) grams.add(g);

    const scores = new Float64Array(items.length);
    for (const g of grams)
      for (const { item, weight } of index.get(g) ?? []) scores[item] = (scores[item] ?? 0) + weight;

    const ranked: Array<{ item: number; score: number }> = [];
    scores.forEach((score, item) => {
      if (score >= MIN_SCORE) ranked.push({ item, score: round(score) });
    });
    const codeOf = (item: number) => (items[item] as MatchableItem).code;
    ranked.sort((a, b) => b.score - a.score || byCode(codeOf(a.item), codeOf(b.item)));

    return ranked.slice(0, Math.max(0, limit)).map(({ item, score }) => {
      const own = itemGrams[item] as Set<string>;
      const spans = [...inText].filter(([g]) => own.has(g)).flatMap(([, s]) => s);
      const viaSynonym = present.filter((s) => s.grams.some((g) => own.has(g)));
      // A word a synonym already explains is not repeated on its own.
      const plain = mergedTerms(text, spans).filter((t) => !viaSynonym.some((s) => s.term.includes(t)));
      const terms = [...viaSynonym.map((s) => s.label), ...plain].sort(longestFirst).slice(0, MAX_TERMS);
      return { itemCode: codeOf(item), score, terms };
    });
  };
}

/**
 * What is wrong with a synonym list an office wants to save, per field (`items.3.means`): a term that means
 * itself adds nothing, and a pair listed twice is one pair.
 */
export function synonymListProblems(items: readonly Synonym[]): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const seen = new Set<string>();
  items.forEach((s, i) => {
    if (s.term === s.means) problems[`items.${i}.means`] = ["与词语相同 / the same as the term"];
    const pair = `${s.term}\u0000${s.means}`;
    if (seen.has(pair)) problems[`items.${i}`] = ["重复的近义词 / this pair is listed twice"];
    seen.add(pair);
  });
  return problems;
}
