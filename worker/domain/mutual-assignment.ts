/**
 * 互评 peer assignment: within each group (the units of one sector, or of one city), every rater application gets
 * min(peers, eligible) ratees — never itself, never a unit in conflict with it by the org tree (the same derived
 * conflicts that keep reviewers off, see scoring/conflicts.ts), never twice — with every ratee scored by as equal
 * a number of raters as possible.
 *
 * Why greedy then repair: picking, rater by rater, the eligible ratees that have received fewest so far (ties by
 * how far after the rater they come in the group's seeded order, which gives a rotation when nothing conflicts)
 * spreads the load well but can leave the last raters with only themselves among the least loaded. The repair
 * then moves one pick at a time from the most to the least loaded ratee while some rater may swap; without
 * conflicts such a rater always exists, so loads end within one of each other. The order is seeded from the round
 * id: re-running over the same applications gives the same pairs, whatever order they come in.
 */

import { derivedConflict } from "./scoring/conflicts.ts";
import type { MutualGroup } from "./vocabulary.ts";

export interface PeerRater {
  applicationId: string;
  unitId: string;
  sectorId: string | null;
  cityId: string | null;
  /** 主管部门 as the org tree names it. */
  parentBody: string | null;
}

export interface PeerPair {
  raterApplicationId: string;
  rateeApplicationId: string;
}

export interface PeerOptions {
  peers: number;
  groupBy: MutualGroup;
  /** Seeds the order ties are broken in (the round id). */
  seed: string;
}

/** The group a unit's peers come from: its sector (a unit without one falls back to its city) or its city. */
export function peerGroupOf(rater: PeerRater, groupBy: MutualGroup): string {
  if (groupBy === "sector" && rater.sectorId !== null) return `sector:${rater.sectorId}`;
  return `city:${rater.cityId ?? ""}`;
}

/** Whether the org tree keeps `rater` from scoring `ratee` (its own unit, or the same parent body). */
export function peerConflict(rater: PeerRater, ratee: PeerRater): boolean {
  return (
    derivedConflict(
      { unitId: rater.unitId, parentBody: rater.parentBody, cityId: rater.cityId },
      { id: ratee.unitId, parentBody: ratee.parentBody, cityId: ratee.cityId },
      "city",
      { avoidSameParentBody: true, avoidOwnCityAtProvince: false },
    ) !== null
  );
}

/** FNV-1a, 32 bits: a stable, well-spread sort key per (seed, id). */
function seededKey(seed: string, id: string): number {
  let hash = 0x811c9dc5;
  for (const ch of `${seed}\u0000${id}`) {
    hash ^= ch.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

function assignGroup(members: PeerRater[], peers: number): PeerPair[] {
  const size = members.length;
  const eligible = members.map((rater, i) =>
    members.flatMap((ratee, j) =>
      j !== i && rater.applicationId !== ratee.applicationId && !peerConflict(rater, ratee) ? [j] : [],
    ),
  );
  const load = new Array<number>(size).fill(0);
  const picks = members.map(() => new Set<number>());
  const offset = (i: number, j: number) => (j - i + size) % size;
  members.forEach((_, i) => {
    const want = Math.min(peers, eligible[i]?.length ?? 0);
    const pool = [...(eligible[i] ?? [])];
    for (let k = 0; k < want; k++) {
      let best = -1;
      for (const j of pool) {
        if (picks[i]?.has(j)) continue;
        if (best < 0 || (load[j] ?? 0) < (load[best] ?? 0)) best = j;
        else if (load[j] === load[best] && offset(i, j) < offset(i, best)) best = j;
      }
      picks[i]?.add(best);
      load[best] = (load[best] ?? 0) + 1;
    }
  });
  repair(members, eligible, picks, load);
  return members.flatMap((rater, i) =>
    [...(picks[i] ?? [])]
      .sort((a, b) => offset(i, a) - offset(i, b))
      .map((j) => ({ raterApplicationId: rater.applicationId, rateeApplicationId: members[j]?.applicationId ?? "" })),
  );
}

/** Moves picks from the most to the least loaded ratee while a rater can swap (each move lowers Σ load²). */
function repair(members: PeerRater[], eligible: number[][], picks: Set<number>[], load: number[]): void {
  const canRate = eligible.map((list) => new Set(list));
  for (;;) {
    let moved = false;
    const byLoad = members.map((_, j) => j).sort((a, b) => (load[a] ?? 0) - (load[b] ?? 0) || a - b);
    outer: for (const low of byLoad) {
      for (const high of [...byLoad].reverse()) {
        if ((load[high] ?? 0) - (load[low] ?? 0) < 2) break;
        for (let i = 0; i < members.length; i++) {
          const own = picks[i];
          if (own?.has(high) && !own.has(low) && canRate[i]?.has(low)) {
            own.delete(high);
            own.add(low);
            load[high] = (load[high] ?? 0) - 1;
            load[low] = (load[low] ?? 0) + 1;
            moved = true;
            break outer;
          }
        }
      }
    }
    if (!moved) return;
  }
}

/** The pairs of all groups, each group's raters in the seeded order. */
export function assignPeers(raters: readonly PeerRater[], options: PeerOptions): PeerPair[] {
  const unique = [...new Map(raters.map((r) => [r.applicationId, r])).values()];
  const ordered = unique
    .map((rater) => ({ rater, key: seededKey(options.seed, rater.applicationId) }))
    .sort((a, b) => a.key - b.key || (a.rater.applicationId < b.rater.applicationId ? -1 : 1))
    .map(({ rater }) => rater);
  const groups = new Map<string, PeerRater[]>();
  for (const rater of ordered) {
    const key = peerGroupOf(rater, options.groupBy);
    groups.set(key, [...(groups.get(key) ?? []), rater]);
  }
  const sortedKeys = [...groups.keys()].sort();
  return sortedKeys.flatMap((key) => assignGroup(groups.get(key) ?? [], options.peers));
}
