import { describe, expect, it } from "vitest";
import {
  mutualItemPoints,
  peerMean,
  ratePoints,
  type SourceItem,
  surveyItemPoints,
  surveySourceItems,
} from "../../worker/domain/source-points.ts";

const pointsItem: SourceItem = { code: "S1", maxPoints: 3.5, mode: "points", grades: [] };
const gradedItem: SourceItem = {
  code: "S2",
  maxPoints: 2,
  mode: "graded",
  grades: [
    { grade: "A", share: 1 },
    { grade: "B", share: 0.66 },
    { grade: "C", share: 0.33 },
    { grade: "D", share: 0 },
  ],
};
const BANDS = [0.9, 0.75, 0.6, 0];
const zero = { minAnswers: 30, belowMinimum: "zero" as const, gradeBands: BANDS };
const reviewer = { ...zero, belowMinimum: "reviewer" as const };

describe("ratePoints", () => {
  it("a points item earns rate × max, rounded to the cent half away from zero", () => {
    expect(ratePoints(pointsItem, 0.8, BANDS)).toBe(2.8);
    expect(ratePoints(pointsItem, 2.6 / 3, BANDS)).toBe(3.03);
    expect(ratePoints({ ...pointsItem, maxPoints: 10 }, 0.1005, BANDS)).toBe(1.01);
  });

  it("a rate outside 0..1 is clamped before it earns points", () => {
    expect(ratePoints(pointsItem, 1.2, BANDS)).toBe(3.5);
    expect(ratePoints(pointsItem, -0.1, BANDS)).toBe(0);
  });

  it("a graded item earns the first grade whose band the rate reaches", () => {
    expect(ratePoints(gradedItem, 0.95, BANDS)).toBe(2);
    expect(ratePoints(gradedItem, 0.9, BANDS)).toBe(2);
    expect(ratePoints(gradedItem, 0.89, BANDS)).toBe(1.32);
    expect(ratePoints(gradedItem, 0.75, BANDS)).toBe(1.32);
    expect(ratePoints(gradedItem, 0.6, BANDS)).toBe(0.66);
    expect(ratePoints(gradedItem, 0.1, BANDS)).toBe(0);
  });

  it("a grade without a band counts its band as 0, so it catches every lower rate", () => {
    expect(ratePoints(gradedItem, 0.5, [0.9])).toBe(1.32);
  });

  it("a graded item without grades earns nothing", () => {
    expect(ratePoints({ ...gradedItem, grades: [] }, 1, BANDS)).toBe(0);
  });
});

describe("surveyItemPoints", () => {
  it("at or above the minimum sample the item earns its rate's points and is not marked", () => {
    expect(surveyItemPoints(pointsItem, { answers: 30, rate: 0.8 }, zero, 1)).toEqual({
      points: 2.8,
      belowMinimum: false,
    });
  });

  it("below the minimum under rule zero the item earns 0 whatever a reviewer entered", () => {
    expect(surveyItemPoints(pointsItem, { answers: 29, rate: 1 }, zero, 3)).toEqual({ points: 0, belowMinimum: true });
  });

  it("below the minimum under rule reviewer the item earns the entered points, within 0..max", () => {
    expect(surveyItemPoints(pointsItem, { answers: 29, rate: 1 }, reviewer, 2.25)).toEqual({
      points: 2.25,
      belowMinimum: true,
    });
    expect(surveyItemPoints(pointsItem, { answers: 2, rate: 1 }, reviewer, 9).points).toBe(3.5);
    expect(surveyItemPoints(pointsItem, { answers: 2, rate: 1 }, reviewer, null).points).toBe(0);
  });

  it("an item without any answer is below the minimum even when the minimum is 0", () => {
    expect(
      surveyItemPoints(pointsItem, { answers: 0, rate: null }, { ...zero, minAnswers: 0 }, null).belowMinimum,
    ).toBe(true);
  });
});

describe("mutual points", () => {
  it("fewer than five peers: the plain mean", () => {
    expect(peerMean([4, 2, 3])).toBe(3);
    expect(peerMean([])).toBeNull();
  });

  it("from five peers on the highest and the lowest are dropped (one each, even when tied)", () => {
    expect(peerMean([5, 1, 4, 4, 3])).toBeCloseTo(11 / 3, 12);
    expect(peerMean([5, 5, 1, 1, 3])).toBeCloseTo(3, 12);
  });

  it("a mutual item earns the trimmed mean within 0..max, and 0 without peers", () => {
    const item: SourceItem = { code: "M1", maxPoints: 3, mode: "points", grades: [] };
    expect(mutualItemPoints(item, [5, 1, 4, 4, 3])).toEqual({ answers: 5, rate: 11 / 3, points: 3 });
    expect(mutualItemPoints(item, [2, 1])).toEqual({ answers: 2, rate: 1.5, points: 1.5 });
    expect(mutualItemPoints(item, [])).toEqual({ answers: 0, rate: null, points: 0 });
  });
});

describe("surveySourceItems", () => {
  it("lists each asked item once, in the system's order, without its method", () => {
    const items = [
      { ...pointsItem, code: "A", method: "survey" },
      { ...gradedItem, code: "B", method: "survey" },
      { ...pointsItem, code: "C", method: "survey" },
    ];
    const asked = surveySourceItems(items, [{ itemCode: "C" }, { itemCode: "A" }, { itemCode: "C" }]);
    expect(asked.map((i) => i.code)).toEqual(["A", "C"]);
    expect(asked[0]).toEqual({ code: "A", maxPoints: 3.5, mode: "points", grades: [] });
  });
});
