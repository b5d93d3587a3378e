import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compareForRanking,
  cutOff,
  poolOf,
  type RankInput,
  rankApplications,
  rankWithin,
} from "../../worker/domain/scoring/ranking.ts";
import { TIE_BREAKS, type TieBreak } from "../../worker/domain/vocabulary.ts";
import { rankRow } from "./scoring-rows.ts";

const row = rankRow;

const ranks = (rows: readonly RankInput[], tieBreak: readonly TieBreak[] = []) =>
  rankApplications(rows, tieBreak).map((r) => [r.applicationId, r.rank]);

describe("rankApplications: competition ranking on the rounded aggregate", () => {
  it("ranks 1, 2, 2, 4 and orders ties by application id", () => {
    expect(ranks([row("d", 70), row("c", 85), row("a", 90), row("b", 85)])).toEqual([
      ["a", 1],
      ["b", 2],
      ["c", 2],
      ["d", 4],
    ]);
  });

  it("compares aggregates after rounding to 2 decimals", () => {
    expect(ranks([row("a", 80.004), row("b", 79.996), row("c", 80.005)])).toEqual([
      ["c", 1],
      ["a", 2],
      ["b", 2],
    ]);
  });

  it("gives every row rank 1 when all tie", () => {
    expect(ranks([row("x", 60), row("y", 60), row("z", 60)]).map(([, r]) => r)).toEqual([1, 1, 1]);
  });

  it("returns nothing for no rows", () => {
    expect(rankApplications([], ["onsite"])).toEqual([]);
  });

  it("keeps every field of the input rows", () => {
    const input = row("a", 88, { onsite: 12, submittedAt: "2025-03-01T00:00:00Z" });
    expect(rankApplications([input], [])).toEqual([{ ...input, rank: 1 }]);
  });
});

describe("rankApplications: tie-breaks", () => {
  const equal = 85;
  it.each([
    ["onsite", { onsite: 30 }, { onsite: 29.5 }],
    ["material", { material: 40 }, { material: 39 }],
    ["survey", { survey: 10.5 }, { survey: 10 }],
    ["online", { online: 5 }, { online: 4.99 }],
    ["first_category", { firstCategory: 18 }, { firstCategory: 17 }],
    ["fewer_deductions", { deduction: 0.5 }, { deduction: 1 }],
    ["earlier_submission", { submittedAt: "2025-03-01T08:00:00.000Z" }, { submittedAt: "2025-03-02T08:00:00.000Z" }],
  ] as const)("%s breaks an equal aggregate", (tieBreak, winner, loser) => {
    // ids ordered against the expected result, so only the tie-break can put the winner first
    expect(ranks([row("a", equal, loser), row("b", equal, winner)], [tieBreak])).toEqual([
      ["b", 1],
      ["a", 2],
    ]);
    expect(ranks([row("a", equal, loser), row("b", equal, winner)], [])).toEqual([
      ["a", 1],
      ["b", 1],
    ]);
  });

  it("an unknown submission time counts as the latest", () => {
    expect(
      ranks([row("a", 80), row("b", 80, { submittedAt: "2025-03-02T08:00:00.000Z" })], ["earlier_submission"]),
    ).toEqual([
      ["b", 1],
      ["a", 2],
    ]);
  });

  it("applies the keys in the round's order: the first that differs decides", () => {
    const a = row("a", 85, { onsite: 30, deduction: 3 });
    const b = row("b", 85, { onsite: 28, deduction: 0 });
    expect(ranks([a, b], ["onsite", "fewer_deductions"])).toEqual([
      ["a", 1],
      ["b", 2],
    ]);
    expect(ranks([a, b], ["fewer_deductions", "onsite"])).toEqual([
      ["b", 1],
      ["a", 2],
    ]);
  });

  it("goes on to the next key while keys are equal after rounding", () => {
    const a = row("a", 85, { onsite: 30.001, material: 40 });
    const b = row("b", 85, { onsite: 30.004, material: 41 });
    expect(ranks([a, b], ["onsite", "material"])).toEqual([
      ["b", 1],
      ["a", 2],
    ]);
  });

  it("a tie stands only when every key is equal", () => {
    const keys = { onsite: 30, material: 40, survey: 5, online: 5, firstCategory: 20, deduction: 1 };
    const at = "2025-03-01T08:00:00.000Z";
    expect(
      ranks([row("a", 85, { ...keys, submittedAt: at }), row("b", 85, { ...keys, submittedAt: at })], TIE_BREAKS),
    ).toEqual([
      ["a", 1],
      ["b", 1],
    ]);
  });

  it("never lets a tie-break overturn a higher aggregate", () => {
    expect(ranks([row("a", 85.01), row("b", 85, { onsite: 99 })], ["onsite"])).toEqual([
      ["a", 1],
      ["b", 2],
    ]);
  });

  it("ties among the tied: 1, 2, 2, 4 after tie-breaks", () => {
    const rows = [
      row("a", 90),
      row("b", 85, { onsite: 20 }),
      row("c", 85, { onsite: 20 }),
      row("d", 85, { onsite: 10 }),
      row("e", 80),
    ];
    expect(ranks(rows, ["onsite"])).toEqual([
      ["a", 1],
      ["b", 2],
      ["c", 2],
      ["d", 4],
      ["e", 5],
    ]);
  });
});

