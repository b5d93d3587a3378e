/**
 * An application's aggregate over its panel's totals: mean, median, trimmed (去掉一个最高分和一个最低分), or
 * calibrated for harsh and lenient reviewers.
 *
 * Why calibrated is a least-squares fit and not per-reviewer z-scores: a z-score compares a reviewer with the
 * units *they* drew. A reviewer who happened to draw strong units looks lenient and is marked down, one who drew
 * weak units looks harsh and is marked up — the mix of units is mistaken for the reviewer's severity. Fitting
 * every total as t(r,a) = q(a) + b(r) over the whole reviewer–application graph separates the two: an
 * application's quality q(a) is shared by every reviewer on its panel, and a reviewer's offset b(r) is what is
 * left consistently above or below their co-reviewers' view of the *same* applications. Panels overlap, so the
 * offsets are comparable across the graph's connected component (never across components: nothing links them,
 * so each component's offsets are pinned to sum to 0). A reviewer with fewer than 3 applications has too little
 * overlap to estimate: their offset stays 0 and they are flagged.
 *
 * What a harsh reviewer cannot change: adding c to every total of one fitted reviewer raises their offset by
 * c − c/F and lowers the other F − 1 fitted offsets of their component by c/F, so every aggregate of that
 * component moves by the same c/F (F = its fitted reviewers; the sum-to-0 pin). The order inside the component
 * is unchanged; other components do not move. (Where a component also holds flagged reviewers, whose b = 0 is
 * fixed, their totals anchor the level and the shift is no longer exactly uniform.)
 */
import { roundPoints } from "../criteria.ts";

/** Rounds to 2 decimals, half away from zero (the rounding of every total, aggregate and ranking key). */
export const round2: (n: number) => number = roundPoints;

export type PlainMode = "mean" | "median" | "trimmed";

const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

/**
 * A panel's totals aggregated, unrounded (callers add extraPoints, then round2); null without totals.
 * median: the middle total, or the mean of the middle two; trimmed: the mean without one highest and one
 * lowest total when there are ≥ 3, the plain mean otherwise.
 */
export function aggregateTotals(mode: PlainMode, totals: readonly number[]): number | null {
  if (totals.length === 0) return null;
  if (mode === "mean") return mean(totals);
  const sorted = [...totals].sort((x, y) => x - y);
  if (mode === "trimmed") return sorted.length >= 3 ? mean(sorted.slice(1, -1)) : mean(sorted);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : mean(sorted.slice(middle - 1, middle + 1));
}

export interface Observation {
  reviewerId: string;
  applicationId: string;
  total: number;
}

export interface Calibration {
  /** Every reviewer: offset b(r) (unrounded; 0 when flagged), distinct applications scored, flagged when < 3. */
  offsets: Map<string, { offset: number; applications: number; flagged: boolean }>;
  /** Every application: mean over its panel of t(r,a) − b(r), unrounded. */
  aggregates: Map<string, number>;
}

/** Fewest applications for a reviewer's offset to be fitted. */
export const MIN_CALIBRATED_APPLICATIONS = 3;

/**
 * Least squares t(r,a) = q(a) + b(r) over the reviewer–application graph: in each connected component the
 * fitted reviewers' offsets sum to 0, a reviewer with fewer than 3 applications keeps b = 0 and is flagged.
 *
 * Solved exactly per component. q is eliminated (for given b the best q(a) is the panel mean of t − b), which
 * leaves normal equations in the fitted reviewers' offsets only: L b = y with L the panel-overlap Laplacian
 * (L[r][s] = Σ_a (δ_rs·c_ar − c_ar·c_as / k_a), c_ar = r's totals on a, k_a = a's panel size) and
 * y_r = Σ its totals' deviations from their panel means; the sum-to-0 constraint joins by a Lagrange multiplier
 * and the (F+1)² system is solved by Gaussian elimination with partial pivoting. Cost per component:
 * O(Σ_a k_a² + F³) for F fitted reviewers — the observations only once, whatever the graph's shape (iterative
 * schemes crawl on long chains of panels). With no flagged reviewer in a component this is the plain least-squares
 * fit with its free level pinned; with flagged reviewers (b = 0 fixed) it is the least-squares fit under the
 * constraint. F is the reviewers of one component (60 in the bench: the solve itself takes under a millisecond;
 * 300 take tens of milliseconds).
 */
