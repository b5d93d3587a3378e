import type { CriteriaSystem } from "../../api/criteria.ts";

export interface CriteriaChoice {
  code: string;
  title: string;
}

/** Every item of a criteria system a paragraph may link to: base items by category, then bonus and deduction items. */
export function criteriaChoices(system: CriteriaSystem): CriteriaChoice[] {
  return [...system.categories.flatMap((c) => c.items), ...system.bonusItems, ...system.deductionItems].map((i) => ({
    code: i.code,
    title: i.title,
  }));
}

export const choiceLabel = (c: CriteriaChoice) => `${c.code} ${c.title}`;
