import { CRITERIA_CODE } from "../../../../worker/domain/criteria-code.ts";
import { type GradeScaleProblem, gradeScaleProblems } from "../../../../worker/domain/grade-scale.ts";
import type { CriteriaDraft, CriteriaItem, VetoRule } from "../../api/criteria.ts";
import type { Grade } from "./grades.ts";

/**
 * What the editor checks before it sends a system, so that a mistake shows beside its field instead of
 * as a 400 after saving. Grade scales and codes follow the same rules as the API (worker/domain); the
 * veto text limits mirror worker/schemas/criteria.ts (VetoRule).
 */

export type GradeProblemKey =
  | "criteria.gradesTooFew"
  | "criteria.gradeLabelInvalid"
  | "criteria.gradeLabelDuplicate"
  | "criteria.gradeShareRange"
  | "criteria.gradesDescending";

export type VetoProblemKey = "criteria.vetoIdInvalid" | "criteria.vetoIdDuplicate" | "criteria.vetoTextLength";

/** A problem of a grade scale; `index` is the grade to mark, absent when the scale as a whole is wrong. */
export interface GradeProblem {
  key: GradeProblemKey;
  index?: number;
}

export interface VetoProblems {
  id?: VetoProblemKey;
  text?: VetoProblemKey;
}

const GRADE_KEYS: Record<GradeScaleProblem, GradeProblemKey> = {
  too_few: "criteria.gradesTooFew",
  label_invalid: "criteria.gradeLabelInvalid",
  label_duplicate: "criteria.gradeLabelDuplicate",
  share_range: "criteria.gradeShareRange",
  not_descending: "criteria.gradesDescending",
};

export function gradeProblems(grades: readonly Grade[]): GradeProblem[] {
  return gradeScaleProblems(grades).map(({ problem, index }) => ({
    key: GRADE_KEYS[problem],
    ...(index === undefined ? {} : { index }),
  }));
}

/** Each rule's problems, by position. */
export function vetoProblems(rules: readonly VetoRule[]): VetoProblems[] {
  const counts = new Map<string, number>();
  for (const rule of rules) counts.set(rule.id.trim(), (counts.get(rule.id.trim()) ?? 0) + 1);
  return rules.map((rule) => {
    const id = rule.id.trim();
    const text = rule.text.trim();
    const problems: VetoProblems = {};
    if (!CRITERIA_CODE.test(id)) problems.id = "criteria.vetoIdInvalid";
    else if ((counts.get(id) ?? 0) > 1) problems.id = "criteria.vetoIdDuplicate";
    if (text.length < 2 || text.length > 500) problems.text = "criteria.vetoTextLength";
    return problems;
  });
}

/** Whether any graded item of a list has a scale marked as wrong. */
export const itemsHaveProblems = (items: readonly CriteriaItem[]): boolean =>
  items.some((item) => item.mode === "graded" && gradeProblems(item.grades).length > 0);

/** Whether any veto rule is marked. */
export const vetoRulesHaveProblems = (rules: readonly VetoRule[]): boolean =>
  vetoProblems(rules).some((p) => p.id !== undefined || p.text !== undefined);

/** Whether anything in the draft is marked; saving waits until nothing is. */
export function draftHasProblems(draft: CriteriaDraft): boolean {
  return (
    itemsHaveProblems([...draft.categories.flatMap((c) => c.items), ...draft.bonusItems, ...draft.deductionItems]) ||
    vetoRulesHaveProblems(draft.vetoRules)
  );
}
