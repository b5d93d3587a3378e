/**
 * Rollups are read as one grouped statement, one row per (city, sector, kind) present in scope — at most
 * cities × sectors × kinds rows, whatever the number of units — and folded here into each breakdown.
 */
export interface Tally {
  units: number;
  withProgram: number;
}

interface Named {
  id: string | null;
  name: string | null;
}

export interface RollupGroup extends Tally {
  city: Named & { code: string | null };
  sector: Named & { sort: number | null };
  kind: Named & { sort: number | null };
}

function add(into: Tally, from: Tally): void {
  into.units += from.units;
  into.withProgram += from.withProgram;
}

function tallyBy<K extends Named>(groups: RollupGroup[], keyOf: (g: RollupGroup) => K): Array<K & Tally> {
  const byId = new Map<string | null, K & Tally>();
  for (const group of groups) {
    const key = keyOf(group);
    let entry = byId.get(key.id);
    if (!entry) {
      entry = { ...key, units: 0, withProgram: 0 };
      byId.set(key.id, entry);
    }
    add(entry, group);
  }
  return [...byId.values()];
}

/** Nulls first, as SQLite orders them ascending: units without a city, sector or kind lead their list. */
function compareNullable<T extends string | number>(a: T | null, b: T | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

const bySortThenName = (a: Named & { sort: number | null }, b: Named & { sort: number | null }) =>
  compareNullable(a.sort, b.sort) || compareNullable(a.name, b.name);

export function foldRollup(groups: RollupGroup[]) {
  const totals: Tally = { units: 0, withProgram: 0 };
  for (const group of groups) add(totals, group);
  const strip = <T extends { sort: number | null }>({ sort: _, ...rest }: T) => rest;
  return {
    totals,
    byCity: tallyBy(groups, (g) => g.city).sort((a, b) => compareNullable(a.code, b.code)),
    bySector: tallyBy(groups, (g) => g.sector)
      .sort(bySortThenName)
      .map(strip),
    byKind: tallyBy(groups, (g) => g.kind)
      .sort(bySortThenName)
      .map(strip),
  };
}
