/**
 * Ranking (排名): standard competition ranking (1, 2, 2, 4) on the aggregate rounded to 2 decimals, then the
 * round's tie-break order; a tie stands only when every key is equal. Unscored applications follow the ranked
 * ones and vetoed ones (一票否决) come last, both without a rank. Also the quota pools an application counts
 * against and a pool's cut-off score.
 *
 * Why one comparator: the tenant ranking, each city's, each sector's and each pool's, and the SPA's explanation
 * of a tie must all order applications the same way; ranks depend only on the scores, never on ids or input
 * order.
 */
import type { TieBreak } from "../vocabulary.ts";
import { round2 } from "./aggregate.ts";

export interface RankInput {
  applicationId: string;
  aggregate: number | null;
  vetoed: boolean;
  /** Method subtotals (mean over the panel) for the method tie-breaks. */
  onsite: number;
  material: number;
  survey: number;
  online: number;
  /** Points in the criteria system's first category (mean over the panel). */
  firstCategory: number;
  /** Deduction points (positive, mean over the panel): fewer wins. */
  deduction: number;
  /** ISO time the application was submitted: earlier wins; null counts as latest. */
  submittedAt: string | null;
}

export type Ranked = RankInput & { rank: number | null };

/** 0 ranked (scored, not vetoed), 1 unscored, 2 vetoed. */
const bucketOf = (r: RankInput) => (r.vetoed ? 2 : r.aggregate === null ? 1 : 0);

const desc = (x: number, y: number) => round2(y) - round2(x);

const KEY: Record<TieBreak, (a: RankInput, b: RankInput) => number> = {
  onsite: (a, b) => desc(a.onsite, b.onsite),
  material: (a, b) => desc(a.material, b.material),
  survey: (a, b) => desc(a.survey, b.survey),
  online: (a, b) => desc(a.online, b.online),
  first_category: (a, b) => desc(a.firstCategory, b.firstCategory),
  fewer_deductions: (a, b) => round2(a.deduction) - round2(b.deduction),
  earlier_submission: (a, b) =>
    a.submittedAt === b.submittedAt
      ? 0
      : a.submittedAt === null
        ? 1
        : b.submittedAt === null
          ? -1
          : a.submittedAt < b.submittedAt
            ? -1
            : 1,
};

/**
 * The ranking order: ranked before unscored before vetoed; among ranked rows round2(aggregate) descending,
 * then each tie-break key in the round's order; 0 means a tie (equal rank). Unscored rows compare equal among
 * themselves; vetoed rows only by aggregate (descending, those without one last), to list them steadily.
 */
export function compareForRanking(tieBreak: readonly TieBreak[]): (a: RankInput, b: RankInput) => number {
  const keys = [...new Set(tieBreak)].map((t) => KEY[t]);
  return (a, b) => {
    const bucket = bucketOf(a) - bucketOf(b);
    if (bucket !== 0) return Math.sign(bucket);
    if (a.aggregate === b.aggregate && a.aggregate === null) return 0;
    // Only vetoed rows may lack an aggregate here: those without come last.
    if (a.aggregate === null || b.aggregate === null) return a.aggregate === null ? 1 : -1;
    const byAggregate = Math.sign(desc(a.aggregate, b.aggregate));
    if (byAggregate !== 0 || a.vetoed) return byAggregate;
    for (const key of keys) {
      const c = key(a, b);
      if (c !== 0) return Math.sign(c);
    }
    return 0;
  };
}

/**
 * Every row in ranking order with its rank: standard competition ranking (1 + the number of rows strictly
 * ahead) for scored, not vetoed rows; null for unscored and vetoed rows, which follow in that order. Rows
 * that tie keep the order of their application ids, so the output does not depend on the input order.
 */
export function rankApplications(rows: readonly RankInput[], tieBreak: readonly TieBreak[]): Ranked[] {
  const compare = compareForRanking(tieBreak);
  const sorted = [...rows].sort(
    (a, b) => compare(a, b) || (a.applicationId < b.applicationId ? -1 : a.applicationId > b.applicationId ? 1 : 0),
  );
  const ranked: Ranked[] = [];
  sorted.forEach((row, i) => {
    const previous = ranked[i - 1];
    let rank: number | null = null;
    if (bucketOf(row) === 0)
      rank = previous && previous.rank !== null && compare(previous, row) === 0 ? previous.rank : i + 1;
    ranked.push({ ...row, rank });
  });
  return ranked;
}

/** Ranks inside each group (a city, a sector channel, a quota pool): application id → rank; null group → null. */
export function rankWithin(
  rows: readonly RankInput[],
  tieBreak: readonly TieBreak[],
  groupOf: (r: RankInput) => string | null,
): Map<string, number | null> {
  const groups = new Map<string, RankInput[]>();
  const ranks = new Map<string, number | null>();
  for (const row of rows) {
    const group = groupOf(row);
    ranks.set(row.applicationId, null);
    if (group === null) continue;
    const members = groups.get(group);
    if (members) members.push(row);
    else groups.set(group, [row]);
  }
  for (const members of groups.values()) {
    for (const row of rankApplications(members, tieBreak)) ranks.set(row.applicationId, row.rank);
  }
  return ranks;
}

export interface QuotaPools {
  perCity: { cityId: string; quota: number }[];
  perSector: { sectorId: string; quota: number }[];
}

/**
 * The quota pool an application counts against: its sector's ("sector:<id>") when it comes through a sector
 * channel the round gives a quota, its city's ("city:<id>") when it comes through a city with a quota; null
 * when the round sets no quota for its channel.
 */
export function poolOf(
  app: { channel: "city" | "sector"; cityId: string | null; channelSectorId: string | null },
  quotas: QuotaPools,
): { pool: string; quota: number } | null {
  if (app.channel === "sector") {
    const entry = quotas.perSector.find((q) => q.sectorId === app.channelSectorId);
    return entry && app.channelSectorId !== null ? { pool: `sector:${entry.sectorId}`, quota: entry.quota } : null;
  }
  const entry = quotas.perCity.find((q) => q.cityId === app.cityId);
  return entry && app.cityId !== null ? { pool: `city:${entry.cityId}`, quota: entry.quota } : null;
}

/**
 * A pool's cut-off score: the aggregate (round2) of its quota-th ranked row by rank order, or of its last
 * ranked row when fewer are ranked; null when the quota is 0 or nothing is ranked. Rows without a rank
 * (unscored, vetoed) never count.
 */
export function cutOff(
  rankedInPool: ReadonlyArray<{ aggregate: number | null; rank: number | null }>,
  quota: number,
): number | null {
  if (quota <= 0) return null;
  const ranked = rankedInPool
    .filter((r): r is { aggregate: number; rank: number } => r.rank !== null && r.aggregate !== null)
    .sort((a, b) => a.rank - b.rank);
  const row = ranked[Math.min(quota, ranked.length) - 1];
  return row ? round2(row.aggregate) : null;
}
