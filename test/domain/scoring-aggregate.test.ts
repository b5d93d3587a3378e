import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aggregateTotals, type PlainMode, round2 } from "../../worker/domain/scoring/aggregate.ts";

describe("aggregateTotals", () => {
  it("is null without totals in every mode", () => {
    for (const mode of ["mean", "median", "trimmed"] as const) expect(aggregateTotals(mode, [])).toBeNull();
  });

  it("mean: the plain mean, unrounded", () => {
    expect(aggregateTotals("mean", [80, 90, 85.5])).toBeCloseTo(85.166_666_666, 8);
    expect(round2(aggregateTotals("mean", [80, 90, 85.5]) as number)).toBe(85.17);
    expect(aggregateTotals("mean", [72.5])).toBe(72.5);
  });

  it("median: the middle total of an odd count, whatever the input order", () => {
    expect(aggregateTotals("median", [90, 70, 80])).toBe(80);
    expect(aggregateTotals("median", [88])).toBe(88);
    expect(aggregateTotals("median", [95, 60, 70, 61, 99])).toBe(70);
  });

  it("median: the mean of the middle two of an even count", () => {
    expect(aggregateTotals("median", [70, 100, 90, 80])).toBe(85);
    expect(aggregateTotals("median", [80, 81])).toBe(80.5);
  });

  it("trimmed: drops one highest and one lowest total when there are ≥ 3 (去掉一个最高分和一个最低分)", () => {
    expect(aggregateTotals("trimmed", [60, 100, 90, 80])).toBe(85);
    expect(aggregateTotals("trimmed", [70, 95, 80])).toBe(80);
    expect(aggregateTotals("trimmed", [50, 88, 89, 90, 99])).toBe(89);
  });

  it("trimmed: drops only one of repeated extremes", () => {
    expect(aggregateTotals("trimmed", [80, 90, 80, 90])).toBe(85);
    expect(aggregateTotals("trimmed", [80, 80, 80, 95])).toBe(80);
  });

  it("trimmed: falls back to the mean with fewer than 3 totals", () => {
    expect(aggregateTotals("trimmed", [70, 91])).toBe(80.5);
    expect(aggregateTotals("trimmed", [66])).toBe(66);
  });

  it("does not reorder the caller's array", () => {
    const totals = [90, 70, 80];
    aggregateTotals("median", totals);
    aggregateTotals("trimmed", totals);
    expect(totals).toEqual([90, 70, 80]);
  });

  const totalsArb = fc.array(
    fc.integer({ min: 0, max: 2000 }).map((n) => n / 20),
    { minLength: 1, maxLength: 9 },
  );
  const withShuffle = totalsArb.chain((totals) =>
    fc.tuple(fc.constant(totals), fc.shuffledSubarray(totals, { minLength: totals.length })),
  );
  const modeArb = fc.constantFrom<PlainMode>("mean", "median", "trimmed");

  it("lies between the lowest and the highest total and ignores the order (property)", () => {
    fc.assert(
      fc.property(modeArb, withShuffle, (mode, [totals, shuffled]) => {
        const value = aggregateTotals(mode, totals) as number;
        expect(value).toBeGreaterThanOrEqual(Math.min(...totals) - 1e-9);
        expect(value).toBeLessThanOrEqual(Math.max(...totals) + 1e-9);
        expect(aggregateTotals(mode, shuffled)).toBeCloseTo(value, 9);
      }),
      { numRuns: 200 },
    );
  });

  it("moves with a constant added to every total (property)", () => {
    fc.assert(
      fc.property(modeArb, totalsArb, fc.integer({ min: -50, max: 50 }), (mode, totals, c) => {
        const shifted = aggregateTotals(
          mode,
          totals.map((t) => t + c),
        );
        expect(shifted).toBeCloseTo((aggregateTotals(mode, totals) as number) + c, 9);
      }),
      { numRuns: 200 },
    );
  });

  it("all three modes agree on a panel of equal totals (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }).map((n) => n / 2),
        fc.integer({ min: 1, max: 7 }),
        (total, n) => {
          const totals = Array.from({ length: n }, () => total);
          for (const mode of ["mean", "median", "trimmed"] as const) expect(aggregateTotals(mode, totals)).toBe(total);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("round2", () => {
  it("is the criteria rounding: 2 decimals, half away from zero", () => {
    expect(round2(85.166_666)).toBe(85.17);
    expect(round2(80.005)).toBe(80.01);
    expect(round2(80.004_999)).toBe(80);
    expect(round2(-3.335)).toBe(-3.34);
  });
});
