import { describe, expect, it } from "vitest";
import { csvText } from "../../web/src/components/ranking/export-table.ts";
import { blankRoundValues, inputOf, REVIEW_DEFAULTS, valuesOf } from "../../web/src/components/rounds/round-values.ts";
import { RoundBody, RoundSettings, RoundView } from "../../worker/schemas/rounds.ts";

const review = {
  panelSize: 5,
  aggregation: "calibrated",
  avoidSameParentBody: false,
  avoidOwnCityAtProvince: true,
  outlierThreshold: 6.5,
  signoffDepartments: ["纪检监察", "生态环境"],
} as const;

const round = RoundView.parse({
  id: "r1",
  title: "2026年度四川省文明单位评选",
  level: "province",
  kind: "selection",
  phase: "draft",
  criteriaSystemId: "c1",
  year: 2026,
  version: 3,
  settings: RoundSettings.parse({
    dates: { applicationsOpen: "2026-03-01" },
    tieBreak: ["onsite", "first_category", "earlier_submission"],
    review,
  }),
  timeline: [],
  sources: { survey: false, mutual: false },
});

describe("the round form's values", () => {
  it("keep a round's review settings whole through an edit", () => {
    const input = inputOf(valuesOf(round));
    expect(input.settings?.review).toEqual(review);
    expect(input.settings?.tieBreak).toEqual(["onsite", "first_category", "earlier_submission"]);
    expect(input.settings?.dates?.applicationsOpen).toBe("2026-03-01");
    expect(RoundBody.parse(input).settings).toEqual(round.settings);
  });

  it("start a new round from the Worker's own defaults", () => {
    const defaults = RoundSettings.parse({});
    expect(REVIEW_DEFAULTS).toEqual(defaults.review);
    expect(blankRoundValues(2026).tieBreak).toEqual(defaults.tieBreak);
    expect(blankRoundValues(2026)).toMatchObject({ noticeDays: defaults.noticeDays, noticeWorkingDays: false });
  });

  it("start a new round's notice length from the office's settings", () => {
    expect(blankRoundValues(2026, { noticeDays: 5, noticeWorkingDays: true })).toMatchObject({
      noticeDays: 5,
      noticeWorkingDays: true,
    });
  });

  it("fill a review the form left out with the defaults", () => {
    const values = { ...valuesOf(round), review: undefined } as unknown as Parameters<typeof inputOf>[0];
    expect(inputOf(values).settings?.review).toEqual(REVIEW_DEFAULTS);
  });
});

describe("a table as CSV", () => {
  it("quotes commas, quotes and line breaks, leaves empty cells empty, ends lines with CRLF", () => {
    const rows = [
      { name: "德阳市科学技术协会", score: 95.5, reason: null },
      { name: 'A "quoted", unit', score: 80, reason: "第一行\n第二行" },
    ];
    const text = csvText(
      [
        { header: "单位", value: (r: (typeof rows)[number]) => r.name },
        { header: "总分", value: (r: (typeof rows)[number]) => r.score },
        { header: "原因", value: (r: (typeof rows)[number]) => r.reason },
      ],
      rows,
    );
    expect(text).toBe('单位,总分,原因\r\n德阳市科学技术协会,95.5,\r\n"A ""quoted"", unit",80,"第一行\n第二行"\r\n');
  });

  it("never lets a text start a formula, and keeps negative numbers as numbers", () => {
    const text = csvText(
      [
        { header: "单位", value: (r: { name: string; n: number }) => r.name },
        { header: "偏移", value: (r: { name: string; n: number }) => r.n },
      ],
      [{ name: "=HYPERLINK(1)", n: -2.5 }],
    );
    expect(text).toBe("单位,偏移\r\n'=HYPERLINK(1),-2.5\r\n");
  });
});
