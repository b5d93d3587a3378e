import { describe, expect, it } from "vitest";
import { foldRollup, type RollupGroup } from "../../worker/domain/rollup-groups.ts";

const group = (
  city: [string | null, string | null],
  sector: [string | null, number | null],
  kind: [string | null, number | null],
  units: number,
  withProgram: number,
): RollupGroup => ({
  units,
  withProgram,
  city: { id: city[0] && `c-${city[0]}`, code: city[0], name: city[1] },
  sector: { id: sector[0] && `s-${sector[0]}`, name: sector[0], sort: sector[1] },
  kind: { id: kind[0] && `k-${kind[0]}`, name: kind[0], sort: kind[1] },
});

describe("folding (city × sector × kind) groups into rollups", () => {
  const groups = [
    group(["510600", "德阳市"], ["教育", 2], ["学校", 4], 10, 7),
    group(["510600", "德阳市"], ["卫生健康", 3], ["医院", 5], 4, 1),
    group(["510100", "成都市"], ["教育", 2], ["学校", 4], 20, 12),
    group([null, null], ["党政机关", 1], ["机关", 1], 3, 3),
    group(["511700", "达州市"], [null, null], [null, null], 2, 0),
  ];
  const folded = foldRollup(groups);

  it("totals every group once", () => {
    expect(folded.totals).toEqual({ units: 39, withProgram: 23 });
  });

  it("sums each breakdown and orders cities by code, units without a city first", () => {
    expect(folded.byCity.map((c) => [c.code, c.units, c.withProgram])).toEqual([
      [null, 3, 3],
      ["510100", 20, 12],
      ["510600", 14, 8],
      ["511700", 2, 0],
    ]);
  });

  it("orders sectors and kinds by their list order, without leaking the sort key", () => {
    expect(folded.bySector).toEqual([
      { id: null, name: null, units: 2, withProgram: 0 },
      { id: "s-党政机关", name: "党政机关", units: 3, withProgram: 3 },
      { id: "s-教育", name: "教育", units: 30, withProgram: 19 },
      { id: "s-卫生健康", name: "卫生健康", units: 4, withProgram: 1 },
    ]);
    expect(folded.byKind.map((k) => k.name)).toEqual([null, "机关", "学校", "医院"]);
  });

  it("no units in scope gives zero totals and empty breakdowns", () => {
    expect(foldRollup([])).toEqual({ totals: { units: 0, withProgram: 0 }, byCity: [], bySector: [], byKind: [] });
  });
});
