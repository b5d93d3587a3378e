import { describe, expect, it } from "vitest";
import {
  checkEligibility,
  type EligibilityRule,
  eligibilityDate,
  type HeldAward,
  latestRun,
  requirementText,
  titleSatisfies,
} from "../../worker/domain/eligibility.ts";

const DAY = "2026-05-01";
const CITY: EligibilityRule = { requiresTitle: "city", orConsecutiveTerms: null };
const CITY_OR_TWO: EligibilityRule = { requiresTitle: "city", orConsecutiveTerms: 2 };

/** A three-year 市级 term starting `start`, named the December before, valid to the end of its last year. */
function term(id: string, start: number, overrides: Partial<HeldAward> = {}): HeldAward {
  const end = overrides.termEndYear ?? start + 2;
  return {
    id,
    level: "city",
    termStartYear: start,
    termEndYear: end,
    namedOn: `${start - 1}-12-28`,
    validUntil: `${end}-12-31`,
    status: "active",
    ...overrides,
  };
}

describe("a round without a title requirement", () => {
  it("admits every unit, with or without titles", () => {
    const open = { requiresTitle: null, orConsecutiveTerms: null };
    expect(checkEligibility(open, [], DAY)).toEqual({ eligible: true, basis: "no_requirement" });
    expect(checkEligibility(open, [term("a", 2020, { status: "revoked" })], DAY).eligible).toBe(true);
    // A term count without a level asks for nothing.
    expect(checkEligibility({ requiresTitle: null, orConsecutiveTerms: 2 }, [], DAY).eligible).toBe(true);
    expect(requirementText(open)).toBeNull();
  });
});

describe("a current title at the required level", () => {
  it("an active title valid on the day qualifies", () => {
    expect(checkEligibility(CITY, [term("now", 2025)], DAY)).toEqual({
      eligible: true,
      basis: "current_title",
      level: "city",
      awardId: "now",
      validUntil: "2027-12-31",
      warned: false,
    });
  });

  it("a warned (黄牌警告) title is still held, and says so", () => {
    const result = checkEligibility(CITY, [term("yellow", 2025, { status: "warned" })], DAY);
    expect(result).toMatchObject({ eligible: true, basis: "current_title", warned: true });
  });

  it("the first and last days of validity count", () => {
    const award = term("edge", 2024);
    expect(checkEligibility(CITY, [award], "2023-12-28").eligible).toBe(true);
    expect(checkEligibility(CITY, [award], "2026-12-31").eligible).toBe(true);
    expect(checkEligibility(CITY, [award], "2027-01-01").eligible).toBe(false);
  });

  it("an expired title does not, and the reason names its last day", () => {
    expect(checkEligibility(CITY, [term("old", 2020)], DAY)).toEqual({
      eligible: false,
      requiresTitle: "city",
      orConsecutiveTerms: null,
      reasons: [{ code: "title_expired", level: "city", awardId: "old", validUntil: "2022-12-31" }],
    });
  });

  it("a revoked (撤销) or lapsed (自动终止) title does not, even inside its term", () => {
    const revoked = checkEligibility(CITY, [term("r", 2025, { status: "revoked" })], DAY);
    expect(revoked).toMatchObject({ eligible: false, reasons: [{ code: "title_revoked", awardId: "r" }] });
    const lapsed = checkEligibility(CITY, [term("l", 2025, { status: "lapsed" })], DAY);
    expect(lapsed).toMatchObject({ eligible: false, reasons: [{ code: "title_lapsed", awardId: "l" }] });
  });

  it("a title named after the round's day does not yet count", () => {
    const later = term("later", 2027, { namedOn: "2026-06-30" });
    expect(checkEligibility(CITY, [later], DAY)).toMatchObject({
      eligible: false,
      reasons: [{ code: "title_not_yet_valid", awardId: "later", namedOn: "2026-06-30" }],
    });
  });

  it("no title at all, or titles only at other levels, is title_missing", () => {
    expect(checkEligibility(CITY, [], DAY)).toMatchObject({
      eligible: false,
      reasons: [{ code: "title_missing", level: "city" }],
    });
    const others = [term("county", 2025, { level: "county" }), term("province", 2025, { level: "province" })];
    expect(checkEligibility(CITY, others, DAY)).toMatchObject({
      eligible: false,
      reasons: [{ code: "title_missing", level: "city" }],
    });
  });

  it("the level's 标兵 tier satisfies it; no other level does", () => {
    expect(checkEligibility(CITY, [term("model", 2025, { level: "city_model" })], DAY)).toMatchObject({
      eligible: true,
      awardId: "model",
    });
    expect(titleSatisfies("city_model", "city")).toBe(true);
    expect(titleSatisfies("city", "city_model")).toBe(false);
    expect(titleSatisfies("province", "city")).toBe(false);
    expect(titleSatisfies("county_model", "city")).toBe(false);
  });

  it("an old revoked title does not spoil a current one, and the current one wins over an expired one", () => {
    const awards = [term("old", 2019, { status: "revoked" }), term("mid", 2022), term("now", 2025)];
    expect(checkEligibility(CITY, awards, DAY)).toMatchObject({ eligible: true, awardId: "now" });
  });

  it("the reason is about the latest title: revoked after an expired one is title_revoked", () => {
    const awards = [term("old", 2020), term("latest", 2023, { status: "revoked" })];
    expect(checkEligibility(CITY, awards, DAY)).toMatchObject({
      eligible: false,
      reasons: [{ code: "title_revoked", awardId: "latest" }],
    });
  });
});

