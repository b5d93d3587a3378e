import { describe, expect, it } from "vitest";
import { demoCriteria } from "../../db/seed/criteria.ts";
import { criteriaProblems, methodShares, totalScore } from "../../worker/domain/criteria.ts";
import { CriteriaContent } from "../../worker/schemas/criteria.ts";

const TENANTS = ["sichuan", "hubei"] as const;

describe.each(TENANTS)("demo criteria system for %s", (tenant) => {
  const doc = demoCriteria(tenant);
  const base = doc.categories.flatMap((c) => c.items);

  it("is valid by the schema and unchanged by parsing", () => {
    expect(CriteriaContent.parse(doc)).toEqual(doc);
  });

  it("has no rule problems", () => {
    expect(criteriaProblems(doc)).toEqual({});
  });

  it("has at least 10 categories and 50 base items worth exactly 100 points", () => {
    expect(doc.maxTotal).toBe(100);
    expect(doc.categories.length).toBeGreaterThanOrEqual(10);
    expect(base.length).toBeGreaterThanOrEqual(50);
    expect(base.reduce((sum, item) => sum + item.maxPoints, 0)).toBe(100);
  });

  it("gives material review about half of the points and uses all four methods", () => {
    const shares = methodShares(doc);
    const material = shares.find((s) => s.method === "material")?.share ?? 0;
    expect(material).toBeGreaterThanOrEqual(0.4);
    expect(material).toBeLessThanOrEqual(0.6);
    expect(shares.map((s) => s.method).sort()).toEqual(["material", "online", "onsite", "survey"]);
  });

  it("has graded items on A/B/C/D, evidence rules and reviewer guidance", () => {
    const graded = base.filter((i) => i.mode === "graded");
    expect(graded.length).toBeGreaterThanOrEqual(3);
    for (const item of graded) {
      expect(item.grades).toEqual([
        { grade: "A", share: 1 },
        { grade: "B", share: 0.66 },
        { grade: "C", share: 0.33 },
        { grade: "D", share: 0 },
      ]);
    }
    expect(base.filter((i) => i.evidence.minFiles >= 2).length).toBeGreaterThanOrEqual(3);
    expect(base.filter((i) => i.guidance !== "").length).toBeGreaterThanOrEqual(5);
  });

  it("has capped bonus and deduction items and the usual veto list", () => {
    expect(doc.bonusItems.length).toBeGreaterThanOrEqual(3);
    expect(doc.bonusCap).toBe(10);
    expect(doc.deductionItems.length).toBeGreaterThanOrEqual(3);
    expect(doc.deductionCap).toBe(10);
    expect(doc.vetoRules.length).toBeGreaterThanOrEqual(8);
    expect(doc.vetoRules.every((v) => v.lookbackMonths === 24)).toBe(true);
    const texts = doc.vetoRules.map((v) => v.text).join("\n");
    for (const word of [
      "领导班子",
      "刑事责任",
      "安全生产",
      "食品药品",
      "群体性事件",
      "黄赌毒",
      "邪教",
      "失信",
      "弄虚作假",
    ]) {
      expect(texts).toContain(word);
    }
    expect(doc.vetoRules.find((v) => v.text.includes("刑事责任") && v.threshold !== null)?.threshold).toBe(3);
  });

  it("uses unique codes of the form A1, A1.1, B1, C1, V1", () => {
    const codes = [
      ...doc.categories.map((c) => c.code),
      ...base.map((i) => i.code),
      ...doc.bonusItems.map((i) => i.code),
      ...doc.deductionItems.map((i) => i.code),
      ...doc.vetoRules.map((v) => v.id),
    ];
    expect(new Set(codes).size).toBe(codes.length);
    expect(doc.categories[0]?.code).toBe("A1");
    expect(doc.categories[0]?.items[0]?.code).toBe("A1.1");
  });

  it("scores a full-marks unit at 100 plus the capped bonus", () => {
    const scores = new Map(
      [...base, ...doc.bonusItems].map((i) => [i.code, { points: i.maxPoints, grade: i.grades[0]?.grade ?? null }]),
    );
    expect(totalScore(doc, scores)).toEqual({ base: 100, bonus: 10, deduction: 0, total: 110 });
  });
});

describe("the two demo systems", () => {
  it("are named after their province and differ in weights and items", () => {
    const sichuan = demoCriteria("sichuan");
    const hubei = demoCriteria("hubei");
    expect(sichuan.name).toBe("四川省文明单位测评体系（2026年版）");
    expect(hubei.name).toBe("湖北省文明单位测评体系（2026年版）");
    expect(sichuan.categories.map((c) => c.title)).not.toEqual(hubei.categories.map((c) => c.title));
    const weights = (doc: typeof sichuan) => doc.categories.map((c) => c.items.reduce((s, i) => s + i.maxPoints, 0));
    expect(weights(sichuan)).not.toEqual(weights(hubei));
  });

  it("are built fresh on each call, so callers may mutate them", () => {
    const first = demoCriteria("sichuan");
    first.categories[0]?.items[0]?.grades.push({ grade: "X", share: 1 });
    expect(demoCriteria("sichuan")).toEqual(CriteriaContent.parse(demoCriteria("sichuan")));
    expect(demoCriteria("sichuan").categories[0]?.items[0]?.grades).toEqual([]);
  });
});
