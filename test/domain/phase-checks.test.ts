import { describe, expect, it } from "vitest";
import {
  BLOCKER_SAMPLE,
  daysUntil,
  type PhaseCounts,
  phaseBlockers,
  phaseDueDate,
  phaseEffects,
  rankingStage,
  scoringStage,
} from "../../worker/domain/phase-checks.ts";
import { PHASES } from "../../worker/domain/vocabulary.ts";

const none = { count: 0, applicationIds: [] };
const counts = (overrides: Partial<PhaseCounts> = {}): PhaseCounts => ({
  drafts: 0,
  undecided: none,
  formsUnsubmitted: none,
  unscored: none,
  recommended: 0,
  objectionsOpen: none,
  noticeRunning: false,
  outcomesMissing: none,
  ...overrides,
});

describe("what blocks a phase change", () => {
  it("nothing blocks leaving draft or applications, nor (at the end) named, whatever is outstanding", () => {
    const busy = counts({
      drafts: 4,
      undecided: { count: 2, applicationIds: ["a", "b"] },
      formsUnsubmitted: { count: 1, applicationIds: ["c"] },
      unscored: { count: 1, applicationIds: ["d"] },
    });
    for (const phase of ["draft", "applications_open", "named"] as const)
      expect(phaseBlockers(phase, busy), phase).toEqual([]);
  });

  it("leaving notice needs every objection decided, the window ended and (re-check) every outcome, in that order", () => {
    expect(phaseBlockers("notice", counts())).toEqual([]);
    const blocked = phaseBlockers(
      "notice",
      counts({
        objectionsOpen: { count: 2, applicationIds: ["a"] },
        noticeRunning: true,
        outcomesMissing: { count: 1, applicationIds: [] },
      }),
    );
    expect(blocked.map((b) => [b.code, b.count, b.applicationIds])).toEqual([
      ["objections_open", 2, ["a"]],
      ["notice_running", 1, []],
      ["outcomes_missing", 1, []],
    ]);
    expect(blocked[0]?.message).toBe("2 件异议尚未作出调查结论");
    expect(blocked[1]?.messageEn).toBe("The notice period has not ended yet");
  });

  it("leaving city review needs every submitted application decided, said in both languages", () => {
    expect(phaseBlockers("city_review", counts())).toEqual([]);
    expect(phaseBlockers("city_review", counts({ undecided: { count: 1, applicationIds: ["a"] } }))).toEqual([
      {
        code: "undecided",
        count: 1,
        message: "1 份已提交的申报尚未作出市级推荐决定",
        messageEn: "1 submitted application still awaits the city's decision",
        applicationIds: ["a"],
      },
    ]);
  });

  it("leaving provincial review needs forms submitted and a result per recommended application, in that order", () => {
    const blocked = phaseBlockers(
      "province_review",
      counts({
        formsUnsubmitted: { count: 3, applicationIds: ["x"] },
        unscored: { count: 2, applicationIds: ["y", "z"] },
        undecided: { count: 9, applicationIds: [] },
      }),
    );
    expect(blocked.map((b) => [b.code, b.count])).toEqual([
      ["forms_unsubmitted", 3],
      ["unscored", 2],
    ]);
    expect(blocked[0]?.messageEn).toBe("3 provincial scoring forms are not submitted (nor exempted)");
    expect(blocked[1]?.message).toBe("2 份市级推荐的申报尚无省级评审结果");
  });

  it("a blocker names at most a sample of its applications", () => {
    const ids = Array.from({ length: BLOCKER_SAMPLE + 10 }, (_, i) => `app-${i}`);
    const [blocker] = phaseBlockers("city_review", counts({ undecided: { count: ids.length, applicationIds: ids } }));
    expect(blocker?.count).toBe(BLOCKER_SAMPLE + 10);
    expect(blocker?.applicationIds).toHaveLength(BLOCKER_SAMPLE);
  });
});

describe("what a phase change does", () => {
  it("leaving applications closes the drafts; leaving provincial review marks recommended ones and refits a calibrated round", () => {
    const c = counts({ drafts: 3, recommended: 5 });
    expect(phaseEffects("applications_open", c, "calibrated")).toEqual({
      closesDrafts: 3,
      marksProvinceScored: 0,
      refitsCalibration: false,
    });
    expect(phaseEffects("province_review", c, "calibrated")).toEqual({
      closesDrafts: 0,
      marksProvinceScored: 5,
      refitsCalibration: true,
    });
    expect(phaseEffects("province_review", c, "trimmed").refitsCalibration).toBe(false);
    expect(phaseEffects("city_review", c, "calibrated")).toEqual({
      closesDrafts: 0,
      marksProvinceScored: 0,
      refitsCalibration: false,
    });
  });
});

describe("stages and due dates", () => {
  it("the ranking stage is the city's until provincial review, the scoring stage only while a review runs", () => {
    expect(PHASES.map(rankingStage)).toEqual(["city", "city", "city", "province", "province", "province"]);
    expect(PHASES.map(scoringStage)).toEqual([null, null, "city", "province", null, null]);
  });

  it("each open phase is due on its own settings date; days left count Beijing dates, negative when overdue", () => {
    const dates = {
      applicationsClose: "2026-03-31",
      cityReviewClose: "2026-04-30",
      provinceReviewClose: null,
      noticeEnd: "2026-06-07",
    };
    expect(PHASES.map((p) => phaseDueDate(p, dates))).toEqual([
      null,
      "2026-03-31",
      "2026-04-30",
      null,
      "2026-06-07",
      null,
    ]);
    expect(daysUntil("2026-03-29", "2026-03-31")).toBe(2);
    expect(daysUntil("2026-03-31", "2026-03-31")).toBe(0);
    expect(daysUntil("2026-04-02", "2026-03-31")).toBe(-2);
    // Across the end of February in a leap year and a clock change elsewhere: whole days all the same.
    expect(daysUntil("2028-02-27", "2028-03-01")).toBe(3);
    expect(daysUntil("2026-03-01", null)).toBeNull();
  });
});
