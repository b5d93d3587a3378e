import { describe, expect, it } from "vitest";
import { roundPoints } from "../../worker/domain/criteria.ts";
import {
  formTotals,
  type ItemScoreInput,
  scoreProblems,
  unscoredItems,
  vetoProblems,
} from "../../worker/domain/scoring/form-totals.ts";
import { CriteriaContent } from "../../worker/schemas/criteria.ts";

const ABCD = [
  { grade: "A", share: 1 },
  { grade: "B", share: 0.66 },
  { grade: "C", share: 0.33 },
  { grade: "D", share: 0 },
];

/** A small system: 2 categories over all four methods (100 points), capped bonuses and deductions, 2 vetoes. */
const doc = CriteriaContent.parse({
  name: "测试体系",
  version: 1,
  maxTotal: 100,
  categories: [
    {
      code: "C1",
      title: "组织领导",
      items: [
        { code: "m1", title: "材料", maxPoints: 10, method: "material" },
        { code: "o1", title: "实地", maxPoints: 20, method: "onsite", mode: "graded", grades: ABCD },
      ],
    },
    {
      code: "C2",
      title: "工作成效",
      items: [
        { code: "s1", title: "问卷", maxPoints: 30, method: "survey" },
        { code: "n1", title: "网上", maxPoints: 37.5, method: "online" },
        { code: "m2", title: "材料二", maxPoints: 2.5, method: "material", mode: "graded", grades: ABCD },
      ],
    },
  ],
  bonusItems: [
    { code: "b1", title: "加分一", maxPoints: 5, method: "material" },
    { code: "b2", title: "加分二", maxPoints: 5, method: "onsite", mode: "graded", grades: ABCD },
  ],
  bonusCap: 6,
  deductionItems: [
    { code: "d1", title: "扣分一", maxPoints: 10, method: "material" },
    { code: "d2", title: "扣分二", maxPoints: 5, method: "onsite" },
  ],
  deductionCap: 8,
  vetoRules: [
    { id: "V1", text: "发生重大安全事故" },
    { id: "V2", text: "严重违法违纪" },
  ],
});

const p = (itemCode: string, points: number | null): ItemScoreInput => ({ itemCode, points, grade: null });
const g = (itemCode: string, grade: string | null): ItemScoreInput => ({ itemCode, points: null, grade });

const fullBase = [p("m1", 7.5), g("o1", "B"), p("s1", 25), p("n1", 33.5), g("m2", "C")];

describe("formTotals", () => {
  it("adds base items, graded items as share × max, with subtotals per method and per category", () => {
    // o1: 0.66 × 20 = 13.2; m2: 0.33 × 2.5 = 0.825 → 0.83 (half away from zero)
    expect(formTotals(doc, fullBase)).toEqual({
      base: 80.03,
      bonus: 0,
      deduction: 0,
      total: 80.03,
      methods: { material: 8.33, onsite: 13.2, survey: 25, online: 33.5 },
      categories: { C1: 20.7, C2: 59.33 },
    });
  });

  it("subtracts deductions and adds bonuses below their caps", () => {
    const totals = formTotals(doc, [...fullBase, p("b1", 2), g("b2", "D"), p("d1", 1.5), p("d2", 0.5)]);
    expect(totals).toMatchObject({ base: 80.03, bonus: 2, deduction: 2, total: 80.03 });
  });

  it("caps deductions at the deduction cap and bonuses at the bonus cap", () => {
    // bonuses 4 + 0.66 × 5 = 7.3 → cap 6; deductions 6 + 3 = 9 → cap 8
    const totals = formTotals(doc, [...fullBase, p("b1", 4), g("b2", "B"), p("d1", 6), p("d2", 3)]);
    expect(totals).toMatchObject({ base: 80.03, bonus: 6, deduction: 8, total: 78.03 });
  });

  it("keeps bonus and deduction items out of the method and category subtotals", () => {
    const totals = formTotals(doc, [...fullBase, p("b1", 5), p("d1", 10)]);
    expect(totals.methods).toEqual({ material: 8.33, onsite: 13.2, survey: 25, online: 33.5 });
    expect(totals.categories).toEqual({ C1: 20.7, C2: 59.33 });
  });

  it("counts an unscored item, an unknown grade and points on a graded item as 0", () => {
    const totals = formTotals(doc, [p("m1", 10), g("o1", "Z"), p("m2", 2.5), p("unknown", 50)]);
    expect(totals).toEqual({
      base: 10,
      bonus: 0,
      deduction: 0,
      total: 10,
      methods: { material: 10, onsite: 0, survey: 0, online: 0 },
      categories: { C1: 10, C2: 0 },
    });
  });

  it("clamps points items to [0, max]", () => {
    expect(formTotals(doc, [p("m1", 12), p("s1", -3), p("d1", 99)])).toMatchObject({
      base: 10,
      deduction: 8,
      total: 2,
    });
  });

  it("gives zeros for an empty form, every method and category present", () => {
    expect(formTotals(doc, [])).toEqual({
      base: 0,
      bonus: 0,
      deduction: 0,
      total: 0,
      methods: { material: 0, onsite: 0, survey: 0, online: 0 },
      categories: { C1: 0, C2: 0 },
    });
  });

  it("a deduction cap above the base points makes the total negative", () => {
    expect(formTotals(doc, [p("m1", 1), p("d1", 8)]).total).toBe(-7);
  });

  it("uses the first score of a repeated code", () => {
    expect(formTotals(doc, [p("m1", 3), p("m1", 9)]).base).toBe(3);
  });

  it("full marks reach the system's total", () => {
    const all = [p("m1", 10), g("o1", "A"), p("s1", 30), p("n1", 37.5), g("m2", "A")];
    expect(formTotals(doc, all)).toMatchObject({ base: 100, total: 100 });
  });
});

