import type { CriteriaItem, CriteriaSystem } from "../../api/criteria.ts";

/** One part of a criteria system a long form shows at a time. */
export interface FormSection {
  key: string;
  label: string;
  items: CriteriaItem[];
}

/** The key of the bonus and deduction items' section: no category code can be spelled like it. */
export const EXTRAS_SECTION = "bonus-deduction";

/** The system's categories in order, then its bonus and deduction items together as one section (if any). */
export function formSections(system: CriteriaSystem, extrasLabel: string): FormSection[] {
  const sections = system.categories.map((c) => ({ key: c.code, label: `${c.code} ${c.title}`, items: c.items }));
  const extras = [...system.bonusItems, ...system.deductionItems];
  return extras.length > 0 ? [...sections, { key: EXTRAS_SECTION, label: extrasLabel, items: extras }] : sections;
}

/** The section an item is in, e.g. to show it when a list of what is missing links to it. */
export function sectionOf(sections: FormSection[], code: string): string | undefined {
  return sections.find((s) => s.items.some((i) => i.code === code))?.key;
}
