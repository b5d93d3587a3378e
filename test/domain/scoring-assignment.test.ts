import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assignPanels, type Seat } from "../../worker/domain/scoring/assignment.ts";
import { derivedConflict } from "../../worker/domain/scoring/conflicts.ts";

const ids = (...names: string[]) => names.map((id) => ({ id }));
const everyone = () => true;
const panelsOf = (seats: readonly Seat[]) => {
  const panels: Record<string, string[]> = {};
  for (const s of seats) panels[s.applicationId] = [...(panels[s.applicationId] ?? []), s.reviewerId].sort();
  return panels;
};
const loadsOf = (seats: readonly Seat[]) => {
  const loads: Record<string, number> = {};
  for (const s of seats) loads[s.reviewerId] = (loads[s.reviewerId] ?? 0) + 1;
  return loads;
};

describe("assignPanels", () => {
  it("fills every panel to its size, spreading the load evenly", () => {
    const { seats, short } = assignPanels({
      applications: ids("a1", "a2", "a3", "a4"),
      reviewers: ids("r1", "r2", "r3", "r4"),
      panelSize: 3,
      existing: [],
      eligible: everyone,
    });
    expect(panelsOf(seats)).toEqual({
      a1: ["r1", "r2", "r3"],
      a2: ["r1", "r2", "r4"],
      a3: ["r1", "r3", "r4"],
      a4: ["r2", "r3", "r4"],
    });
    expect(loadsOf(seats)).toEqual({ r1: 3, r2: 3, r3: 3, r4: 3 });
    expect(short).toEqual([]);
  });

  it("serves the application with the fewest eligible reviewers first", () => {
    // a1 comes first by id, but only r1 may score a2: serving a1 first would spend r1 there and load r1 twice
    const { seats } = assignPanels({
      applications: ids("a1", "a2"),
      reviewers: ids("r1", "r2"),
      panelSize: 1,
      existing: [],
      eligible: (a, r) => a === "a1" || r === "r1",
    });
    expect(seats).toEqual([
      { applicationId: "a2", reviewerId: "r1" },
      { applicationId: "a1", reviewerId: "r2" },
    ]);
  });

  it("never seats an ineligible reviewer (a conflict) and reports panels it cannot fill", () => {
    const { seats, short } = assignPanels({
      applications: ids("a1", "a2"),
      reviewers: ids("r1", "r2", "r3"),
      panelSize: 3,
      existing: [],
      eligible: (a, r) => !(a === "a1" && r === "r2"),
    });
    expect(panelsOf(seats)).toEqual({ a1: ["r1", "r3"], a2: ["r1", "r2", "r3"] });
    expect(short).toEqual([{ applicationId: "a1", seats: 2 }]);
  });

  it("counts existing seats towards the panel and the reviewer's load, and never seats them twice", () => {
    const { seats, short } = assignPanels({
      applications: ids("a1", "a2", "a3"),
      reviewers: ids("r1", "r2", "r3"),
      panelSize: 2,
      existing: [
        { applicationId: "a1", reviewerId: "r1" },
        { applicationId: "a1", reviewerId: "r2" },
        { applicationId: "a2", reviewerId: "r1" },
        { applicationId: "elsewhere", reviewerId: "r1" },
      ],
      eligible: everyone,
    });
    // a1 is full; a2 needs one (r3, least loaded); a3 needs two: r2 (load 1) and r3 (load 1), not r1 (load 3)
    expect(panelsOf(seats)).toEqual({ a2: ["r3"], a3: ["r2", "r3"] });
    expect(short).toEqual([]);
  });

  it("reports the seats a short panel holds, existing ones included", () => {
    const { seats, short } = assignPanels({
      applications: ids("a1"),
      reviewers: ids("r1", "r2"),
      panelSize: 3,
      existing: [{ applicationId: "a1", reviewerId: "outsider" }],
      eligible: (_, r) => r === "r2",
    });
    expect(seats).toEqual([{ applicationId: "a1", reviewerId: "r2" }]);
    expect(short).toEqual([{ applicationId: "a1", seats: 2 }]);
  });

  it("reports every application short when there are no reviewers", () => {
    expect(
      assignPanels({ applications: ids("b", "a"), reviewers: [], panelSize: 3, existing: [], eligible: everyone }),
    ).toEqual({
      seats: [],
      short: [
        { applicationId: "a", seats: 0 },
        { applicationId: "b", seats: 0 },
      ],
    });
  });

  it("breaks equal loads by reviewer id", () => {
    const { seats } = assignPanels({
      applications: ids("a1"),
      reviewers: ids("r9", "r10", "r2"),
      panelSize: 1,
      existing: [],
      eligible: everyone,
    });
    expect(seats).toEqual([{ applicationId: "a1", reviewerId: "r10" }]);
  });

  it("asks eligibility once per application and reviewer", () => {
    const asked: string[] = [];
    assignPanels({
      applications: ids("a1", "a2"),
      reviewers: ids("r1", "r2", "r3"),
      panelSize: 2,
      existing: [{ applicationId: "a1", reviewerId: "r1" }],
      eligible: (a, r) => {
        asked.push(`${a}/${r}`);
        return true;
      },
    });
    expect(asked.sort()).toEqual(["a1/r2", "a1/r3", "a2/r1", "a2/r2", "a2/r3"]);
  });
});