export function calibrate(observations: readonly Observation[]): Calibration {
  const reviewers = new Map<string, number>();
  const applications = new Map<string, number>();
  for (const o of observations) {
    if (!reviewers.has(o.reviewerId)) reviewers.set(o.reviewerId, reviewers.size);
    if (!applications.has(o.applicationId)) applications.set(o.applicationId, applications.size);
  }
  const R = reviewers.size;
  const A = applications.size;
  const obsR = observations.map((o) => reviewers.get(o.reviewerId) as number);
  const obsA = observations.map((o) => applications.get(o.applicationId) as number);

  // Nodes 0..R−1 are reviewers, R..R+A−1 applications; an observation joins its two.
  const parent = Array.from({ length: R + A }, (_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] as number;
    while (parent[i] !== root) [i, parent[i]] = [parent[i] as number, root];
    return root;
  };
  const panels: number[][] = Array.from({ length: A }, () => []);
  const distinct: Set<number>[] = Array.from({ length: R }, () => new Set());
  observations.forEach((_, o) => {
    const r = obsR[o] as number;
    const a = obsA[o] as number;
    panels[a]?.push(o);
    distinct[r]?.add(a);
    parent[find(r)] = find(R + a);
  });
  const fitted = distinct.map((apps) => apps.size >= MIN_CALIBRATED_APPLICATIONS);
  const offset = new Float64Array(R);

  const componentApps = new Map<number, number[]>();
  for (let a = 0; a < A; a++) {
    const root = find(R + a);
    const list = componentApps.get(root);
    if (list) list.push(a);
    else componentApps.set(root, [a]);
  }
  const componentFitted = new Map<number, number[]>();
  for (let r = 0; r < R; r++) {
    if (!fitted[r]) continue;
    const root = find(r);
    const list = componentFitted.get(root);
    if (list) list.push(r);
    else componentFitted.set(root, [r]);
  }

  for (const [root, members] of componentFitted) {
    const F = members.length;
    const index = new Map(members.map((r, i) => [r, i]));
    const n = F + 1;
    const m = new Float64Array(n * (n + 1)); // augmented [L 1 | y; 1ᵀ 0 | 0]
    const at = (i: number, j: number) => i * (n + 1) + j;
    const add = (i: number, j: number, v: number) => {
      m[at(i, j)] = (m[at(i, j)] as number) + v;
    };
    for (const a of componentApps.get(root) ?? []) {
      const panel = panels[a] as number[];
      const k = panel.length;
      let sum = 0;
      for (const o of panel) sum += (observations[o] as Observation).total;
      const panelMean = sum / k;
      for (const o of panel) {
        const i = index.get(obsR[o] as number);
        if (i === undefined) continue;
        add(i, i, 1);
        add(i, n, (observations[o] as Observation).total - panelMean);
        for (const p of panel) {
          const j = index.get(obsR[p] as number);
          if (j !== undefined) add(i, j, -1 / k);
        }
      }
    }
    for (let i = 0; i < F; i++) {
      m[at(i, F)] = 1;
      m[at(F, i)] = 1;
    }
    const solution = solve(m, n);
    members.forEach((r, i) => {
      offset[r] = solution[i] as number;
    });
  }

  const offsets: Calibration["offsets"] = new Map();
  for (const [id, r] of reviewers) {
    offsets.set(id, {
      offset: offset[r] === 0 ? 0 : (offset[r] as number),
      applications: (distinct[r] as Set<number>).size,
      flagged: !fitted[r],
    });
  }
  const aggregates: Calibration["aggregates"] = new Map();
  for (const [id, a] of applications) {
    const panel = panels[a] as number[];
    let sum = 0;
    for (const o of panel) sum += (observations[o] as Observation).total - (offset[obsR[o] as number] as number);
    aggregates.set(id, sum / panel.length);
  }
  return { offsets, aggregates };
}

/**
 * Solves the n × n system held row-major in `m` with its right-hand side as column n (overwritten), by
 * Gaussian elimination with partial pivoting. A variable without a usable pivot (not expected: the
 * constrained system of a connected component is regular) is set to 0.
 */
function solve(m: Float64Array, n: number): Float64Array {
  const w = n + 1;
  let scale = 0;
  for (const v of m) scale = Math.max(scale, Math.abs(v));
  const tiny = Math.max(scale, 1) * 1e-12;
  const pivotRow = new Int32Array(n).fill(-1);
  const used = new Uint8Array(n);
  for (let col = 0; col < n; col++) {
    let best = -1;
    let bestAbs = tiny;
    for (let row = 0; row < n; row++) {
      if (used[row]) continue;
      const v = Math.abs(m[row * w + col] as number);
      if (v > bestAbs) {
        best = row;
        bestAbs = v;
      }
    }
    if (best < 0) continue;
    used[best] = 1;
    pivotRow[col] = best;
    const p = m[best * w + col] as number;
    for (let row = 0; row < n; row++) {
      if (used[row]) continue;
      const f = (m[row * w + col] as number) / p;
      if (f === 0) continue;
      for (let j = col; j < w; j++) m[row * w + j] = (m[row * w + j] as number) - f * (m[best * w + j] as number);
    }
  }
  // Back substitution: a pivot row is zero in the columns pivoted before it (or their variable is 0).
  const x = new Float64Array(n);
  for (let col = n - 1; col >= 0; col--) {
    const row = pivotRow[col] as number;
    if (row < 0) continue;
    let rhs = m[row * w + n] as number;
    for (let j = col + 1; j < n; j++) rhs -= (m[row * w + j] as number) * (x[j] as number);
    x[col] = rhs / (m[row * w + col] as number);
  }
  return x;
}
