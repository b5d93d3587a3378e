import { describe, expect, it } from "vitest";
import {
  type RecheckCandidate,
  recheckShortlist,
  type ShortlistCandidate,
  type ShortlistRules,
  shortlist,
} from "../../worker/domain/shortlist.ts";

const BOTH = [
  { department: "纪检监察", verdict: "clear" as const },
  { department: "生态环境", verdict: "clear" as const },
];

const candidate = (id: string, rank: number | null, aggregate: number | null, more: Partial<ShortlistCandidate> = {}) =>
  ({
    applicationId: id,
    unitName: `单位${id}`,
    aggregate,
    rank,
    vetoed: false,
    channel: "city",
    cityId: "c1",
    channelSectorId: null,
    signoffs: BOTH,
    ...more,
  }) satisfies ShortlistCandidate;

const rules = (more: Partial<ShortlistRules> = {}): ShortlistRules => ({
  minScoreToName: 80,
  quotas: { perCity: [], perSector: [] },
  signoffDepartments: ["纪检监察", "生态环境"],
  ...more,
});

const reasons = (r: { excluded: ReadonlyArray<{ applicationId: string; reason: string }> }) =>
  Object.fromEntries(r.excluded.map((e) => [e.applicationId, e.reason]));

describe("shortlist", () => {
  it("lists ranked candidates above the gate with every sign-off, in rank order", () => {
    const r = shortlist([candidate("b", 2, 88), candidate("a", 1, 90), candidate("c", 3, 85)], rules());
    expect(r.shortlist.map((c) => c.applicationId)).toEqual(["a", "b", "c"]);
    expect(r.excluded).toEqual([]);
  });

  it("leaves off the unranked, the vetoed, those below the gate and those lacking or refused a sign-off", () => {
    const r = shortlist(
      [
        candidate("ok", 1, 95),
        candidate("unscored", null, null),
        candidate("vetoed", null, 92, { vetoed: true }),
        candidate("low", 2, 79.99),
        candidate("missing", 3, 90, { signoffs: [BOTH[0] as (typeof BOTH)[number]] }),
        candidate("objected", 4, 89, {
          signoffs: [BOTH[0] as (typeof BOTH)[number], { department: "生态环境", verdict: "veto" }],
        }),
      ],
      rules(),
    );
    expect(r.shortlist.map((c) => c.applicationId)).toEqual(["ok"]);
    expect(reasons(r)).toEqual({
      unscored: "unranked",
      vetoed: "vetoed",
      low: "below_gate",
      missing: "signoff_missing",
      objected: "signoff_objected",
    });
  });

  it("without a gate or required departments, every ranked candidate is listed", () => {
    const r = shortlist(
      [candidate("a", 1, 10, { signoffs: [] })],
      rules({ minScoreToName: null, signoffDepartments: [] }),
    );
    expect(r.shortlist).toHaveLength(1);
  });

  it("fills a quota with candidates that may be named, ties at the edge all listed", () => {
    const quotas = { perCity: [{ cityId: "c1", quota: 2 }], perSector: [{ sectorId: "s1", quota: 1 }] };
    const r = shortlist(
      [
        candidate("a", 1, 95),
        candidate("low", 2, 70),
        candidate("b", 3, 90),
        candidate("c", 3, 90),
        candidate("d", 5, 85),
        candidate("other-city", 6, 84, { cityId: "c2" }),
        candidate("s1", 7, 83, { channel: "sector", channelSectorId: "s1" }),
        candidate("s2", 8, 82, { channel: "sector", channelSectorId: "s1" }),
      ],
      rules({ quotas }),
    );
    expect(r.shortlist.map((c) => c.applicationId)).toEqual(["a", "b", "c", "other-city", "s1"]);
    expect(reasons(r)).toEqual({ low: "below_gate", d: "over_quota", s2: "over_quota" });
  });
});

describe("the re-check shortlist (复查拟保留称号单位)", () => {
  const held = (applicationId: string, unitName: string, outcome: RecheckCandidate["outcome"]) => ({
    applicationId,
    unitName,
    outcome,
  });

  it("lists the units whose outcome keeps the title (keep, warn, restore) in pinyin order of their names", () => {
    const r = recheckShortlist([
      held("1", "遂宁市交通运输局", "keep"),
      held("2", "彭州市供电公司", "warn"),
      held("3", "阿坝藏族羌族自治州总工会", "restore"),
      held("4", "广汉市图书馆", "keep"),
    ]);
    // By code point 广 < 彭 < 遂 < 阿; by pinyin a < guang < peng < sui.
    expect(r.shortlist.map((c) => c.unitName)).toEqual([
      "阿坝藏族羌族自治州总工会",
      "广汉市图书馆",
      "彭州市供电公司",
      "遂宁市交通运输局",
    ]);
    expect(r.excluded).toEqual([]);
  });

  it("leaves off a title that ends (revoke, lapse) and one without an outcome, saying which", () => {
    const r = recheckShortlist([
      held("kept", "甲单位", "keep"),
      held("revoked", "乙单位", "revoke"),
      held("lapsed", "丙单位", "lapse"),
      held("open", "丁单位", null),
    ]);
    expect(r.shortlist.map((c) => c.applicationId)).toEqual(["kept"]);
    expect(reasons(r)).toEqual({ revoked: "title_not_kept", lapsed: "title_not_kept", open: "outcome_missing" });
  });

  it("same-named units keep a stable order; nobody kept is an empty shortlist", () => {
    const r = recheckShortlist([held("b", "同名单位", "keep"), held("a", "同名单位", "keep")]);
    expect(r.shortlist.map((c) => c.applicationId)).toEqual(["a", "b"]);
    expect(recheckShortlist([held("x", "某单位", "lapse")]).shortlist).toEqual([]);
  });
});
