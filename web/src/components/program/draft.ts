import type {
  MeasureStatus,
  ParsedProgram,
  ProgramContent,
  SectionKind,
  StoredContent,
  TargetLevel,
} from "../../api/programs.ts";

/** An entry being edited: `key` is for React only; `id` is the server's, kept so saves stay stable. */
export interface DraftItem {
  key: string;
  id?: string;
  title: string;
  text: string;
  departments: string[];
  lead: string | null;
  dueDate: string | null;
  progress: number;
  status: MeasureStatus;
  criterionCode: string | null;
}

export interface DraftSection {
  key: string;
  id?: string;
  kind: SectionKind;
  heading: string;
  text: string;
  items: DraftItem[];
}

export interface Draft {
  title: string;
  startYear: number;
  endYear: number;
  targetLevel: TargetLevel;
  sections: DraftSection[];
}

export { MEASURE_STATUSES } from "../../../../worker/domain/record-rules.ts";
export { SECTION_KINDS, TITLE_LEVELS as TARGET_LEVELS } from "../../../../worker/domain/vocabulary.ts";

let counter = 0;
const nextKey = () => `k${++counter}`;

export function newItem(): DraftItem {
  return {
    key: nextKey(),
    title: "",
    text: "",
    departments: [],
    lead: null,
    dueDate: null,
    progress: 0,
    status: "not_started",
    criterionCode: null,
  };
}

export function newSection(kind: SectionKind = "measures"): DraftSection {
  return { key: nextKey(), kind, heading: "", text: "", items: [] };
}

export function fromStored(content: StoredContent): Draft {
  return {
    ...content,
    sections: content.sections.map((section) => ({
      ...section,
      key: nextKey(),
      items: section.items.map((item) => ({ ...item, key: nextKey() })),
    })),
  };
}

/** The parser's draft, with what it could not tell filled in: this year, city level. */
export function fromParsed(parsed: ParsedProgram, thisYear: number): Draft {
  const startYear = parsed.startYear ?? thisYear;
  return {
    title: parsed.title,
    startYear,
    endYear: parsed.endYear ?? startYear,
    targetLevel: parsed.targetLevel ?? "city",
    sections: parsed.sections.map((section) => ({
      ...newSection(section.kind),
      heading: section.heading,
      text: section.text,
      items: section.items.map((item) => ({ ...newItem(), ...item })),
    })),
  };
}

/** What the API takes: keys dropped, ids kept where the server gave them. */
export function toContent(draft: Draft): ProgramContent {
  return {
    title: draft.title,
    startYear: draft.startYear,
    endYear: draft.endYear,
    targetLevel: draft.targetLevel,
    sections: draft.sections.map(({ key: _section, items, ...section }) => ({
      ...section,
      items: items.map(({ key: _item, ...item }) => item),
    })),
  };
}

/** A copy of the list with one entry moved by `delta` places (nothing happens at either end). */
export function move<T>(list: readonly T[], index: number, delta: -1 | 1): T[] {
  const target = index + delta;
  const copy = [...list];
  const [entry] = copy.splice(index, 1);
  if (entry === undefined || target < 0 || target > list.length - 1) return [...list];
  copy.splice(target, 0, entry);
  return copy;
}

export function replaceAt<T>(list: readonly T[], index: number, entry: T): T[] {
  return list.map((existing, i) => (i === index ? entry : existing));
}

export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

export const sameContent = (a: Draft, b: Draft) => JSON.stringify(toContent(a)) === JSON.stringify(toContent(b));