describe("roundPoints", () => {
  it("rounds half away from zero without binary noise", () => {
    expect(roundPoints(1.005)).toBe(1.01);
    expect(roundPoints(0.825)).toBe(0.83);
    expect(roundPoints(80.125)).toBe(80.13);
    expect(roundPoints(-0.125)).toBe(-0.13);
    expect(roundPoints(2.004999)).toBe(2);
    expect(roundPoints(0.1 + 0.2)).toBe(0.3);
    expect(Object.is(roundPoints(-0.001), 0)).toBe(true);
  });
});

describe("unscoredItems", () => {
  it("lists base items without points or grade, in the system's order", () => {
    expect(unscoredItems(doc, [])).toEqual(["m1", "o1", "s1", "n1", "m2"]);
    expect(unscoredItems(doc, [p("m1", 0), g("o1", null), p("s1", null), p("n1", 3), p("m2", 2)])).toEqual([
      "o1",
      "s1",
      "m2",
    ]);
  });

  it("does not ask for bonus and deduction items", () => {
    expect(unscoredItems(doc, fullBase)).toEqual([]);
  });
});

describe("scoreProblems", () => {
  it("accepts a sound form", () => {
    expect(scoreProblems(doc, [...fullBase, p("b1", 0.5), g("b2", "A"), p("d1", 10), p("d2", null)])).toEqual({});
    expect(scoreProblems(doc, [])).toEqual({});
  });

  it("refuses an unknown or repeated item code", () => {
    expect(scoreProblems(doc, [p("zz", 1), p("m1", 1), p("m1", 2)])).toEqual({
      "items.0.itemCode": ["没有这个评分项：zz / no item zz in this system"],
      "items.2.itemCode": ["评分项重复：m1 / item m1 is scored twice"],
    });
  });

  it("refuses points above the maximum, negative, or not in steps of 0.5", () => {
    expect(scoreProblems(doc, [p("m1", 10.5), p("s1", -1), p("n1", 3.25), p("d1", 11.3)])).toEqual({
      "items.0.points": ["超过该项满分 10 / more than the item's 10 points"],
      "items.1.points": ["分值不能为负 / points cannot be negative"],
      "items.2.points": ["分值须为 0.5 的整数倍 / points go in steps of 0.5"],
      "items.3.points": [
        "超过该项满分 10 / more than the item's 10 points",
        "分值须为 0.5 的整数倍 / points go in steps of 0.5",
      ],
    });
  });

  it("refuses points on a graded item and a grade on a points item", () => {
    expect(
      scoreProblems(doc, [
        { itemCode: "o1", points: 10, grade: null },
        { itemCode: "m1", points: 5, grade: "A" },
      ]),
    ).toEqual({
      "items.0.points": ["该项按档次评分，请选择档次 / this item is graded: pick a grade, not points"],
      "items.1.grade": ["该项按分值评分，不分档次 / this item takes points, not a grade"],
    });
  });

  it("refuses a grade not on the item's scale", () => {
    expect(scoreProblems(doc, [g("o1", "E"), g("b2", "a")])).toEqual({
      "items.0.grade": ["档次须为 A/B/C/D 之一 / the grade is one of A/B/C/D"],
      "items.1.grade": ["档次须为 A/B/C/D 之一 / the grade is one of A/B/C/D"],
    });
  });
});

describe("vetoProblems", () => {
  it("accepts known rules once each", () => {
    expect(vetoProblems(doc, [{ ruleId: "V1" }, { ruleId: "V2" }])).toEqual({});
    expect(vetoProblems(doc, [])).toEqual({});
  });

  it("refuses an unknown rule and a repeated one", () => {
    expect(vetoProblems(doc, [{ ruleId: "V1" }, { ruleId: "V9" }, { ruleId: "V1" }])).toEqual({
      "vetoFindings.1.ruleId": ["没有这个否决项：V9 / no veto rule V9 in this system"],
      "vetoFindings.2.ruleId": ["否决项重复：V1 / veto rule V1 is given twice"],
    });
  });
});
