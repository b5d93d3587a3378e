import type { CriteriaDraft, VetoRule } from "../../api/criteria.ts";
import type { Grade } from "./grades.ts";

/**
 * What the editor checks before it sends a system, so that a mistake shows beside its field instead of
 * as a 400 after saving. The limits mirror worker/schemas/criteria.ts (Grade, VetoRule); that the shares
 * fall from grade to grade is a rule of the product the API does not check yet.
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

/** The schema's `Code`: what codes and veto ids may look like. */
const CODE = /^[A-Za-z0-9][A-Za-z0-9.\-_]{0,19}$/;

export function gradeProblems(grades: readonly Grade[]): GradeProblem[] {
  const problems: GradeProblem[] = [];
  if (grades.length < 2) problems.push({ key: "criteria.gradesTooFew" });
  const seen = new Set<string>();
  grades.forEach((g, index) => {
    const label = g.grade.trim();
    if (label.length < 1 || label.length > 4) problems.push({ key: "criteria.gradeLabelInvalid", index });
    else if (seen.has(label)) problems.push({ key: "criteria.gradeLabelDuplicate", index });
    seen.add(label);
    if (!(g.share >= 0 && g.share <= 1)) problems.push({ key: "criteria.gradeShareRange", index });
    const above = grades[index - 1];
    // Strictly: two grades earning the same share could not be told apart in a score.
    if (above !== undefined && g.share >= above.share) problems.push({ key: "criteria.gradesDescending", index });
  });
  return problems;
}

/** Each rule's problems, by position. */
export function vetoProblems(rules: readonly VetoRule[]): VetoProblems[] {
  const counts = new Map<string, number>();
  for (const rule of rules) counts.set(rule.id.trim(), (counts.get(rule.id.trim()) ?? 0) + 1);
  return rules.map((rule) => {
    const id = rule.id.trim();
    const text = rule.text.trim();
    const problems: VetoProblems = {};
    if (!CODE.test(id)) problems.id = "criteria.vetoIdInvalid";
    else if ((counts.get(id) ?? 0) > 1) problems.id = "criteria.vetoIdDuplicate";
    if (text.length < 2 || text.length > 500) problems.text = "criteria.vetoTextLength";
    return problems;
  });
}

/** Whether anything in the draft is marked; saving waits until nothing is. */
export function draftHasProblems(draft: CriteriaDraft): boolean {
  const items = [...draft.categories.flatMap((c) => c.items), ...draft.bonusItems, ...draft.deductionItems];
  return (
    items.some((item) => item.mode === "graded" && gradeProblems(item.grades).length > 0) ||
    vetoProblems(draft.vetoRules).some((p) => p.id !== undefined || p.text !== undefined)
  );
}
