import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aggregateTotals, calibrate, type Observation, round2 } from "../../worker/domain/scoring/aggregate.ts";
import { rankApplications } from "../../worker/domain/scoring/ranking.ts";
import { rankRow } from "./scoring-rows.ts";

const obs = (reviewerId: string, applicationId: string, total: number): Observation => ({
  reviewerId,
  applicationId,
  total,
});

/** Totals made exactly of quality + offset: t(r,a) = q(a) + b(r). */
function exact(q: Record<string, number>, b: Record<string, number>, panels: Record<string, string[]>) {
  return Object.entries(panels).flatMap(([a, reviewers]) =>
    reviewers.map((r) => obs(r, a, (q[a] as number) + (b[r] as number))),
  );
}

const offsetsOf = (c: ReturnType<typeof calibrate>) =>
  Object.fromEntries([...c.offsets].map(([id, o]) => [id, round2(o.offset)]));
const aggregatesOf = (c: ReturnType<typeof calibrate>) =>
  Object.fromEntries([...c.aggregates].map(([id, v]) => [id, round2(v)]));
const order = (aggregates: Map<string, number> | Record<string, number>) =>
  rankApplications(
    [...(aggregates instanceof Map ? aggregates : Object.entries(aggregates))].map(([id, v]) => rankRow(id, v)),
    [],
  ).map((r) => r.applicationId);

describe("calibrate: a harsh and a lenient reviewer drawing different mixes of units", () => {
  // H is 6 points harsh and drew the strong units (S*); L is 6 points lenient and drew the weak ones (W*).
  // X (quality 80) sat with H, Y (quality 78) with L: the plain mean ranks Y above X.
  const q = { S1: 90, S2: 88, S3: 86, X: 80, Y: 78, W1: 70, W2: 68, W3: 66 };
  const b = { H: -6, L: 6, N1: 0, N2: 0 };
  const panels = {
    S1: ["H", "N1"],
    S2: ["H", "N2"],
    S3: ["H", "N1"],
    X: ["H", "N1"],
    Y: ["L", "N2"],
    W1: ["L", "N2"],
    W2: ["L", "N1"],
    W3: ["L", "N2"],
  };
  const observations = exact(q, b, panels);
  const calibration = calibrate(observations);

  it("recovers each reviewer's offset and each unit's quality", () => {
    expect(offsetsOf(calibration)).toEqual({ H: -6, L: 6, N1: 0, N2: 0 });
    expect(aggregatesOf(calibration)).toEqual(q);
    for (const [id, o] of calibration.offsets) {
      expect(o).toMatchObject({ applications: 4, flagged: false });
      expect(o.offset).toBeCloseTo(b[id as keyof typeof b], 9);
    }
  });

  it("puts X above Y where the plain mean put Y above X", () => {
    const plain = Object.fromEntries(
      Object.keys(panels).map((a) => [
        a,
        aggregateTotals(
          "mean",
          observations.filter((o) => o.applicationId === a).map((o) => o.total),
        ) as number,
      ]),
    );
    expect(plain.X).toBe(77);
    expect(plain.Y).toBe(81);
    expect(order(plain).indexOf("Y")).toBeLessThan(order(plain).indexOf("X"));
    expect(order(calibration.aggregates)).toEqual(["S1", "S2", "S3", "X", "Y", "W1", "W2", "W3"]);
  });

  it("is not fooled as per-reviewer centring (z-scores) is by who drew which units", () => {
    // Centring each reviewer on their own mean (what z-scores do) mistakes the strong units H drew for
    // leniency: it calls the harsh reviewer lenient (+1.75) and the lenient one harsh (−1.75).
    const all = observations.map((o) => o.total);
    const grand = all.reduce((s, t) => s + t, 0) / all.length;
    const own = (r: string) => {
      const mine = observations.filter((o) => o.reviewerId === r).map((o) => o.total);
      return mine.reduce((s, t) => s + t, 0) / mine.length - grand;
    };
    expect(round2(own("H"))).toBe(1.75);
    expect(round2(own("L"))).toBe(-1.75);
    expect(round2(calibration.offsets.get("H")?.offset as number)).toBe(-6);
  });
});

