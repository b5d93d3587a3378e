import type { ApplicationItem, ItemsInput } from "../../api/applications.ts";

/** One item's self-assessment as the form holds it while the user types: links as the textarea's lines. */
export interface ItemDraft {
  selfPoints: number | null;
  selfGrade: string | null;
  note: string;
  links: string;
  measureKeys: string[];
  recordIds: string[];
}

export const draftOf = (entry: ApplicationItem): ItemDraft => ({
  selfPoints: entry.selfPoints,
  selfGrade: entry.selfGrade,
  note: entry.note,
  links: entry.links.join("\n"),
  measureKeys: entry.measureKeys,
  recordIds: entry.recordIds,
});

const linkList = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Whether the draft says what is stored: blank lines and spaces around links do not count as a change. */
export function sameAsStored(draft: ItemDraft, entry: ApplicationItem): boolean {
  return (
    draft.selfPoints === entry.selfPoints &&
    draft.selfGrade === entry.selfGrade &&
    draft.note === entry.note &&
    sameList(linkList(draft.links), entry.links) &&
    sameList(draft.measureKeys, entry.measureKeys) &&
    sameList(draft.recordIds, entry.recordIds)
  );
}

/** What the batch save sends for a draft: a graded item carries a grade only, a points item points only. */
export function inputOf(code: string, draft: ItemDraft, graded: boolean): ItemsInput[number] {
  return {
    code,
    selfPoints: graded ? null : draft.selfPoints,
    selfGrade: graded ? draft.selfGrade : null,
    note: draft.note,
    links: linkList(draft.links),
    measureKeys: draft.measureKeys,
    recordIds: draft.recordIds,
  };
}

/** An item counts as filled once it has a self score (points or a grade). */
export const filled = (draft: ItemDraft) => draft.selfPoints != null || draft.selfGrade != null;