// ─── Properties ─────────────────────────────────────────────────────────────────────────────────────

const setupArb = fc
  .record({
    applications: fc.integer({ min: 0, max: 14 }),
    reviewers: fc.integer({ min: 0, max: 8 }),
    panelSize: fc.integer({ min: 1, max: 4 }),
    conflicts: fc.array(fc.tuple(fc.nat(14), fc.nat(8)), { maxLength: 30 }),
    existing: fc.array(fc.tuple(fc.nat(14), fc.nat(8)), { maxLength: 10 }),
  })
  .map((s) => {
    const applications = Array.from({ length: s.applications }, (_, i) => ({ id: `a${i}` }));
    const reviewers = Array.from({ length: s.reviewers }, (_, i) => ({ id: `r${i}` }));
    const conflicts = new Set(s.conflicts.map(([a, r]) => `a${a}/r${r}`));
    const existing = s.existing
      .filter(([a, r]) => a < s.applications && r < s.reviewers)
      .map(([a, r]) => ({ applicationId: `a${a}`, reviewerId: `r${r}` }));
    return {
      applications,
      reviewers,
      panelSize: s.panelSize,
      existing,
      eligible: (a: string, r: string) => !conflicts.has(`${a}/${r}`),
    };
  });

describe("assignPanels: properties", () => {
  it("never seats an ineligible reviewer or a reviewer twice, and fills what it can (property)", () => {
    fc.assert(
      fc.property(setupArb, (setup) => {
        const { seats, short } = assignPanels(setup);
        const held = new Set(setup.existing.map((s) => `${s.applicationId}/${s.reviewerId}`));
        for (const seat of seats) {
          const key = `${seat.applicationId}/${seat.reviewerId}`;
          expect(setup.eligible(seat.applicationId, seat.reviewerId)).toBe(true);
          expect(held.has(key)).toBe(false);
          held.add(key);
        }
        const shortOf = new Map(short.map((s) => [s.applicationId, s.seats]));
        for (const { id } of setup.applications) {
          const panel = new Set([...held].filter((k) => k.startsWith(`${id}/`)).map((k) => k.split("/")[1]));
          const fromExisting = setup.existing.filter((s) => s.applicationId === id).length;
          // never more than needed, never beyond what was there
          expect(panel.size).toBeLessThanOrEqual(Math.max(setup.panelSize, fromExisting));
          if (panel.size < setup.panelSize) {
            expect(shortOf.get(id)).toBe(panel.size);
            // short only for want of eligible reviewers
            for (const { id: r } of setup.reviewers) if (!panel.has(r)) expect(setup.eligible(id, r)).toBe(false);
          } else {
            expect(shortOf.has(id)).toBe(false);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("spreads the load within 1 when everyone is eligible (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 5 }),
        (applications, reviewers, panelSize) => {
          const { seats, short } = assignPanels({
            applications: Array.from({ length: applications }, (_, i) => ({ id: `a${i}` })),
            reviewers: Array.from({ length: reviewers }, (_, i) => ({ id: `r${i}` })),
            panelSize,
            existing: [],
            eligible: everyone,
          });
          const loads = Array.from({ length: reviewers }, (_, i) => loadsOf(seats)[`r${i}`] ?? 0);
          expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
          expect(seats).toHaveLength(applications * Math.min(panelSize, reviewers));
          expect(short.length).toBe(panelSize > reviewers ? applications : 0);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("gives the same seats whatever the order of applications and reviewers (property)", () => {
    fc.assert(
      fc.property(
        setupArb.chain((s) =>
          fc.tuple(
            fc.constant(s),
            fc.shuffledSubarray(s.applications, { minLength: s.applications.length }),
            fc.shuffledSubarray(s.reviewers, { minLength: s.reviewers.length }),
          ),
        ),
        ([setup, applications, reviewers]) => {
          expect(assignPanels({ ...setup, applications, reviewers })).toEqual(assignPanels(setup));
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("derivedConflict", () => {
  const both = { avoidSameParentBody: true, avoidOwnCityAtProvince: true };
  const none = { avoidSameParentBody: false, avoidOwnCityAtProvince: false };
  const unit = { id: "u1", parentBody: "市教育局", cityId: "chengdu" };
  const reviewer = (over: Partial<{ unitId: string | null; parentBody: string | null; cityId: string | null }>) => ({
    unitId: null,
    parentBody: null,
    cityId: null,
    ...over,
  });

  it("a reviewer's own unit, whatever the options and stage", () => {
    expect(derivedConflict(reviewer({ unitId: "u1" }), unit, "city", none)).toBe("own_unit");
    expect(derivedConflict(reviewer({ unitId: "u1" }), unit, "province", none)).toBe("own_unit");
  });

  it("a unit under the same parent body when the round says so", () => {
    const r = reviewer({ unitId: "u2", parentBody: "市教育局" });
    expect(derivedConflict(r, unit, "city", both)).toBe("same_parent_body");
    expect(derivedConflict(r, unit, "city", { ...none, avoidSameParentBody: true })).toBe("same_parent_body");
    expect(derivedConflict(r, unit, "city", none)).toBeNull();
  });

  it("no parent-body conflict when either parent body is missing or blank, or they differ", () => {
    expect(derivedConflict(reviewer({ parentBody: null }), { ...unit, parentBody: null }, "city", both)).toBeNull();
    expect(derivedConflict(reviewer({ parentBody: "" }), { ...unit, parentBody: "" }, "city", both)).toBeNull();
    expect(derivedConflict(reviewer({ parentBody: "  " }), { ...unit, parentBody: "  " }, "city", both)).toBeNull();
    expect(derivedConflict(reviewer({ parentBody: "市卫健委" }), unit, "city", both)).toBeNull();
  });

  it("a unit of the reviewer's own city at the provincial stage when the round says so", () => {
    const r = reviewer({ cityId: "chengdu" });
    expect(derivedConflict(r, unit, "province", both)).toBe("own_city");
    expect(derivedConflict(r, unit, "city", both)).toBeNull();
    expect(derivedConflict(r, unit, "province", { ...both, avoidOwnCityAtProvince: false })).toBeNull();
    expect(derivedConflict(reviewer({ cityId: "mianyang" }), unit, "province", both)).toBeNull();
    expect(derivedConflict(reviewer({ cityId: null }), { ...unit, cityId: null }, "province", both)).toBeNull();
  });

  it("answers the first that applies: own unit, then parent body, then city", () => {
    const all = reviewer({ unitId: "u1", parentBody: "市教育局", cityId: "chengdu" });
    expect(derivedConflict(all, unit, "province", both)).toBe("own_unit");
    expect(derivedConflict({ ...all, unitId: "u9" }, unit, "province", both)).toBe("same_parent_body");
    expect(derivedConflict({ ...all, unitId: "u9", parentBody: null }, unit, "province", both)).toBe("own_city");
  });

  it("a reviewer without a unit of their own has no own-unit conflict", () => {
    expect(derivedConflict(reviewer({}), unit, "province", both)).toBeNull();
  });
});
