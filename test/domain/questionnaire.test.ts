import { describe, expect, it } from "vitest";
import { demoCriteria } from "../../db/seed/criteria.ts";
import {
  type BaseItem,
  changesAnsweredParts,
  changesSourcedItems,
  defaultQuestionnaire,
  questionnaireProblems,
  questionText,
  surveyOpen,
  surveyWindow,
} from "../../worker/domain/questionnaire.ts";
import { SaveSurveyBody } from "../../worker/schemas/survey.ts";

const ITEMS: BaseItem[] = [
  { code: "A1", title: "制定创建工作方案", method: "material" },
  { code: "A2", title: "服务对象对窗口服务文明规范的满意度", method: "survey" },
  { code: "A3", title: "干部职工对单位文化活动的参与度和满意度", method: "survey" },
  { code: "A4", title: "干部职工对社会主义核心价值观的知晓认同情况", method: "survey" },
];

describe("the default questionnaire", () => {
  it("asks one question per survey-method item, numbered Q1, Q2 … in the system's order", () => {
    const { questions } = defaultQuestionnaire(ITEMS);
    expect(questions.map((q) => [q.id, q.itemCode])).toEqual([
      ["Q1", "A2"],
      ["Q2", "A3"],
      ["Q3", "A4"],
    ]);
  });

  it("asks staff about items speaking of 职工 and the people served about the rest", () => {
    expect(defaultQuestionnaire(ITEMS).questions.map((q) => q.audience)).toEqual(["public", "staff", "staff"]);
  });

  it("offers 满意 1 / 基本满意 0.6 / 不满意 0 and the round's default rules", () => {
    const questionnaire = defaultQuestionnaire(ITEMS);
    expect(questionnaire.questions[0]?.options).toEqual([
      { label: "满意", value: 1 },
      { label: "基本满意", value: 0.6 },
      { label: "不满意", value: 0 },
    ]);
    expect(questionnaire).toMatchObject({ minAnswers: 30, belowMinimum: "zero", gradeBands: [0.9, 0.75, 0.6, 0] });
  });

  it("words each question for a respondent", () => {
    expect(questionText("服务对象对窗口服务文明规范的满意度")).toBe("您对本单位窗口服务文明规范的满意度如何？");
    expect(questionText("干部职工对单位文化活动的参与度和满意度")).toBe("您对本单位文化活动的参与度和满意度如何？");
    expect(questionText("干部职工对社会主义核心价值观的知晓认同情况")).toBe(
      "您对社会主义核心价值观的了解和认同程度如何？",
    );
    expect(questionText("干部职工对文明单位创建工作的知晓率、参与率")).toBe(
      "您对本单位文明单位创建工作的了解和参与情况如何？",
    );
    expect(questionText("网上测评结果")).toBe("您对“网上测评结果”的评价如何？");
  });

  it.each(["sichuan", "hubei"] as const)(
    "for the %s demo system passes the save schema and has no problems",
    (slug) => {
      const base = demoCriteria(slug).categories.flatMap((c) => c.items);
      const questionnaire = defaultQuestionnaire(base);
      expect(questionnaire.questions.length).toBe(base.filter((item) => item.method === "survey").length);
      const body = { version: 0, ...questionnaire, opensOn: "2026-06-01", closesOn: "2026-06-30" };
      expect(SaveSurveyBody.safeParse(body).success).toBe(true);
      expect(questionnaireProblems(body, base, [])).toEqual({});
    },
  );
});

