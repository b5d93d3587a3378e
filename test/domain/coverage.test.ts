import { describe, expect, it } from "vitest";
import { applicationCoverage, coverageStatus, coverageSummary, roundRollup } from "../../worker/domain/coverage.ts";

const none = { measures: 0, records: 0, paragraphs: 0 };

describe("coverageStatus", () => {
  it("a measure and a record cover an item", () => {
    expect(coverageStatus({ ...none, measures: 1, records: 2 })).toBe("covered");
  });
  it("a report paragraph stands for the plan side as a measure does", () => {
    expect(coverageStatus({ ...none, paragraphs: 1, records: 1 })).toBe("covered");
  });
  it("only one side is thin, whichever it is", () => {
    expect(coverageStatus({ ...none, records: 3 })).toBe("thin");
    expect(coverageStatus({ ...none, measures: 1, paragraphs: 2 })).toBe("thin");
  });
  it("nothing linked is empty", () => {
    expect(coverageStatus(none)).toBe("empty");
  });
});

describe("coverageSummary", () => {
  it("counts each status, zero for those absent", () => {
    expect(coverageSummary(["covered", "empty", "empty"])).toEqual({ covered: 1, thin: 0, empty: 2 });
  });
});

const items = [
  { code: "A1", title: "理论学习", categoryCode: "A" },
  { code: "A2", title: "道德讲堂建设", categoryCode: "A" },
  { code: "B1", title: "志愿服务", categoryCode: "B" },
];

describe("roundRollup", () => {
  it("counts each item's position in the applications' summaries, the least covered first", () => {
    // A1: c c c t e → 3 covered, 1 thin; A2 empty everywhere; B1: e t c t e.
    const rows = roundRollup(items, ["cee", "cet", "cec", "tet", ""]);
    expect(rows.map((r) => [r.itemCode, r.covered, r.thin, r.empty])).toEqual([
      ["A2", 0, 0, 5],
      ["B1", 1, 2, 2],
      ["A1", 3, 1, 1],
    ]);
  });

  it("ties keep the system's order; a summary shorter or longer than the system counts what it holds", () => {
    const rows = roundRollup(items, ["e", "eeeccc"]);
    expect(rows.map((r) => r.itemCode)).toEqual(["A1", "A2", "B1"]);
    expect(rows.every((r) => r.empty === 2)).toBe(true);
  });
});

describe("applicationCoverage", () => {
  // A stand-in matcher: an item is suggested when its title's first two characters occur in the text.
  const rate = (text: string) =>
    items
      .filter((i) => text.includes(i.title.slice(0, 2)))
      .map((i) => ({ itemCode: i.code, score: 1, terms: [i.title.slice(0, 2)] }));

  const base = {
    items,
    itemLinks: [
      { itemCode: "A1", measureKeys: ["m1"], recordIds: ["r1", "gone"] },
      { itemCode: "B1", measureKeys: ["removed"], recordIds: [] },
    ],
    reportLinks: [
      { paragraphId: "p2", itemCode: "A2" },
      { paragraphId: "deleted", itemCode: "B1" },
    ],
    paragraphs: [
      { id: "p1", heading: "一、基本情况" },
      { id: "p2", heading: "（一）道德讲堂" },
    ],
    measures: [
      { key: "m1", title: "组织理论学习" },
      { key: "m2", title: "建设道德讲堂" },
    ],
    records: [
      { id: "r1", title: "理论学习中心组学习", date: "2026-03-01" },
      { id: "r2", title: "道德讲堂第五讲", date: "2026-04-01" },
      { id: "r3", title: "志愿服务进社区", date: "2026-05-01" },
    ],
    rate,
  };

  it("judges each item on what still exists and lists it", () => {
    const result = applicationCoverage(base);
    const [a1, a2, b1] = result.items;
    expect(a1?.status).toBe("covered");
    expect(a1?.measures).toEqual([{ key: "m1", title: "组织理论学习" }]);
    expect(a1?.records.map((r) => r.id)).toEqual(["r1"]);
    expect(a2?.status).toBe("thin");
    expect(a2?.paragraphs).toEqual([{ id: "p2", heading: "（一）道德讲堂" }]);
    // A measure no longer published and a link to a deleted paragraph do not count.
    expect(b1?.status).toBe("empty");
    expect(result.summary).toEqual({ covered: 1, thin: 1, empty: 1 });
  });

  it("suggests unlinked measures and records whose titles match, never those already linked to the item", () => {
    const result = applicationCoverage(base);
    const [a1, a2, b1] = result.items;
    expect(a1?.suggestions).toEqual({ measures: [], records: [] });
    expect(a2?.suggestions.measures).toEqual([{ key: "m2", title: "建设道德讲堂", terms: ["道德"] }]);
    expect(a2?.suggestions.records).toEqual([{ id: "r2", title: "道德讲堂第五讲", terms: ["道德"] }]);
    expect(b1?.suggestions.records.map((r) => r.id)).toEqual(["r3"]);
  });

  it("offers at most three suggestions of each kind per item, best first", () => {
    const records = Array.from({ length: 6 }, (_, i) => ({ id: `v${i}`, title: `志愿服务${i}`, date: "2026-01-01" }));
    const scored = (text: string) => rate(text).map((s) => ({ ...s, score: Number(text.slice(-1)) }));
    const result = applicationCoverage({ ...base, records, rate: scored });
    expect(result.items[2]?.suggestions.records.map((r) => r.id)).toEqual(["v5", "v4", "v3"]);
  });
});
