import { describe, expect, it } from "vitest";
import { gradeScaleProblems } from "../../worker/domain/grade-scale.ts";

const scale = (...steps: Array<[string, number]>) => steps.map(([grade, share]) => ({ grade, share }));

describe("a graded item's scale", () => {
  it("A/B/C/D at 100/66/33/0 % is sound", () => {
    expect(gradeScaleProblems(scale(["A", 1], ["B", 0.66], ["C", 0.33], ["D", 0]))).toEqual([]);
  });

  it("needs at least two grades", () => {
    expect(gradeScaleProblems(scale(["A", 1]))).toEqual([{ problem: "too_few" }]);
    expect(gradeScaleProblems([])).toEqual([{ problem: "too_few" }]);
  });

  it("marks the grade whose share does not fall, equal shares included", () => {
    expect(gradeScaleProblems(scale(["A", 1], ["B", 0.5], ["C", 0.8]))).toEqual([
      { problem: "not_descending", index: 2 },
    ]);
    expect(gradeScaleProblems(scale(["A", 1], ["B", 1]))).toEqual([{ problem: "not_descending", index: 1 }]);
  });

  it("marks empty, over-long and repeated names, ignoring surrounding spaces", () => {
    expect(gradeScaleProblems(scale([" ", 1], ["优秀良好一般", 0.5], ["B", 0.2], [" B ", 0]))).toEqual([
      { problem: "label_invalid", index: 0 },
      { problem: "label_invalid", index: 1 },
      { problem: "label_duplicate", index: 3 },
    ]);
  });

  it("marks shares outside 0–100 %", () => {
    expect(gradeScaleProblems(scale(["A", 1.2], ["B", -0.1]))).toEqual([
      { problem: "share_range", index: 0 },
      { problem: "share_range", index: 1 },
    ]);
  });
});