describe("questionnaire problems", () => {
  const valid = { ...defaultQuestionnaire(ITEMS), opensOn: "2026-06-01", closesOn: "2026-06-30" };

  it("names a question mapped to an unknown item, a non-survey item or a mutual item", () => {
    const questions = valid.questions.map((q, i) => ({ ...q, itemCode: ["ZZ", "A1", "A4"][i] ?? q.itemCode }));
    expect(questionnaireProblems({ ...valid, questions }, ITEMS, ["A4"])).toEqual({
      "questions.0.itemCode": ["测评体系中没有该条目 / no such item in the criteria system"],
      "questions.1.itemCode": ["该条目的测评方法不是问卷调查 / the item is not assessed by survey"],
      "questions.2.itemCode": ["该条目已由互评计分 / the item is scored by mutual assessment"],
    });
  });

  it("names a repeated question id at its second use", () => {
    const questions = valid.questions.map((q) => ({ ...q, id: "Q1" }));
    expect(Object.keys(questionnaireProblems({ ...valid, questions }, ITEMS, []))).toEqual([
      "questions.1.id",
      "questions.2.id",
    ]);
  });

  it("refuses a window closing before it opens, but takes a one-day window", () => {
    expect(questionnaireProblems({ ...valid, closesOn: "2026-05-31" }, ITEMS, [])).toHaveProperty("closesOn");
    expect(questionnaireProblems({ ...valid, closesOn: "2026-06-01" }, ITEMS, [])).toEqual({});
  });

  it("refuses grade bands that do not descend", () => {
    expect(questionnaireProblems({ ...valid, gradeBands: [0.9, 0.9, 0.6] }, ITEMS, [])).toHaveProperty("gradeBands");
    expect(questionnaireProblems({ ...valid, gradeBands: [0.6, 0.8] }, ITEMS, [])).toHaveProperty("gradeBands");
    expect(questionnaireProblems({ ...valid, gradeBands: [] }, ITEMS, [])).toEqual({});
  });
});

describe("what answers forbid", () => {
  const saved = { ...defaultQuestionnaire(ITEMS), opensOn: "2026-06-01" };

  it("lets question texts change", () => {
    const questions = saved.questions.map((q) => ({ ...q, text: `${q.text}（请如实填写）` }));
    expect(changesAnsweredParts(saved, { ...saved, questions })).toBe(false);
  });

  it("refuses changes to options, items, audiences, the sample rules, the bands and the opening day", () => {
    const [first, ...rest] = saved.questions;
    if (!first) throw new Error("no question");
    const variants = [
      { ...saved, questions: [{ ...first, options: first.options.slice(0, 2) }, ...rest] },
      { ...saved, questions: [{ ...first, itemCode: "A3" }, ...rest] },
      { ...saved, questions: [{ ...first, audience: "staff" as const }, ...rest] },
      { ...saved, questions: rest },
      { ...saved, minAnswers: 20 },
      { ...saved, belowMinimum: "reviewer" as const },
      { ...saved, gradeBands: [0.8, 0.6] },
      { ...saved, opensOn: "2026-05-01" },
    ];
    for (const next of variants) expect(changesAnsweredParts(saved, next)).toBe(true);
  });

  it("tells when the set of items the survey scores changes, whatever the questions' order or count", () => {
    const [a, b, c] = saved.questions;
    if (!a || !b || !c) throw new Error("no questions");
    expect(changesSourcedItems(saved.questions, [c, b, a, { ...a, id: "Q9" }])).toBe(false);
    expect(changesSourcedItems(saved.questions, [a, b])).toBe(true);
  });
});

describe("the survey window", () => {
  it("runs from 00:00 Beijing time on the opening day to 24:00 on the closing day", () => {
    expect(surveyWindow("2026-06-01", "2026-06-30")).toEqual({
      opensAt: "2026-05-31T16:00:00.000Z",
      closesAt: "2026-06-30T16:00:00.000Z",
    });
    expect(surveyWindow("2026-06-01", "2026-06-01").closesAt).toBe("2026-06-01T16:00:00.000Z");
  });

  it("is open from its first instant up to, not including, its last", () => {
    const window = surveyWindow("2026-06-01", "2026-06-30");
    expect(surveyOpen(window, new Date("2026-05-31T15:59:59.999Z"))).toBe(false);
    expect(surveyOpen(window, new Date("2026-05-31T16:00:00.000Z"))).toBe(true);
    expect(surveyOpen(window, new Date("2026-06-30T15:59:59.999Z"))).toBe(true);
    expect(surveyOpen(window, new Date("2026-06-30T16:00:00.000Z"))).toBe(false);
  });
});