describe("rankApplications: vetoed and unscored applications", () => {
  it("lists unscored rows after the ranked ones and vetoed rows last, both without a rank", () => {
    const rows = [row("v", 99, { vetoed: true }), row("u", null), row("a", 70), row("w", null, { vetoed: true })];
    expect(ranks(rows)).toEqual([
      ["a", 1],
      ["u", null],
      ["v", null],
      ["w", null],
    ]);
  });

  it("a vetoed top score takes no rank from the others", () => {
    expect(ranks([row("v", 99, { vetoed: true }), row("a", 90), row("b", 80)])).toEqual([
      ["a", 1],
      ["b", 2],
      ["v", null],
    ]);
  });

  it("lists vetoed rows by aggregate, then id", () => {
    const rows = [row("x", 60, { vetoed: true }), row("y", 95, { vetoed: true }), row("w", 60, { vetoed: true })];
    expect(ranks(rows).map(([id]) => id)).toEqual(["y", "w", "x"]);
  });
});

describe("compareForRanking", () => {
  it("is 0 for a tie, negative when the first goes ahead", () => {
    const compare = compareForRanking(["onsite"]);
    expect(compare(row("a", 80), row("b", 80))).toBe(0);
    expect(compare(row("a", 81), row("b", 80))).toBeLessThan(0);
    expect(compare(row("a", 80), row("b", 80, { onsite: 1 }))).toBeGreaterThan(0);
    expect(compare(row("a", null), row("b", 1))).toBeGreaterThan(0);
    expect(compare(row("a", 100, { vetoed: true }), row("b", null))).toBeGreaterThan(0);
  });
});

describe("rankWithin", () => {
  it("ranks inside each group; a row without a group gets null", () => {
    const cities: Record<string, string | null> = { a: "c1", b: "c2", c: "c1", d: "c1", e: null, f: "c2" };
    const rows = [row("a", 90), row("b", 95), row("c", 92), row("d", 90), row("e", 99), row("f", 70, { vetoed: true })];
    expect(Object.fromEntries(rankWithin(rows, [], (r) => cities[r.applicationId] ?? null))).toEqual({
      a: 2,
      b: 1,
      c: 1,
      d: 2,
      e: null,
      f: null,
    });
  });

  it("applies the tie-breaks inside a group", () => {
    const rows = [row("a", 90), row("b", 90, { onsite: 5 })];
    expect(Object.fromEntries(rankWithin(rows, ["onsite"], () => "g"))).toEqual({ a: 2, b: 1 });
  });
});

