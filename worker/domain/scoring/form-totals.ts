/**
 * A reviewer's scoring form (评分表) turned into numbers, and the checks a save and a submit need.
 *
 * Why here: the form save, the results kept on write, the consistency recompute and the CSV export must all
 * agree to the cent on what a form is worth, so the arithmetic lives once, on top of the criteria system's own
 * `itemPoints`/`totalScore` (graded items earn share × max, points are clamped to [0, max], deductions are kept
 * as positive points and subtracted up to the deduction cap, bonuses count up to the bonus cap, all rounded to 2).
 */
import type { CriteriaDocument, CriteriaItemShape } from "../../schemas/criteria.ts";
import { itemPoints, itemsByCode, roundPoints, totalScore } from "../criteria.ts";

export interface ItemScoreInput {
  itemCode: string;
  points: number | null;
  grade: string | null;
}

type Method = CriteriaItemShape["method"];

export interface FormTotals {
  base: number;
  bonus: number;
  deduction: number;
  total: number;
  /** Base points per assessment method (材料审核 / 实地考察 / 问卷调查 / 网上测评); every method present. */
  methods: Record<Method, number>;
  /** Base points per category code; every category present. */
  categories: Record<string, number>;
}

const METHODS: readonly Method[] = ["material", "onsite", "survey", "online"];

/** Scores by item code; when a code repeats (refused by `scoreProblems`) the first one counts. */
function scoresByCode(scores: readonly ItemScoreInput[]): Map<string, ItemScoreInput> {
  const byCode = new Map<string, ItemScoreInput>();
  for (const score of scores) if (!byCode.has(score.itemCode)) byCode.set(score.itemCode, score);
  return byCode;
}

/** total = base − min(deductions, deductionCap) + min(bonuses, bonusCap), with subtotals of the base points. */
export function formTotals(doc: CriteriaDocument, scores: readonly ItemScoreInput[]): FormTotals {
  const byCode = scoresByCode(scores);
  const methods = Object.fromEntries(METHODS.map((m) => [m, 0])) as Record<Method, number>;
  const categories: Record<string, number> = {};
  for (const category of doc.categories) {
    let sum = 0;
    for (const item of category.items) {
      const points = itemPoints(item, byCode.get(item.code) ?? {});
      sum += points;
      methods[item.method] += points;
    }
    categories[category.code] = roundPoints(sum);
  }
  for (const method of METHODS) methods[method] = roundPoints(methods[method]);
  return { ...totalScore(doc, byCode), methods, categories };
}

/** Whether a score gives its item a value: a grade for a graded item, points for a points item. */
function isScored(item: CriteriaItemShape, score: ItemScoreInput | undefined): boolean {
  if (!score) return false;
  return item.mode === "graded" ? score.grade !== null : score.points !== null;
}

/** Codes of the base items (in the system's order) that have no points or grade yet: submitting needs none. */
export function unscoredItems(doc: CriteriaDocument, scores: readonly ItemScoreInput[]): string[] {
  const byCode = scoresByCode(scores);
  return doc.categories.flatMap((c) =>
    c.items.filter((item) => !isScored(item, byCode.get(item.code))).map((i) => i.code),
  );
}

/**
 * What is wrong with a form's scores, as field path (`items.<i>.itemCode|points|grade`, i = index in `scores`)
 * → messages "中文 / English": an unknown or repeated item code, points above the item's maximum, negative or
 * not in steps of 0.5, points on a graded item or a grade on a points item, a grade not on the item's scale.
 * Empty when the form may be saved.
 */
export function scoreProblems(doc: CriteriaDocument, scores: readonly ItemScoreInput[]): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const add = (path: string, message: string) => {
    problems[path] = [...(problems[path] ?? []), message];
  };
  const items = itemsByCode(doc);
  const seen = new Set<string>();
  scores.forEach((score, i) => {
    const item = items.get(score.itemCode);
    if (!item) {
      add(`items.${i}.itemCode`, `没有这个评分项：${score.itemCode} / no item ${score.itemCode} in this system`);
      return;
    }
    if (seen.has(score.itemCode)) {
      add(`items.${i}.itemCode`, `评分项重复：${score.itemCode} / item ${score.itemCode} is scored twice`);
    }
    seen.add(score.itemCode);
    if (item.mode === "graded") {
      if (score.points !== null) {
        add(`items.${i}.points`, "该项按档次评分，请选择档次 / this item is graded: pick a grade, not points");
      }
      if (score.grade !== null && !item.grades.some((g) => g.grade === score.grade)) {
        const scale = item.grades.map((g) => g.grade).join("/");
        add(`items.${i}.grade`, `档次须为 ${scale} 之一 / the grade is one of ${scale}`);
      }
      return;
    }
    if (score.grade !== null) {
      add(`items.${i}.grade`, "该项按分值评分，不分档次 / this item takes points, not a grade");
    }
    if (score.points === null) return;
    if (!Number.isFinite(score.points) || score.points < 0) {
      add(`items.${i}.points`, "分值不能为负 / points cannot be negative");
    } else if (score.points > item.maxPoints) {
      add(`items.${i}.points`, `超过该项满分 ${item.maxPoints} / more than the item's ${item.maxPoints} points`);
    }
    if (!Number.isInteger(score.points * 2)) {
      add(`items.${i}.points`, "分值须为 0.5 的整数倍 / points go in steps of 0.5");
    }
  });
  return problems;
}

/**
 * What is wrong with a form's veto findings (一票否决), as `vetoFindings.<i>.ruleId` → messages: a rule the
 * system does not have, or the same rule twice.
 */
export function vetoProblems(doc: CriteriaDocument, findings: readonly { ruleId: string }[]): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const rules = new Set(doc.vetoRules.map((r) => r.id));
  const seen = new Set<string>();
  findings.forEach((finding, i) => {
    const path = `vetoFindings.${i}.ruleId`;
    if (!rules.has(finding.ruleId)) {
      problems[path] = [`没有这个否决项：${finding.ruleId} / no veto rule ${finding.ruleId} in this system`];
    } else if (seen.has(finding.ruleId)) {
      problems[path] = [`否决项重复：${finding.ruleId} / veto rule ${finding.ruleId} is given twice`];
    }
    seen.add(finding.ruleId);
  });
  return problems;
}
