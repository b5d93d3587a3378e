import { describe, expect, it } from "vitest";
import type { CriteriaSystem } from "../../web/src/api/criteria.ts";
import type { ScoreForm } from "../../web/src/api/scoring.ts";
import {
  type Draft,
  differingItems,
  draftFromForm,
  draftKey,
  formFromConflict,
  saveBody,
  scoredItems,
  summarize,
} from "../../web/src/components/scoring/draft.ts";
import { formTotals } from "../../worker/domain/scoring/form-totals.ts";
import { CriteriaContent } from "../../worker/schemas/criteria.ts";

// The SPA's scoring draft (web/src/components/scoring/draft.ts): what it sends, when it counts as changed, and
// that its live totals and problems are the Worker's own (the same domain functions, item paths mapped to codes).

const grades = [
  { grade: "A", share: 1 },
  { grade: "B", share: 0.5 },
];
const content = CriteriaContent.parse({
  name: "测试体系",
  version: 1,
  maxTotal: 30,
  categories: [
    {
      code: "C1",
      title: "组织领导",
      items: [
        { code: "p1", title: "计分项", maxPoints: 10, method: "material" },
        { code: "g1", title: "分档项", maxPoints: 10, method: "onsite", mode: "graded", grades },
      ],
    },
    { code: "C2", title: "工作成效", items: [{ code: "p2", title: "问卷", maxPoints: 10, method: "survey" }] },
  ],
  bonusItems: [{ code: "b1", title: "加分", maxPoints: 5, method: "material" }],
  bonusCap: 3,
  deductionItems: [{ code: "d1", title: "扣分", maxPoints: 5, method: "material" }],
  deductionCap: 4,
  vetoRules: [{ id: "V1", text: "发生重大责任事故" }],
});
const system: CriteriaSystem = { ...content, id: "s", frozen: true, rev: 1, methodShares: [] };
const order = scoredItems(system);

const draft = (items: Draft["items"], vetoFindings: Draft["vetoFindings"] = []): Draft => ({ items, vetoFindings });
const item = (points: number | null, grade: string | null = null, comment = "") => ({ points, grade, comment });

describe("the scoring draft", () => {
  it("orders base items by category, then bonus, then deduction items", () => {
    expect(order.map((o) => [o.item.code, o.kind, o.category])).toEqual([
      ["p1", "base", "C1"],
      ["g1", "base", "C1"],
      ["p2", "base", "C2"],
      ["b1", "bonus", null],
      ["d1", "deduction", null],
    ]);
  });

  it("totals the draft with the domain's formTotals, caps included", () => {
    const d = draft({ p1: item(8), g1: item(null, "B"), b1: item(5), d1: item(5) });
    const summary = summarize(system, order, d);
    expect(summary.totals).toEqual(
      formTotals(content, [
        { itemCode: "p1", points: 8, grade: null },
        { itemCode: "g1", points: null, grade: "B" },
        { itemCode: "b1", points: 5, grade: null },
        { itemCode: "d1", points: 5, grade: null },
      ]),
    );
    expect(summary.totals.total).toBe(8 + 5 + 3 - 4);
    expect(summary.missing).toEqual(["p2"]);
    expect(summary.problemCount).toBe(0);
  });

  it("maps the domain's problems to the items they are about, whatever the order of the inputs", () => {
    const summary = summarize(system, order, draft({ p2: item(11), p1: item(2.25) }));
    expect(Object.keys(summary.itemProblems).sort()).toEqual(["p1", "p2"]);
    expect(summary.itemProblems.p2?.join()).toContain("超过该项满分 10");
    expect(summary.itemProblems.p1?.join()).toContain("0.5");
    // Out of range still counts clamped in the running total, as the Worker would store it.
    expect(summary.totals.base).toBe(12.25);
  });

  it("asks for a rule and a reason on a veto finding", () => {
    const summary = summarize(
      system,
      order,
      draft({}, [
        { ruleId: "", reason: "" },
        { ruleId: "V1", reason: "有" },
      ]),
    );
    expect(summary.findingProblems[0]).toEqual(["请选择否决项 / pick a veto rule", "请填写否决理由 / give the reason"]);
    expect(summary.findingProblems[1]).toEqual(["请填写否决理由 / give the reason"]);
    expect(summary.problemCount).toBe(2);
  });

  it("sends the whole form in the system's order, untouched items left out, comments trimmed", () => {
    const d = draft({ p2: item(3, null, " 好 "), p1: item(null), g1: item(null, "A") }, [
      { ruleId: "V1", reason: " 事故 " },
    ]);
    expect(saveBody(order, d, "province", 4, false)).toEqual({
      stage: "province",
      version: 4,
      items: [
        { itemCode: "g1", points: null, grade: "A", comment: "" },
        { itemCode: "p2", points: 3, grade: null, comment: "好" },
      ],
      vetoFindings: [{ ruleId: "V1", reason: "事故" }],
      submit: false,
    });
  });

  it("counts a draft as changed only when what would be sent changes", () => {
    const a = draft({ p1: item(1) });
    expect(draftKey(order, a)).toBe(draftKey(order, draft({ p1: item(1), p2: item(null) })));
    expect(draftKey(order, a)).not.toBe(draftKey(order, draft({ p1: item(1.5) })));
    expect(draftKey(order, a)).not.toBe(draftKey(order, draft({ p1: item(1, null, "x") })));
  });

  it("lists the items two versions disagree on, and reads a 409's current form defensively", () => {
    const form = { version: 3, items: [{ itemCode: "p1", points: 2, grade: null, comment: "" }], vetoFindings: [] };
    const theirs = draftFromForm(form);
    const mine = draft({ p1: item(2), g1: item(null, "A") });
    expect(differingItems(order, mine, theirs).map((o) => o.item.code)).toEqual(["g1"]);
    expect(formFromConflict(form as unknown as ScoreForm)).toBe(form);
    expect(formFromConflict({ phase: "notice" })).toBeNull();
    expect(formFromConflict(null)).toBeNull();
  });
});
