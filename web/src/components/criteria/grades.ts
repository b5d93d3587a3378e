import type { CriteriaItem } from "../../api/criteria.ts";

export type Grade = CriteriaItem["grades"][number];

/** The API stores a grade's share as a fraction (0.66); people read and type percentages (66). */
export const toPercent = (share: number) => Math.round(share * 1000) / 10;
export const fromPercent = (percent: number) => Math.round(percent * 10) / 1000;

/** The common A/B/C/D scale an item starts from when it is switched to graded scoring. */
export function standardGrades(): Grade[] {
  return [
    { grade: "A", share: 1 },
    { grade: "B", share: 0.66 },
    { grade: "C", share: 0.33 },
    { grade: "D", share: 0 },
  ];
}

/**
 * "A 100% · B 66% · C 33% · D 0%" as the read-only view shows a scale. The spaces inside a grade and before
 * each dot are non-breaking, so a narrow column wraps only after a dot and every line starts with a grade.
 */
export const gradesSummary = (grades: readonly Grade[]) =>
  grades.map((g) => `${g.grade}\u00a0${toPercent(g.share)}%`).join("\u00a0· ");
