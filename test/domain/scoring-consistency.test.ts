import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Observation } from "../../worker/domain/scoring/aggregate.ts";
import { reviewerConsistency } from "../../worker/domain/scoring/consistency.ts";

const obs = (reviewerId: string, applicationId: string, total: number): Observation => ({
  reviewerId,
  applicationId,
  total,
});

describe("reviewerConsistency", () => {
  // a1: H 70, L 90, N 80 (mean 80) · a2: H 60, N 70 (mean 65) · a3: L 95, N 85 (mean 90) · a4: H 50 alone
  const observations = [
    obs("H", "a1", 70),
    obs("L", "a1", 90),
    obs("N", "a1", 80),
    obs("H", "a2", 60),
    obs("N", "a2", 70),
    obs("L", "a3", 95),
    obs("N", "a3", 85),
    obs("H", "a4", 50),
  ];

  it("gives each reviewer's forms, mean, mean deviation from their panels, spread and outliers", () => {
    expect(reviewerConsistency(observations, 7)).toEqual([
      // deviations −10 (a1), −5 (a2); a4 has no co-reviewer
      { reviewerId: "H", forms: 3, mean: 60, meanDeviation: -7.5, spread: 2.5, outliers: ["a1"] },
      // deviations +10 (a1), +5 (a3)
      { reviewerId: "L", forms: 2, mean: 92.5, meanDeviation: 7.5, spread: 2.5, outliers: ["a1"] },
      // deviations 0 (a1), +5 (a2), −5 (a3): mean 0, population sd √(50/3) = 4.08
      { reviewerId: "N", forms: 3, mean: 78.33, meanDeviation: 0, spread: 4.08, outliers: [] },
    ]);
  });

  it("flags only deviations strictly beyond the threshold", () => {
    const byId = (t: number) =>
      Object.fromEntries(reviewerConsistency(observations, t).map((r) => [r.reviewerId, r.outliers]));
    expect(byId(10)).toEqual({ H: [], L: [], N: [] });
    expect(byId(4.99)).toEqual({ H: ["a1", "a2"], L: ["a1", "a3"], N: ["a2", "a3"] });
    expect(byId(0)).toEqual({ H: ["a1", "a2"], L: ["a1", "a3"], N: ["a2", "a3"] });
  });

  it("a reviewer who only scored alone has no deviations: 0 mean deviation and spread", () => {
    expect(reviewerConsistency([obs("S", "a1", 77), obs("S", "a2", 81.5)], 5)).toEqual([
      { reviewerId: "S", forms: 2, mean: 79.25, meanDeviation: 0, spread: 0, outliers: [] },
    ]);
  });

  it("rounds to 2 decimals and compares the rounded deviation with the threshold", () => {
    // panel mean 80.005: deviations ±0.005 → 0.01 in magnitude after rounding
    const result = reviewerConsistency([obs("A", "a", 80.01), obs("B", "a", 80)], 0.005);
    expect(result.map((r) => [r.reviewerId, r.meanDeviation, r.outliers])).toEqual([
      ["A", 0.01, ["a"]],
      ["B", -0.01, ["a"]],
    ]);
  });

  it("is empty without observations", () => {
    expect(reviewerConsistency([], 5)).toEqual([]);
  });

  it("panel deviations cancel: forms add up and mean deviations weighted by panel count sum to 0 (property)", () => {
    const arb = fc.array(
      fc.record({
        r: fc.integer({ min: 0, max: 5 }),
        a: fc.integer({ min: 0, max: 8 }),
        t: fc.integer({ min: 0, max: 200 }),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(arb, fc.integer({ min: 0, max: 30 }), (raw, threshold) => {
        const seen = new Set<string>();
        const observations = raw
          .filter(({ r, a }) => !seen.has(`${r}/${a}`) && seen.add(`${r}/${a}`))
          .map(({ r, a, t }) => obs(`r${r}`, `a${a}`, t / 2));
        const result = reviewerConsistency(observations, threshold);
        expect(result.reduce((s, r) => s + r.forms, 0)).toBe(observations.length);
        expect(result.map((r) => r.reviewerId)).toEqual([...new Set(observations.map((o) => o.reviewerId))].sort());
        const panelSize = new Map<string, number>();
        for (const o of observations) panelSize.set(o.applicationId, (panelSize.get(o.applicationId) ?? 0) + 1);
        let weighted = 0;
        for (const r of result) {
          const n = observations.filter(
            (o) => o.reviewerId === r.reviewerId && (panelSize.get(o.applicationId) ?? 0) >= 2,
          ).length;
          weighted += r.meanDeviation * n;
          expect(r.spread).toBeGreaterThanOrEqual(0);
          for (const a of r.outliers) expect(panelSize.get(a)).toBeGreaterThanOrEqual(2);
        }
        // each panel's deviations sum to 0; rounding each reviewer's mean to 0.01 leaves at most 0.005 × n each
        expect(Math.abs(weighted)).toBeLessThanOrEqual(0.005 * observations.length + 1e-9);
      }),
      { numRuns: 200 },
    );
  });
});