describe("calibrate: reviewers with fewer than 3 applications", () => {
  it("keeps b = 0 and flags them; a panel of such reviewers gets the plain mean", () => {
    const c = calibrate([obs("P", "a1", 80), obs("Q", "a1", 70), obs("P", "a2", 60), obs("Q", "a2", 90)]);
    expect([...c.offsets]).toEqual([
      ["P", { offset: 0, applications: 2, flagged: true }],
      ["Q", { offset: 0, applications: 2, flagged: true }],
    ]);
    expect([...c.aggregates]).toEqual([
      ["a1", 75],
      ["a2", 75],
    ]);
  });

  it("counts distinct applications: two totals on one application are one", () => {
    const c = calibrate([obs("P", "a1", 80), obs("P", "a1", 82), obs("P", "a2", 60)]);
    expect(c.offsets.get("P")).toEqual({ offset: 0, applications: 2, flagged: true });
    expect(c.aggregates.get("a1")).toBe(81);
  });

  it("a flagged reviewer who agrees with the fitted ones leaves the exact fit alone", () => {
    const q = { a1: 80, a2: 70, a3: 60 };
    const panels = { a1: ["A", "B", "C", "D"], a2: ["A", "B", "C"], a3: ["A", "B", "C"] };
    const c = calibrate(exact(q, { A: -2, B: 0, C: 2, D: 0 }, panels));
    expect(offsetsOf(c)).toEqual({ A: -2, B: 0, C: 2, D: 0 });
    expect(c.offsets.get("D")).toMatchObject({ offset: 0, applications: 1, flagged: true });
    expect(aggregatesOf(c)).toEqual(q);
  });

  it("a single reviewer with 3 applications is fitted with offset 0 (nothing to compare with)", () => {
    const c = calibrate([obs("P", "a1", 80), obs("P", "a2", 70), obs("P", "a3", 60)]);
    expect(c.offsets.get("P")).toEqual({ offset: 0, applications: 3, flagged: false });
    expect([...c.aggregates.values()]).toEqual([80, 70, 60]);
  });

  it("is empty without observations", () => {
    const c = calibrate([]);
    expect(c.offsets.size).toBe(0);
    expect(c.aggregates.size).toBe(0);
  });
});

describe("calibrate: a disconnected panel graph", () => {
  // Component 1: A, B, C on a1–a3, offsets −1, 1, 3 (sum 3). Component 2: D, E, F on a4–a6, all +5.
  const q = { a1: 80, a2: 70, a3: 60, a4: 85, a5: 75, a6: 65 };
  const b = { A: -1, B: 1, C: 3, D: 5, E: 5, F: 5 };
  const panels = {
    a1: ["A", "B", "C"],
    a2: ["A", "B", "C"],
    a3: ["A", "B", "C"],
    a4: ["D", "E", "F"],
    a5: ["D", "E", "F"],
    a6: ["D", "E", "F"],
  };
  const c = calibrate(exact(q, b, panels));

  it("centres each component's offsets on 0 by itself", () => {
    expect(offsetsOf(c)).toEqual({ A: -2, B: 0, C: 2, D: 0, E: 0, F: 0 });
  });

  it("moves each component's aggregates by its own mean offset only", () => {
    // Nothing links the components: a uniformly lenient component cannot be told from strong units.
    expect(aggregatesOf(c)).toEqual({ a1: 81, a2: 71, a3: 61, a4: 90, a5: 80, a6: 70 });
  });

  it("shifting one reviewer's totals moves only their own component", () => {
    const shifted = calibrate(
      exact(q, b, panels).map((o) => (o.reviewerId === "E" ? { ...o, total: o.total + 9 } : o)),
    );
    expect(offsetsOf(shifted)).toEqual({ A: -2, B: 0, C: 2, D: -3, E: 6, F: -3 });
    expect(aggregatesOf(shifted)).toEqual({ a1: 81, a2: 71, a3: 61, a4: 93, a5: 83, a6: 73 });
  });
});

// ─── Properties ─────────────────────────────────────────────────────────────────────────────────────

