import type { FieldProblems } from "./field-messages.ts";
import { reportLength } from "./report-length.ts";

// The rules of a report the unit saves on its application: its paragraphs, its length, and what its figures and
// links may point at. Pure: the Worker checks a save with them and the SPA can show the same count.

interface Item {
  id: string;
  title: string;
  text: string;
}
interface Section {
  id: string;
  heading: string;
  text: string;
  items: readonly Item[];
}
export interface ContentShape {
  title: string;
  sections: readonly Section[];
}

/** A paragraph that can be linked to criteria items: a section's own text (under its heading) or an item. */
export interface Paragraph {
  id: string;
  /** The section's heading, or the item's title. */
  heading: string;
  text: string;
  /** The heading of the section it is in (itself for a section). */
  section: string;
  /** A section whose own text is empty has nothing of its own to suggest items for. */
  empty: boolean;
}

/** Every paragraph in reading order: each section (its heading and own text), then its items. */
export function paragraphsOf(content: ContentShape): Paragraph[] {
  return content.sections.flatMap((s) => [
    { id: s.id, heading: s.heading, text: s.text, section: s.heading, empty: s.text.trim() === "" },
    ...s.items.map((i) => ({ id: i.id, heading: i.title, text: i.text, section: s.heading, empty: false })),
  ]);
}

/** The report's length as Chinese users count it: title, headings, item titles and texts. */
export function savedReportLength(content: ContentShape): number {
  const parts = [
    content.title,
    ...content.sections.flatMap((s) => [s.heading, s.text, ...s.items.flatMap((i) => [i.title, i.text])]),
  ];
  return reportLength(parts.join("\n"));
}

/**
 * What is wrong with a save, by field: paragraph ids repeated, figures in a paragraph that does not exist, links
 * to a missing paragraph or an item code not in the round's criteria system. Empty when the save is sound.
 */
export function reportProblems(
  content: ContentShape,
  figures: ReadonlyArray<{ id: string; paragraphId: string | null }>,
  links: ReadonlyArray<{ paragraphId: string; itemCode: string }>,
  itemCodes: ReadonlySet<string>,
): FieldProblems {
  const problems: Record<string, string[]> = {};
  const seen = new Set<string>();
  content.sections.forEach((s, i) => {
    const ids: Array<[string, string]> = [
      [`content.sections.${i}.id`, s.id],
      ...s.items.map((item, j): [string, string] => [`content.sections.${i}.items.${j}.id`, item.id]),
    ];
    for (const [field, id] of ids) {
      if (seen.has(id)) problems[field] = [`段落编号重复：${id} / paragraph id used twice: ${id}`];
      seen.add(id);
    }
  });
  const figureIds = new Set<string>();
  figures.forEach((f, i) => {
    if (figureIds.has(f.id)) problems[`figures.${i}.id`] = [`数据编号重复：${f.id} / figure id used twice`];
    figureIds.add(f.id);
    if (f.paragraphId !== null && !seen.has(f.paragraphId))
      problems[`figures.${i}.paragraphId`] = ["数据所在段落不存在 / the figure's paragraph does not exist"];
  });
  links.forEach((l, i) => {
    if (!seen.has(l.paragraphId)) problems[`links.${i}.paragraphId`] = ["关联的段落不存在 / no such paragraph"];
    if (!itemCodes.has(l.itemCode))
      problems[`links.${i}.itemCode`] = [`测评体系中没有条目 ${l.itemCode} / no such criteria item`];
  });
  return problems;
}

/** The links without repeats, in the order given (a paragraph links to an item once). */
export function distinctLinks<L extends { paragraphId: string; itemCode: string }>(links: readonly L[]): L[] {
  const seen = new Set<string>();
  return links.filter((l) => {
    const key = `${l.paragraphId}\u0000${l.itemCode}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