describe("poolOf", () => {
  const quotas = {
    perCity: [
      { cityId: "chengdu", quota: 5 },
      { cityId: "mianyang", quota: 2 },
    ],
    perSector: [{ sectorId: "edu", quota: 3 }],
  };

  it("puts a city-channel application in its city's pool", () => {
    expect(poolOf({ channel: "city", cityId: "mianyang", channelSectorId: null }, quotas)).toEqual({
      pool: "city:mianyang",
      quota: 2,
    });
  });

  it("puts a sector-channel application in its sector's pool, whatever its city", () => {
    expect(poolOf({ channel: "sector", cityId: "chengdu", channelSectorId: "edu" }, quotas)).toEqual({
      pool: "sector:edu",
      quota: 3,
    });
  });

  it("gives no pool when the round sets no quota for the channel", () => {
    expect(poolOf({ channel: "city", cityId: "deyang", channelSectorId: null }, quotas)).toBeNull();
    expect(poolOf({ channel: "city", cityId: null, channelSectorId: null }, quotas)).toBeNull();
    expect(poolOf({ channel: "sector", cityId: "chengdu", channelSectorId: "health" }, quotas)).toBeNull();
    expect(poolOf({ channel: "sector", cityId: "chengdu", channelSectorId: null }, quotas)).toBeNull();
    expect(
      poolOf({ channel: "city", cityId: "chengdu", channelSectorId: null }, { perCity: [], perSector: [] }),
    ).toBeNull();
  });
});

describe("cutOff", () => {
  const pool = [
    { aggregate: 90.004, rank: 1 },
    { aggregate: 85, rank: 2 },
    { aggregate: 85, rank: 2 },
    { aggregate: 80.125, rank: 4 },
    { aggregate: 99, rank: null }, // vetoed
    { aggregate: null, rank: null }, // unscored
  ];

  it("is the quota-th ranked row's aggregate, rounded", () => {
    expect(cutOff(pool, 1)).toBe(90);
    expect(cutOff(pool, 3)).toBe(85);
    expect(cutOff(pool, 4)).toBe(80.13);
  });

  it("is the last ranked row's when fewer are ranked than the quota", () => {
    expect(cutOff(pool, 10)).toBe(80.13);
  });

  it("reads the rows in rank order, whatever the input order", () => {
    expect(cutOff([...pool].reverse(), 2)).toBe(85);
  });

  it("is null for a quota of 0 or nothing ranked", () => {
    expect(cutOff(pool, 0)).toBeNull();
    expect(cutOff([], 3)).toBeNull();
    expect(cutOff([{ aggregate: 99, rank: null }], 3)).toBeNull();
  });
});

// ─── Properties ─────────────────────────────────────────────────────────────────────────────────────

const scoreArb = fc.integer({ min: 0, max: 40 }).map((n) => 60 + n / 4); // many ties
const keyArb = fc.integer({ min: 0, max: 3 });
const rowArb = fc.record({
  aggregate: fc.option(scoreArb, { nil: null, freq: 6 }),
  vetoed: fc.boolean(),
  onsite: keyArb,
  material: keyArb,
  survey: keyArb,
  online: keyArb,
  firstCategory: keyArb,
  deduction: keyArb,
  submittedAt: fc.option(fc.constantFrom("2025-03-01T08:00:00.000Z", "2025-03-02T08:00:00.000Z"), { nil: null }),
});
const rowsArb = fc
  .array(rowArb, { maxLength: 25 })
  .map((rows) => rows.map((r, i): RankInput => ({ ...r, applicationId: `app-${String(i).padStart(2, "0")}` })));
const tieBreakArb = fc.shuffledSubarray([...TIE_BREAKS]);

