import type { Classification, ClassificationInput } from "../../api/settings.ts";

/** One entry as edited locally: saved entries keep their id; new ones get a key until saved. */
export interface DraftItem {
  key: string;
  id?: string;
  code: string;
  name: string;
  archived: boolean;
  inUse: number;
}

/**
 * A new entry's code: the list's internal key (the Worker wants one, unique in the list), never shown; people
 * tell entries apart by name, so they are not asked to invent an English code.
 */
export function newCode(): string {
  return `c-${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
}

export function draftFrom(items: Classification[]): DraftItem[] {
  return items.map((item) => ({ key: item.id, ...item }));
}

export function move(items: DraftItem[], index: number, by: -1 | 1): DraftItem[] {
  const target = index + by;
  if (target < 0 || target >= items.length) return items;
  const next = [...items];
  const [moved] = next.splice(index, 1);
  if (moved) next.splice(target, 0, moved);
  return next;
}

/** The whole list in its new order, as the API takes it. */
export function toInput(items: DraftItem[]): ClassificationInput[] {
  return items.map(({ id, code, name, archived }) => ({ ...(id ? { id } : {}), code, name: name.trim(), archived }));
}

export function sameList(a: DraftItem[], b: DraftItem[]): boolean {
  return JSON.stringify(toInput(a)) === JSON.stringify(toInput(b));
}
