import type { CriteriaDocument, CriteriaItemShape } from "../schemas/criteria.ts";
import { type GradeScaleProblem, gradeScaleProblems } from "./grade-scale.ts";

const GRADE_MESSAGES: Record<GradeScaleProblem, string> = {
  too_few: "分档计分须至少两个档次 / graded scoring needs at least two grades",
  label_invalid: "档次名称为 1–4 个字 / a grade's name is 1–4 characters",
  label_duplicate: "档次名称重复 / grade names repeat",
  share_range: "得分比例须在 0–100% 之间 / a grade's share is between 0 and 100 %",
  not_descending: "得分比例须逐档递减 / shares must fall from grade to grade",
};

/**
 * Rules of a criteria system (测评体系) that a schema cannot express: base points add up to the
 * declared total, codes are unique, graded items have a sound scale, caps are positive where items exist.
 * Returns field path → messages (empty when the system is sound).
 */
export function criteriaProblems(doc: CriteriaDocument): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const add = (path: string, message: string) => {
    problems[path] = [...(problems[path] ?? []), message];
  };
  const base = doc.categories.flatMap((c) => c.items);
  const sum = roundPoints(base.reduce((total, item) => total + item.maxPoints, 0));
  if (sum !== roundPoints(doc.maxTotal)) {
    add("maxTotal", `基础分合计 ${sum} 与总分 ${doc.maxTotal} 不符 / base items add up to ${sum}, not ${doc.maxTotal}`);
  }
  const seen = new Set<string>();
  const codes = [
    ...doc.categories.map((c) => c.code),
    ...base.map((i) => i.code),
    ...doc.bonusItems.map((i) => i.code),
    ...doc.deductionItems.map((i) => i.code),
  ];
  for (const code of codes) {
    if (seen.has(code)) add("codes", `编码重复：${code} / duplicate code ${code}`);
    seen.add(code);
  }
  const vetoIds = new Set<string>();
  for (const rule of doc.vetoRules) {
    if (vetoIds.has(rule.id)) add("vetoRules", `否决项编号重复：${rule.id} / duplicate veto id`);
    vetoIds.add(rule.id);
  }
  for (const item of [...base, ...doc.bonusItems, ...doc.deductionItems]) {
    if (item.mode === "graded") {
      const kinds = new Set(gradeScaleProblems(item.grades).map((p) => p.problem));
      for (const kind of kinds) add(`items.${item.code}`, GRADE_MESSAGES[kind]);
    }
    if (item.mode === "points" && !Number.isInteger(item.maxPoints * 2)) {
      add(`items.${item.code}`, "分值须为 0.5 的整数倍 / points go in steps of 0.5");
    }
  }
  if (doc.bonusItems.length > 0 && doc.bonusCap <= 0) add("bonusCap", "有加分项时须设上限 / set a bonus cap");
  if (doc.deductionItems.length > 0 && doc.deductionCap <= 0)
    add("deductionCap", "有扣分项时须设上限 / set a deduction cap");
  return problems;
}

/**
 * Rounds to 2 decimals, half away from zero, absorbing binary noise (1.005 → 1.01, not 1.00; −0.125 → −0.13):
 * the one rounding every score, total and aggregate goes through.
 */
export function roundPoints(n: number): number {
  const r = (Math.sign(n) * Math.round(Math.abs(n) * 100 + 1e-7)) / 100;
  return r === 0 ? 0 : r;
}

/** Each method's share of the base points, e.g. 材料审核 50 of 100 → 0.5. */
export function methodShares(doc: CriteriaDocument) {
  const base = doc.categories.flatMap((c) => c.items);
  const total = base.reduce((sum, item) => sum + item.maxPoints, 0);
  const byMethod = new Map<CriteriaItemShape["method"], number>();
  for (const item of base) byMethod.set(item.method, (byMethod.get(item.method) ?? 0) + item.maxPoints);
  return [...byMethod.entries()].map(([method, points]) => ({
    method,
    points: roundPoints(points),
    share: total > 0 ? roundPoints(points / total) : 0,
  }));
}

/** Points an item earns: free points as given (clamped), graded as the grade's share of the maximum. */
export function itemPoints(item: CriteriaItemShape, score: { points?: number | null; grade?: string | null }): number {
  if (item.mode === "graded") {
    const grade = item.grades.find((g) => g.grade === score.grade);
    return grade ? roundPoints(item.maxPoints * grade.share) : 0;
  }
  return roundPoints(Math.min(item.maxPoints, Math.max(0, score.points ?? 0)));
}

/** total = base − min(deductions, cap) + min(bonuses, cap). */
export function totalScore(
  doc: CriteriaDocument,
  scores: ReadonlyMap<string, { points?: number | null; grade?: string | null }>,
): { base: number; bonus: number; deduction: number; total: number } {
  const sumOf = (items: CriteriaItemShape[]) =>
    items.reduce((sum, item) => sum + itemPoints(item, scores.get(item.code) ?? {}), 0);
  const base = roundPoints(sumOf(doc.categories.flatMap((c) => c.items)));
  const bonus = roundPoints(Math.min(doc.bonusCap, sumOf(doc.bonusItems)));
  const deduction = roundPoints(Math.min(doc.deductionCap, sumOf(doc.deductionItems)));
  return { base, bonus, deduction, total: roundPoints(base - deduction + bonus) };
}

/** Every item of a system by code, base, bonus and deduction alike. */
export function itemsByCode(doc: CriteriaDocument): Map<string, CriteriaItemShape> {
  return new Map(
    [...doc.categories.flatMap((c) => c.items), ...doc.bonusItems, ...doc.deductionItems].map((i) => [i.code, i]),
  );
}