/** Any panel graph: up to 7 reviewers, 15 applications, panels of 1–4, totals in steps of 0.5. */
const anyGraph = fc.integer({ min: 1, max: 7 }).chain((reviewers) =>
  fc
    .array(
      fc.record({
        panel: fc.uniqueArray(fc.integer({ min: 0, max: reviewers - 1 }), {
          minLength: 1,
          maxLength: Math.min(4, reviewers),
        }),
        totals: fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 4, maxLength: 4 }),
      }),
      { minLength: 1, maxLength: 15 },
    )
    .map((apps) =>
      apps.flatMap(({ panel, totals }, a) => panel.map((r, i) => obs(`r${r}`, `a${a}`, (totals[i] as number) / 2))),
    ),
);

/**
 * A connected graph where every reviewer has ≥ 3 applications: application i sits with reviewers i mod F and
 * (i + 1) mod F (a ring, so connected), plus an optional third.
 */
const fittedGraph = fc.integer({ min: 2, max: 6 }).chain((F) =>
  fc
    .array(
      fc.record({
        extra: fc.option(fc.integer({ min: 0, max: F - 1 }), { nil: null }),
        totals: fc.array(fc.integer({ min: 80, max: 200 }), { minLength: 3, maxLength: 3 }),
      }),
      { minLength: 2 * F, maxLength: 2 * F + 6 },
    )
    .map((apps) => ({
      F,
      observations: apps.flatMap(({ extra, totals }, i) =>
        [...new Set([i % F, (i + 1) % F, ...(extra === null ? [] : [extra])])].map((r, k) =>
          obs(`r${r}`, `a${i}`, (totals[k] as number) / 2),
        ),
      ),
    })),
);

function components(observations: readonly Observation[]): Map<string, string> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    const p = parent.get(x) ?? x;
    if (p === x) return x;
    const root = find(p);
    parent.set(x, root);
    return root;
  };
  for (const o of observations) parent.set(find(`r:${o.reviewerId}`), find(`a:${o.applicationId}`));
  const of = new Map<string, string>();
  for (const o of observations) of.set(o.reviewerId, find(`r:${o.reviewerId}`));
  return of;
}