describe("or N consecutive terms", () => {
  it("two back-to-back expired terms qualify when the round allows it", () => {
    const awards = [term("first", 2019, { termEndYear: 2021 }), term("second", 2022, { termEndYear: 2024 })];
    expect(checkEligibility(CITY_OR_TWO, awards, DAY)).toEqual({
      eligible: true,
      basis: "consecutive_terms",
      level: "city",
      terms: 2,
      awardIds: ["second", "first"],
    });
    // The same history without the alternative: the title has expired.
    expect(checkEligibility(CITY, awards, DAY)).toMatchObject({
      eligible: false,
      reasons: [{ code: "title_expired", awardId: "second" }],
    });
  });

  it("a current title qualifies on its own, before terms are counted", () => {
    expect(checkEligibility(CITY_OR_TWO, [term("now", 2025)], DAY)).toMatchObject({ basis: "current_title" });
  });

  it("a gap year between terms breaks the run", () => {
    const awards = [term("first", 2017, { termEndYear: 2019 }), term("second", 2021, { termEndYear: 2023 })];
    expect(latestRun(awards, DAY).map((a) => a.id)).toEqual(["second"]);
    expect(checkEligibility(CITY_OR_TWO, awards, DAY)).toEqual({
      eligible: false,
      requiresTitle: "city",
      orConsecutiveTerms: 2,
      reasons: [
        { code: "title_expired", level: "city", awardId: "second", validUntil: "2023-12-31" },
        { code: "too_few_consecutive_terms", level: "city", required: 2, held: 1 },
      ],
    });
  });

  it("overlapping terms are consecutive; a title and its 标兵 tier in the same term count once", () => {
    const awards = [
      term("a", 2018, { termEndYear: 2020 }),
      term("b", 2020, { termEndYear: 2022 }),
      term("b-model", 2020, { termEndYear: 2022, level: "city_model" }),
    ];
    const three = { requiresTitle: "city" as const, orConsecutiveTerms: 3 };
    expect(checkEligibility(three, awards, DAY)).toMatchObject({
      eligible: false,
      reasons: [{ code: "title_expired" }, { code: "too_few_consecutive_terms", required: 3, held: 2 }],
    });
    expect(checkEligibility(CITY_OR_TWO, awards, DAY)).toMatchObject({ eligible: true, terms: 2 });
  });

  it("a revoked latest term ends the run: older terms cannot stand in for it", () => {
    const awards = [
      term("first", 2016, { termEndYear: 2018 }),
      term("second", 2019, { termEndYear: 2021 }),
      term("third", 2022, { termEndYear: 2024, status: "revoked" }),
    ];
    expect(checkEligibility(CITY_OR_TWO, awards, DAY)).toMatchObject({
      eligible: false,
      reasons: [{ code: "title_revoked" }, { code: "too_few_consecutive_terms", held: 0 }],
    });
  });

  it("a lapsed term in the middle breaks the run; warned terms count", () => {
    const awards = [
      term("first", 2016, { termEndYear: 2018 }),
      term("second", 2019, { termEndYear: 2021, status: "lapsed" }),
      term("third", 2022, { termEndYear: 2024, status: "warned" }),
    ];
    expect(checkEligibility(CITY_OR_TWO, awards, DAY)).toMatchObject({
      eligible: false,
      reasons: [{ code: "title_expired" }, { code: "too_few_consecutive_terms", held: 1 }],
    });
    const warnedRun = [term("first", 2019, { termEndYear: 2021, status: "warned" }), awards[2] as HeldAward];
    expect(checkEligibility(CITY_OR_TWO, warnedRun, DAY)).toMatchObject({ eligible: true, terms: 2 });
  });

  it("terms at another level do not count", () => {
    const awards = [
      term("first", 2019, { termEndYear: 2021, level: "county" }),
      term("second", 2022, { termEndYear: 2024, level: "county" }),
    ];
    expect(checkEligibility(CITY_OR_TWO, awards, DAY)).toMatchObject({
      eligible: false,
      reasons: [{ code: "title_missing" }, { code: "too_few_consecutive_terms", held: 0 }],
    });
  });

  it("a term named after the day is not counted", () => {
    const awards = [
      term("first", 2023, { termEndYear: 2025 }),
      term("next", 2026, { termEndYear: 2028, namedOn: "2026-06-01" }),
    ];
    expect(checkEligibility(CITY_OR_TWO, awards, DAY)).toMatchObject({
      eligible: false,
      reasons: [
        { code: "title_expired", awardId: "first" },
        { code: "too_few_consecutive_terms", held: 1 },
      ],
    });
  });
});

describe("the day and the wording", () => {
  it("titles are judged on the day applications open, else today in Beijing", () => {
    expect(eligibilityDate("2026-03-01", new Date("2026-09-01T00:00:00Z"))).toBe("2026-03-01");
    // 16:30 UTC on 31 December is already 1 January in Beijing.
    expect(eligibilityDate(null, new Date("2025-12-31T16:30:00Z"))).toBe("2026-01-01");
  });

  it("the requirement is named in both languages", () => {
    expect(requirementText(CITY)).toEqual({
      zh: "须持有有效的市级文明单位称号",
      en: "requires a current title of city-level civilized unit",
    });
    expect(requirementText({ requiresTitle: "province", orConsecutiveTerms: 2 })).toEqual({
      zh: "须持有有效的省级文明单位称号（或连续 2 届获得该称号）",
      en: "requires a current title of provincial civilized unit (or 2 consecutive terms of it)",
    });
  });
});
