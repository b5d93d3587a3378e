import { describe, expect, it } from "vitest";
import { demoCriteria } from "../../db/seed/criteria.ts";
import type { CriteriaDraft } from "../../web/src/api/criteria.ts";
import { countChanges, initialCategoryKeys } from "../../web/src/components/criteria/changes.ts";
import { move, removeAt } from "../../web/src/components/program/draft.ts";

// The criteria editor's change count (web/src/components/criteria/changes.ts), shown beside 保存.

const original = demoCriteria("sichuan") as CriteriaDraft;
const keys = initialCategoryKeys(original);
const [first, second] = original.categories;
if (!first || !second) throw new Error("the demo system has fewer than two categories");

const withCategory = (index: number, category: CriteriaDraft["categories"][number]): CriteriaDraft => ({
  ...original,
  categories: original.categories.map((c, i) => (i === index ? category : c)),
});

describe("the criteria editor's change count", () => {
  it("is zero for the system as loaded", () => {
    expect(countChanges(original, structuredClone(original), keys)).toBe(0);
  });

  it("counts an edited item once, and each edit of another item once more", () => {
    const items = first.items.map((item, i) => (i < 2 ? { ...item, maxPoints: item.maxPoints + 1 } : item));
    const [one] = items;
    if (!one) throw new Error("no item");
    expect(countChanges(original, withCategory(0, { ...first, items: [one, ...first.items.slice(1)] }), keys)).toBe(1);
    expect(countChanges(original, withCategory(0, { ...first, items }), keys)).toBe(2);
  });

  it("counts a renamed category once, even when its code changes", () => {
    expect(countChanges(original, withCategory(0, { ...first, code: "Z9", title: "新类别名称" }), keys)).toBe(1);
  });

  it("counts an added and a removed veto rule as two", () => {
    const added = { id: "V99", text: "单位发生重大网络安全事件", lookbackMonths: 24, threshold: null };
    const draft = { ...original, vetoRules: [...removeAt(original.vetoRules, 0), added] };
    expect(countChanges(original, draft, keys)).toBe(2);
  });

  it("counts a removed category with its items, and a move alone as one change", () => {
    const removed = { ...original, categories: removeAt(original.categories, 0) };
    expect(countChanges(original, removed, removeAt(keys, 0))).toBe(1 + first.items.length);
    const moved = { ...original, categories: move(original.categories, 0, 1) };
    expect(countChanges(original, moved, move(keys, 0, 1))).toBe(1);
  });

  it("counts a change of the system's name or caps once", () => {
    expect(countChanges(original, { ...original, name: "新名称", bonusCap: original.bonusCap + 1 }, keys)).toBe(1);
  });
});
