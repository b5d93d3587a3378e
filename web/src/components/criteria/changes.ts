import type { CriteriaDraft } from "../../api/criteria.ts";

/**
 * The draft's parts, each under an identity: the system's own fields; each category's code and title under
 * the editor's key for it (which moves with it, so renaming a category is one change); each item and veto
 * rule under its code (a repeated code, while being typed, gets its occurrence number).
 */
function parts(draft: CriteriaDraft, categoryKeys: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  const put = (identity: string, value: unknown) => {
    let n = 1;
    while (map.has(`${identity}#${n}`)) n++;
    map.set(`${identity}#${n}`, JSON.stringify(value));
  };
  const { name, version, bonusCap, deductionCap } = draft;
  put("system", { name, version, bonusCap, deductionCap });
  draft.categories.forEach((c, i) => {
    put(`category:${categoryKeys[i] ?? i}`, [c.code, c.title]);
    for (const item of c.items) put(`item:${item.code}`, item);
  });
  for (const item of draft.bonusItems) put(`bonus:${item.code}`, item);
  for (const item of draft.deductionItems) put(`deduction:${item.code}`, item);
  for (const rule of draft.vetoRules) put(`veto:${rule.id}`, rule);
  return map;
}

/** The editor's keys for the categories of a system as loaded; later ones continue the numbering. */
export const initialCategoryKeys = (draft: CriteriaDraft) => draft.categories.map((_, i) => `k${i}`);

/** The order of everything, to notice a move that changes no part. */
const order = (draft: CriteriaDraft) =>
  JSON.stringify([
    draft.categories.map((c) => [c.code, c.items.map((i) => i.code)]),
    draft.bonusItems.map((i) => i.code),
    draft.deductionItems.map((i) => i.code),
    draft.vetoRules.map((r) => r.id),
  ]);

/**
 * How many parts were added, removed or edited since the system was loaded (its categories then had their
 * initial keys). A move alone changes no part, yet is worth saving, so it counts as one.
 */
export function countChanges(original: CriteriaDraft, draft: CriteriaDraft, categoryKeys: readonly string[]): number {
  const before = parts(original, initialCategoryKeys(original));
  const after = parts(draft, categoryKeys);
  let changed = 0;
  for (const [identity, value] of after) if (before.get(identity) !== value) changed++;
  for (const identity of before.keys()) if (!after.has(identity)) changed++;
  if (changed > 0) return changed;
  return order(original) === order(draft) ? 0 : 1;
}