describe("calibrate: properties", () => {
  it("is the constrained least-squares optimum: every optimality condition holds (property)", () => {
    fc.assert(
      fc.property(anyGraph, (observations) => {
        const { offsets, aggregates } = calibrate(observations);
        const b = (r: string) => offsets.get(r)?.offset as number;
        // q(a) is the panel mean of t − b
        for (const [a, value] of aggregates) {
          const mine = observations.filter((o) => o.applicationId === a);
          expect(value).toBeCloseTo(mine.reduce((s, o) => s + o.total - b(o.reviewerId), 0) / mine.length, 7);
        }
        const componentOf = components(observations);
        const residualSums = new Map<string, number[]>();
        const offsetSums = new Map<string, number>();
        for (const [r, o] of offsets) {
          const apps = new Set(observations.filter((x) => x.reviewerId === r).map((x) => x.applicationId));
          expect(o.applications).toBe(apps.size);
          expect(o.flagged).toBe(apps.size < 3);
          if (o.flagged) {
            expect(o.offset).toBe(0);
            continue;
          }
          const comp = componentOf.get(r) as string;
          offsetSums.set(comp, (offsetSums.get(comp) ?? 0) + o.offset);
          // ∂SSE/∂b(r) = −2 Σ residuals: equal (one Lagrange multiplier) across a component's fitted reviewers
          const residual = observations
            .filter((x) => x.reviewerId === r)
            .reduce((s, x) => s + x.total - (aggregates.get(x.applicationId) as number) - o.offset, 0);
          residualSums.set(comp, [...(residualSums.get(comp) ?? []), residual]);
        }
        for (const sum of offsetSums.values()) expect(sum).toBeCloseTo(0, 7);
        for (const sums of residualSums.values()) for (const s of sums) expect(s).toBeCloseTo(sums[0] as number, 6);
      }),
      { numRuns: 200 },
    );
  });

  it("recovers qualities and offsets exactly from totals made of them (property)", () => {
    fc.assert(
      fc.property(
        fittedGraph,
        fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 6, maxLength: 6 }),
        (g, raw) => {
          const mean = raw.slice(0, g.F).reduce((s, v) => s + v, 0) / g.F;
          const bias = raw.map((v) => v - mean); // the offsets, summing to 0 over the F reviewers
          const q = new Map<string, number>();
          for (const o of g.observations) if (!q.has(o.applicationId)) q.set(o.applicationId, o.total);
          const c = calibrate(
            g.observations.map((o) => ({
              ...o,
              total: (q.get(o.applicationId) as number) + (bias[Number(o.reviewerId.slice(1))] as number),
            })),
          );
          for (const [r, o] of c.offsets) expect(o.offset).toBeCloseTo(bias[Number(r.slice(1))] as number, 7);
          for (const [a, value] of c.aggregates) expect(value).toBeCloseTo(q.get(a) as number, 7);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("adding a constant to every total of one reviewer leaves the calibrated ranking unchanged (property)", () => {
    fc.assert(
      fc.property(fittedGraph, fc.nat(), fc.integer({ min: -15, max: 15 }), (g, pick, k) => {
        const who = `r${pick % g.F}`;
        // c = k·F moves every aggregate of the component by exactly c / F = k (the offsets sum to 0)
        const c = k * g.F;
        const before = calibrate(g.observations);
        const after = calibrate(g.observations.map((o) => (o.reviewerId === who ? { ...o, total: o.total + c } : o)));
        for (const [a, value] of before.aggregates) expect(after.aggregates.get(a)).toBeCloseTo(value + k, 7);
        for (const [r, o] of before.offsets) {
          expect(after.offsets.get(r)?.offset).toBeCloseTo(o.offset + (r === who ? c : 0) - k, 7);
        }
        const ranks = (m: Map<string, number>) =>
          Object.fromEntries(
            rankApplications(
              [...m].map(([id, v]) => rankRow(id, v)),
              [],
            ).map((r) => [r.applicationId, r.rank]),
          );
        expect(ranks(after.aggregates)).toEqual(ranks(before.aggregates));
      }),
      { numRuns: 200 },
    );
  });

  it("does not depend on the order of the observations (property)", () => {
    fc.assert(
      fc.property(
        anyGraph.chain((o) => fc.tuple(fc.constant(o), fc.shuffledSubarray(o, { minLength: o.length }))),
        ([observations, shuffled]) => {
          const a = calibrate(observations);
          const b = calibrate(shuffled);
          for (const [id, v] of a.aggregates) expect(b.aggregates.get(id)).toBeCloseTo(v, 7);
          for (const [id, o] of a.offsets) expect(b.offsets.get(id)?.offset).toBeCloseTo(o.offset, 7);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("calibrate: bench size", () => {
  it("fits 3,000 applications × 3 of 60 reviewers (9,000 totals) and centres the offsets", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    const bias = Array.from({ length: 60 }, () => (random() - 0.5) * 10);
    const observations: Observation[] = [];
    for (let a = 0; a < 3000; a++) {
      const q = 60 + random() * 35;
      for (const r of new Set([a % 60, (a * 7 + 1) % 60, (a * 13 + 2) % 60])) {
        observations.push(obs(`r${r}`, `a${a}`, Math.round((q + (bias[r] as number)) * 2) / 2));
      }
    }
    const started = performance.now();
    const c = calibrate(observations);
    const elapsed = performance.now() - started;
    expect(c.aggregates.size).toBe(3000);
    const offsets = [...c.offsets.values()];
    expect(offsets.every((o) => !o.flagged)).toBe(true);
    expect(offsets.reduce((s, o) => s + o.offset, 0)).toBeCloseTo(0, 7);
    const meanBias = bias.reduce((s, v) => s + v, 0) / 60;
    // rounding totals to 0.5 adds at most 0.25 of noise to each total, the reviewer's and their co-reviewers'
    for (const [r, o] of c.offsets)
      expect(Math.abs(o.offset - ((bias[Number(r.slice(1))] as number) - meanBias))).toBeLessThan(0.5);
    expect(elapsed).toBeLessThan(2000);
  });
});
