import type { CriteriaDocument } from "../schemas/criteria.ts";
import type { CoverageStatus } from "./vocabulary.ts";

// Coverage of a criteria system by a unit's material: for each item, what it plans or reports (a program
// measure, a report paragraph) and what it did (a record). Both sides → covered, one → thin, none → empty.

/** How many pieces of each kind are linked to one item. */
export interface ItemLinks {
  measures: number;
  records: number;
  paragraphs: number;
}

export function coverageStatus(links: ItemLinks): CoverageStatus {
  const planned = links.measures > 0 || links.paragraphs > 0;
  const done = links.records > 0;
  if (planned && done) return "covered";
  return planned || done ? "thin" : "empty";
}

export type CoverageCounts = Record<CoverageStatus, number>;

export function coverageSummary(statuses: Iterable<CoverageStatus>): CoverageCounts {
  const counts: CoverageCounts = { covered: 0, thin: 0, empty: 0 };
  for (const status of statuses) counts[status] += 1;
  return counts;
}

/** The items coverage is judged on: the system's scored items by category (bonus and deduction items are not tasks). */
export function coverageItems(doc: CriteriaDocument) {
  return doc.categories.flatMap((category) =>
    category.items.map((item) => ({
      code: item.code,
      title: item.title,
      guidance: item.guidance,
      categoryCode: category.code,
    })),
  );
}

/**
 * The round's rollup from its applications' coverage summaries (one character per item in the system's order:
 * c covered, t thin, e or absent empty): for each item, how many are covered, thin and empty, least covered
 * first: fewest covered, then most empty, then the system's order.
 */
export function roundRollup(
  items: ReadonlyArray<{ code: string; title: string; categoryCode: string }>,
  summaries: readonly string[],
) {
  const covered = items.map(() => 0);
  const thin = items.map(() => 0);
  for (const summary of summaries) {
    for (let k = 0; k < items.length && k < summary.length; k++) {
      const status = summary.charAt(k);
      if (status === "c") covered[k] = (covered[k] ?? 0) + 1;
      else if (status === "t") thin[k] = (thin[k] ?? 0) + 1;
    }
  }
  return items
    .map((item, order) => {
      const c = covered[order] ?? 0;
      const t = thin[order] ?? 0;
      return {
        order,
        row: {
          itemCode: item.code,
          title: item.title,
          categoryCode: item.categoryCode,
          covered: c,
          thin: t,
          empty: summaries.length - c - t,
        },
      };
    })
    .sort((a, b) => a.row.covered - b.row.covered || b.row.empty - a.row.empty || a.order - b.order)
    .map(({ row }) => row);
}

/** A suggestion's rating of a text for items, as the criteria matcher gives it. */
type Rate = (text: string, limit?: number) => ReadonlyArray<{ itemCode: string; score: number; terms: string[] }>;

/** A measure or record is suggested only for the few items its title fits best. */
const RATED_PER_TITLE = 5;
/** Suggestions per item and kind. */
const SUGGESTIONS_PER_ITEM = 3;

interface Linkable {
  title: string;
}

/**
 * For each item, the unit's pieces NOT linked to it whose titles the matcher rates for it, best first, with the
 * words that matched (each title is rated once, against the whole system).
 */
function suggestionsByItem<T extends Linkable>(
  pieces: readonly T[],
  rate: Rate,
  linked: (piece: T, itemCode: string) => boolean,
) {
  const byItem = new Map<string, Array<{ piece: T; score: number; terms: string[] }>>();
  for (const piece of pieces) {
    for (const s of rate(piece.title, RATED_PER_TITLE)) {
      if (linked(piece, s.itemCode)) continue;
      byItem.set(s.itemCode, [...(byItem.get(s.itemCode) ?? []), { piece, score: s.score, terms: s.terms }]);
    }
  }
  for (const [code, list] of byItem)
    byItem.set(code, list.sort((a, b) => b.score - a.score).slice(0, SUGGESTIONS_PER_ITEM));
  return byItem;
}

export interface CoverageInput {
  items: ReadonlyArray<{ code: string; title: string; categoryCode: string }>;
  /** The application's stored items: linked measure keys and record ids. */
  itemLinks: ReadonlyArray<{ itemCode: string; measureKeys: readonly string[]; recordIds: readonly string[] }>;
  /** Report paragraphs linked to items. */
  reportLinks: ReadonlyArray<{ paragraphId: string; itemCode: string }>;
  /** The report's paragraphs (sections and their items) with what heads them. */
  paragraphs: ReadonlyArray<{ id: string; heading: string }>;
  /** The unit's published measures and its records (live ones). */
  measures: ReadonlyArray<{ key: string; title: string }>;
  records: ReadonlyArray<{ id: string; title: string; date: string }>;
  rate: Rate;
}

/**
 * One application's coverage: each item with what is linked to it (links to measures, records or paragraphs
 * that no longer exist are not counted) and its status, the suggestions, and the summary.
 */
export function applicationCoverage(input: CoverageInput) {
  const measures = new Map(input.measures.map((m) => [m.key, m]));
  const records = new Map(input.records.map((r) => [r.id, r]));
  const paragraphs = new Map(input.paragraphs.map((p) => [p.id, p]));
  const stored = new Map(input.itemLinks.map((row) => [row.itemCode, row]));
  const linkedParagraphs = new Map<string, Array<{ id: string; heading: string }>>();
  for (const link of input.reportLinks) {
    const paragraph = paragraphs.get(link.paragraphId);
    if (paragraph) linkedParagraphs.set(link.itemCode, [...(linkedParagraphs.get(link.itemCode) ?? []), paragraph]);
  }
  const present = <T>(keys: readonly string[] | undefined, found: Map<string, T>) =>
    [...new Set(keys ?? [])].flatMap((k) => found.get(k) ?? []);
  const measureSuggestions = suggestionsByItem(
    input.measures,
    input.rate,
    (m, code) => stored.get(code)?.measureKeys.includes(m.key) ?? false,
  );
  const recordSuggestions = suggestionsByItem(
    input.records,
    input.rate,
    (r, code) => stored.get(code)?.recordIds.includes(r.id) ?? false,
  );
  const items = input.items.map((item) => {
    const row = stored.get(item.code);
    const linkedMeasures = present(row?.measureKeys, measures);
    const linkedRecords = present(row?.recordIds, records);
    const linked = linkedParagraphs.get(item.code) ?? [];
    return {
      itemCode: item.code,
      title: item.title,
      categoryCode: item.categoryCode,
      status: coverageStatus({
        measures: linkedMeasures.length,
        records: linkedRecords.length,
        paragraphs: linked.length,
      }),
      measures: linkedMeasures.map(({ key, title }) => ({ key, title })),
      records: linkedRecords.map(({ id, title, date }) => ({ id, title, date })),
      paragraphs: linked,
      suggestions: {
        measures: (measureSuggestions.get(item.code) ?? []).map(({ piece, terms }) => ({
          key: piece.key,
          title: piece.title,
          terms,
        })),
        records: (recordSuggestions.get(item.code) ?? []).map(({ piece, terms }) => ({
          id: piece.id,
          title: piece.title,
          terms,
        })),
      },
    };
  });
  return { summary: coverageSummary(items.map((i) => i.status)), items };
}
