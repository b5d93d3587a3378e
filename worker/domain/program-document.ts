import type { ProgramDocument, StoredItem } from "../schemas/programs.ts";

/** Input shape of a program document: ids may be missing on new sections and items. */
export type ProgramInput = Omit<ProgramDocument, "sections"> & {
  sections: Array<
    Omit<ProgramDocument["sections"][number], "id" | "items"> & {
      id?: string | undefined;
      items: Array<Omit<StoredItem, "id"> & { id?: string | undefined }>;
    }
  >;
};

/**
 * Gives every section and item a stable id: kept when given and unique, new otherwise. Ids are what
 * records link to and what version comparison matches on, so an edit never changes them.
 */
export function withIds(input: ProgramInput, newId: () => string): ProgramDocument {
  const seen = new Set<string>();
  const keep = (id: string | undefined) => {
    const chosen = id && !seen.has(id) ? id : newId();
    seen.add(chosen);
    return chosen;
  };
  return {
    ...input,
    sections: input.sections.map((section) => ({
      ...section,
      id: keep(section.id),
      items: section.items.map((item) => ({ ...item, id: keep(item.id) })),
    })),
  };
}

/** The measures (重点工作) of a document: the items of its measures sections, in order. */
export function measuresOf(doc: ProgramDocument): StoredItem[] {
  return doc.sections.filter((s) => s.kind === "measures").flatMap((s) => s.items);
}

export type Change = "added" | "removed" | "changed" | "moved";
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function fieldChanges<T extends object>(before: T, after: T, fields: ReadonlyArray<keyof T & string>): FieldChange[] {
  return fields.flatMap((field) =>
    same(before[field], after[field]) ? [] : [{ field, before: before[field], after: after[field] }],
  );
}

const ITEM_FIELDS = ["title", "text", "departments", "lead", "dueDate", "progress", "status", "criterionCode"] as const;
const SECTION_FIELDS = ["kind", "heading", "text"] as const;
const PROGRAM_FIELDS = ["title", "startYear", "endYear", "targetLevel"] as const;

/**
 * Matches entries by id: what was added, removed, edited, or moved. An entry counts as moved only when
 * its order among the entries both lists share changed, not when others were inserted before it.
 */
function compareLists<T extends { id: string }, R>(
  before: T[],
  after: T[],
  describe: (entry: { id: string; change: Change; before: T | undefined; after: T | undefined }) => R | null,
): R[] {
  const afterIds = new Set(after.map((e) => e.id));
  const beforeById = new Map(before.map((e) => [e.id, e]));
  const sharedBefore = before.filter((e) => afterIds.has(e.id)).map((e) => e.id);
  const sharedAfter = after.filter((e) => beforeById.has(e.id)).map((e) => e.id);
  const out: R[] = [];
  for (const entry of after) {
    const old = beforeById.get(entry.id);
    const moved = old !== undefined && sharedBefore.indexOf(entry.id) !== sharedAfter.indexOf(entry.id);
    const change: Change = old === undefined ? "added" : moved ? "moved" : "changed";
    const described = describe({ id: entry.id, change, before: old, after: entry });
    if (described) out.push(described);
  }
  for (const entry of before) {
    if (!afterIds.has(entry.id)) {
      const described = describe({ id: entry.id, change: "removed", before: entry, after: undefined });
      if (described) out.push(described);
    }
  }
  return out;
}

/** What changed from one version of a program to another, for the "compare versions" view. */
export function diffPrograms(from: ProgramDocument, to: ProgramDocument) {
  return {
    fields: fieldChanges(from, to, PROGRAM_FIELDS),
    sections: compareLists(from.sections, to.sections, ({ id, change, before, after }) => {
      const fields = before && after ? fieldChanges(before, after, SECTION_FIELDS) : [];
      const items = compareLists(before?.items ?? [], after?.items ?? [], (item) => {
        const itemFields = item.before && item.after ? fieldChanges(item.before, item.after, ITEM_FIELDS) : [];
        if (item.change === "changed" && itemFields.length === 0) return null;
        return {
          id: item.id,
          title: (item.after ?? item.before)?.title ?? "",
          change: item.change,
          fields: itemFields,
        };
      });
      if (change === "changed" && fields.length === 0 && items.length === 0) return null;
      return { id, heading: (after ?? before)?.heading ?? "", change, fields, items };
    }),
  };
}
