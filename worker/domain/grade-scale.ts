/**
 * Rules of a graded item's scale (分档计分, e.g. A/B/C/D at 100/66/33/0 % of the maximum), checked by the
 * API on every save and import and by the SPA's editor beside each field.
 */
export interface GradeStep {
  grade: string;
  share: number;
}

export type GradeScaleProblem = "too_few" | "label_invalid" | "label_duplicate" | "share_range" | "not_descending";

export const GRADE_LABEL_MAX = 4;

/** Each problem of a scale; `index` is the grade to mark, absent when the scale as a whole is wrong. */
export function gradeScaleProblems(
  grades: readonly GradeStep[],
): Array<{ problem: GradeScaleProblem; index?: number }> {
  const problems: Array<{ problem: GradeScaleProblem; index?: number }> = [];
  if (grades.length < 2) problems.push({ problem: "too_few" });
  const seen = new Set<string>();
  grades.forEach((step, index) => {
    const label = step.grade.trim();
    if (label.length < 1 || label.length > GRADE_LABEL_MAX) problems.push({ problem: "label_invalid", index });
    else if (seen.has(label)) problems.push({ problem: "label_duplicate", index });
    seen.add(label);
    if (!(step.share >= 0 && step.share <= 1)) problems.push({ problem: "share_range", index });
    const above = grades[index - 1];
    // Strictly falling: two grades earning the same share could not be told apart in a score.
    if (above !== undefined && step.share >= above.share) problems.push({ problem: "not_descending", index });
  });
  return problems;
}
