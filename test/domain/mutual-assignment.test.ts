import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  assignPeers,
  type PeerPair,
  type PeerRater,
  peerConflict,
  peerGroupOf,
} from "../../worker/domain/mutual-assignment.ts";

const rater = (id: string, facts: Partial<PeerRater> = {}): PeerRater => ({
  applicationId: `a-${id}`,
  unitId: `u-${id}`,
  sectorId: "s1",
  cityId: "c1",
  parentBody: null,
  ...facts,
});

/** Raters with distinct ids; sectors, cities and parent bodies drawn from small sets so groups and conflicts form. */
const raters = (withConflicts: boolean) =>
  fc
    .uniqueArray(
      fc.record({
        id: fc.integer({ min: 0, max: 999 }).map(String),
        sectorId: fc.constantFrom("s1", "s2", null),
        cityId: fc.constantFrom("c1", "c2", null),
        parentBody: withConflicts ? fc.constantFrom("教育局", "卫健委", null) : fc.constant(null),
      }),
      { selector: (r) => r.id, maxLength: 40 },
    )
    .map((rows) => rows.map(({ id, ...facts }) => rater(id, facts)));

const options = fc.record({
  peers: fc.integer({ min: 1, max: 10 }),
  groupBy: fc.constantFrom("sector" as const, "city" as const),
  seed: fc.string({ maxLength: 12 }),
});

const received = (pairs: readonly PeerPair[]) => {
  const counts = new Map<string, number>();
  for (const p of pairs) counts.set(p.rateeApplicationId, (counts.get(p.rateeApplicationId) ?? 0) + 1);
  return counts;
};

describe("assignPeers", () => {
  it("never assigns a unit itself, a conflicting unit, a unit of another group or the same pair twice", () => {
    fc.assert(
      fc.property(raters(true), options, (all, opts) => {
        const byId = new Map(all.map((r) => [r.applicationId, r]));
        const pairs = assignPeers(all, opts);
        const keys = pairs.map((p) => `${p.raterApplicationId}>${p.rateeApplicationId}`);
        expect(new Set(keys).size).toBe(keys.length);
        for (const p of pairs) {
          const from = byId.get(p.raterApplicationId) as PeerRater;
          const to = byId.get(p.rateeApplicationId) as PeerRater;
          expect(p.raterApplicationId).not.toBe(p.rateeApplicationId);
          expect(peerConflict(from, to)).toBe(false);
          expect(peerGroupOf(from, opts.groupBy)).toBe(peerGroupOf(to, opts.groupBy));
        }
      }),
    );
  });

  it("gives every rater min(peers, eligible peers of its group) ratees", () => {
    fc.assert(
      fc.property(raters(true), options, (all, opts) => {
        const pairs = assignPeers(all, opts);
        for (const r of all) {
          const eligible = all.filter(
            (o) => o !== r && peerGroupOf(o, opts.groupBy) === peerGroupOf(r, opts.groupBy) && !peerConflict(r, o),
          ).length;
          const given = pairs.filter((p) => p.raterApplicationId === r.applicationId).length;
          expect(given).toBe(Math.min(opts.peers, eligible));
        }
      }),
    );
  });

  it("without conflicts spreads the load within one per group, and exactly N when the group is larger than N", () => {
    fc.assert(
      fc.property(raters(false), options, (all, opts) => {
        const counts = received(assignPeers(all, opts));
        const groups = new Map<string, PeerRater[]>();
        for (const r of all) {
          const key = peerGroupOf(r, opts.groupBy);
          groups.set(key, [...(groups.get(key) ?? []), r]);
        }
        for (const members of groups.values()) {
          const loads = members.map((m) => counts.get(m.applicationId) ?? 0);
          expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
          if (members.length > opts.peers) expect(loads.every((l) => l === opts.peers)).toBe(true);
        }
      }),
    );
  });

  it("gives the same pairs for the same round whatever order the applications come in", () => {
    fc.assert(
      fc.property(
        raters(true).chain((all) => fc.tuple(fc.constant(all), fc.shuffledSubarray(all, { minLength: all.length }))),
        options,
        ([all, shuffled], opts) => {
          const sorted = (pairs: PeerPair[]) =>
            pairs.map((p) => `${p.raterApplicationId}>${p.rateeApplicationId}`).sort();
          expect(sorted(assignPeers(shuffled, opts))).toEqual(sorted(assignPeers(all, opts)));
        },
      ),
    );
  });

  it("groups units without a sector by their city, and skips peers under the same parent body", () => {
    const all = [
      rater("1", { sectorId: null, cityId: "c9" }),
      rater("2", { sectorId: null, cityId: "c9" }),
      rater("3", { sectorId: "s1", cityId: "c9" }),
      rater("4", { sectorId: "s1", parentBody: "教育局" }),
      rater("5", { sectorId: "s1", parentBody: "教育局" }),
    ];
    const pairs = assignPeers(all, { peers: 3, groupBy: "sector", seed: "round-1" }).map(
      (p) => `${p.raterApplicationId}>${p.rateeApplicationId}`,
    );
    expect(pairs.sort()).toEqual(["a-1>a-2", "a-2>a-1", "a-3>a-4", "a-3>a-5", "a-4>a-3", "a-5>a-3"]);
  });
});