describe("ranking: properties", () => {
  it("ranks depend only on the scores: input order changes nothing (property)", () => {
    fc.assert(
      fc.property(
        rowsArb.chain((rows) => fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length }))),
        tieBreakArb,
        ([rows, shuffled], tieBreak) => {
          expect(rankApplications(shuffled, tieBreak)).toEqual(rankApplications(rows, tieBreak));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("ranks depend only on the scores: renaming the applications changes no one's rank (property)", () => {
    fc.assert(
      fc.property(rowsArb, tieBreakArb, fc.array(fc.nat()), (rows, tieBreak, salt) => {
        const rename = (id: string, i: number) =>
          `${salt[i % Math.max(1, salt.length)] ?? 0}-${id.split("").reverse().join("")}`;
        const renamed = rows.map((r, i) => ({ ...r, applicationId: rename(r.applicationId, i) }));
        const before = new Map(rankApplications(rows, tieBreak).map((r) => [r.applicationId, r.rank]));
        const after = new Map(rankApplications(renamed, tieBreak).map((r) => [r.applicationId, r.rank]));
        rows.forEach((r, i) => {
          expect(after.get(rename(r.applicationId, i))).toBe(before.get(r.applicationId));
        });
      }),
      { numRuns: 200 },
    );
  });

  it("a rank is 1 + the number of rows strictly ahead; unranked exactly when vetoed or unscored (property)", () => {
    fc.assert(
      fc.property(rowsArb, tieBreakArb, (rows, tieBreak) => {
        const compare = compareForRanking(tieBreak);
        const result = rankApplications(rows, tieBreak);
        expect(result).toHaveLength(rows.length);
        for (const r of result) {
          if (r.vetoed || r.aggregate === null) {
            expect(r.rank).toBeNull();
            continue;
          }
          const ahead = rows.filter((o) => !o.vetoed && o.aggregate !== null && compare(o, r) < 0).length;
          expect(r.rank).toBe(1 + ahead);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("vetoed applications never rank and come last; the ranked ones come first (property)", () => {
    fc.assert(
      fc.property(rowsArb, tieBreakArb, (rows, tieBreak) => {
        const result = rankApplications(rows, tieBreak);
        const kinds = result.map((r) => (r.vetoed ? 2 : r.rank === null ? 1 : 0));
        expect(kinds).toEqual([...kinds].sort());
        expect(result.filter((r) => r.vetoed).every((r) => r.rank === null)).toBe(true);
        const ranked = result.filter((r) => r.rank !== null).map((r) => r.rank as number);
        expect(ranked).toEqual([...ranked].sort((a, b) => a - b));
        // vetoing a row never changes the others' order, only removes it
        const top = result.find((r) => r.rank !== null);
        if (top) {
          const vetoed = rows.map((r) => (r.applicationId === top.applicationId ? { ...r, vetoed: true } : r));
          const again = rankApplications(vetoed, tieBreak);
          expect(again.find((r) => r.applicationId === top.applicationId)?.rank).toBeNull();
          expect(again.filter((r) => r.rank !== null).map((r) => r.applicationId)).toEqual(
            result.filter((r) => r.rank !== null && r.applicationId !== top.applicationId).map((r) => r.applicationId),
          );
        }
      }),
      { numRuns: 200 },
    );
  });

  it("the comparator is a consistent order: antisymmetric and transitive (property)", () => {
    fc.assert(
      fc.property(rowsArb, tieBreakArb, (rows, tieBreak) => {
        const compare = compareForRanking(tieBreak);
        for (const a of rows)
          for (const b of rows) {
            expect(Math.sign(compare(a, b)) + 0).toBe(-Math.sign(compare(b, a)) + 0);
            for (const c of rows.slice(0, 6))
              if (compare(a, b) <= 0 && compare(b, c) <= 0) expect(compare(a, c)).toBeLessThanOrEqual(0);
          }
      }),
      { numRuns: 100 },
    );
  });

  it("rankWithin equals ranking each group by itself (property)", () => {
    fc.assert(
      fc.property(rowsArb, tieBreakArb, (rows, tieBreak) => {
        const groupOf = (r: RankInput) => (r.onsite === 0 ? null : `g${r.material % 2}`);
        const within = rankWithin(rows, tieBreak, groupOf);
        for (const group of ["g0", "g1"]) {
          for (const r of rankApplications(
            rows.filter((x) => groupOf(x) === group),
            tieBreak,
          ))
            expect(within.get(r.applicationId)).toBe(r.rank);
        }
        for (const r of rows) if (groupOf(r) === null) expect(within.get(r.applicationId)).toBeNull();
        expect(within.size).toBe(rows.length);
      }),
      { numRuns: 100 },
    );
  });
});
