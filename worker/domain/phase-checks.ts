/**
 * What a round's next phase change would close, from counts the data layer reads: the blockers that refuse it
 * (409 `phase_blocked`) and the effects it has when it goes ahead. Pure, so the advance itself, its preview for
 * the SPA (advance-check) and the round owner's to-dos all say the same thing.
 *
 * - leaving 申报 (applications_open): no blocker; unsubmitted drafts are closed (kept, marked not submitted).
 * - leaving 市级评审 (city_review): every submitted application needs the city's decision.
 * - leaving 省级评审 (province_review): every active provincial assignment's form is submitted (or the reviewer
 *   exempted), every application the cities recommended has a provincial result, and in a re-check round every
 *   enrolled application has its outcome (the 复查 notice lists the titles kept); the recommended ones move on to
 *   province_scored, and a calibrated round refits its reviewers' offsets. The move itself is publishing the
 *   notice (POST /rounds/{id}/notice), which also needs a non-empty shortlist.
 * - leaving 公示 (notice): no objection still received or under investigation, the window has ended, and in a
 *   re-check round every enrolled application has its outcome. The move is naming (POST /rounds/{id}/naming).
 */
import { nextPhase } from "./round-phase.ts";
import type { AggregationMode, Phase } from "./vocabulary.ts";

export const BLOCKER_CODES = [
  "undecided",
  "forms_unsubmitted",
  "unscored",
  "objections_open",
  "notice_running",
  "outcomes_missing",
] as const;
export type BlockerCode = (typeof BLOCKER_CODES)[number];

/** How many, and (a first few of) which applications. */
export interface Outstanding {
  count: number;
  applicationIds: string[];
}

/** The counts of one round that its phase changes depend on. */
export interface PhaseCounts {
  /** Applications still in draft. */
  drafts: number;
  /** Submitted applications without the city's decision. */
  undecided: Outstanding;
  /** Active provincial assignments whose form is not submitted (by application). */
  formsUnsubmitted: Outstanding;
  /** Applications the cities recommended that have no provincial result yet. */
  unscored: Outstanding;
  /** Applications the cities recommended (they move on to province_scored). */
  recommended: number;
  /** Objections received or under investigation (by application on notice). */
  objectionsOpen: Outstanding;
  /** Whether the round's notice window has not ended yet. */
  noticeRunning: boolean;
  /** In a re-check round: enrolled applications without a title outcome. */
  outcomesMissing: Outstanding;
}

export interface Blocker {
  code: BlockerCode;
  count: number;
  message: string;
  messageEn: string;
  applicationIds: string[];
}

export interface PhaseEffects {
  /** Drafts closed as not submitted. */
  closesDrafts: number;
  /** Recommended applications marked as scored by the province. */
  marksProvinceScored: number;
  /** Whether the reviewers' offsets and the calibrated aggregates are refitted. */
  refitsCalibration: boolean;
}

/** At most this many application ids travel with a blocker: enough to open the first few. */
export const BLOCKER_SAMPLE = 50;

const MESSAGES: Record<BlockerCode, (n: number) => [string, string]> = {
  undecided: (n) => [
    `${n} 份已提交的申报尚未作出市级推荐决定`,
    `${n} submitted application${n === 1 ? "" : "s"} still await${n === 1 ? "s" : ""} the city's decision`,
  ],
  forms_unsubmitted: (n) => [
    `${n} 份省级评分表尚未提交（或免评）`,
    `${n} provincial scoring form${n === 1 ? " is" : "s are"} not submitted (nor exempted)`,
  ],
  unscored: (n) => [
    `${n} 份市级推荐的申报尚无省级评审结果`,
    `${n} recommended application${n === 1 ? " has" : "s have"} no provincial result yet`,
  ],
  objections_open: (n) => [
    `${n} 件异议尚未作出调查结论`,
    `${n} objection${n === 1 ? " still awaits its" : "s still await their"} finding`,
  ],
  notice_running: () => ["公示期尚未结束", "The notice period has not ended yet"],
  outcomes_missing: (n) => [
    `${n} 个复查单位尚未确定复查结果`,
    `${n} re-checked unit${n === 1 ? " has" : "s have"} no outcome yet`,
  ],
};

function blocker(code: BlockerCode, outstanding: Outstanding): Blocker[] {
  if (outstanding.count <= 0) return [];
  const [message, messageEn] = MESSAGES[code](outstanding.count);
  return [
    {
      code,
      count: outstanding.count,
      message,
      messageEn,
      applicationIds: outstanding.applicationIds.slice(0, BLOCKER_SAMPLE),
    },
  ];
}

/** What refuses leaving `from` now; empty when the round may move on. */
export function phaseBlockers(from: Phase, counts: PhaseCounts): Blocker[] {
  if (from === "city_review") return blocker("undecided", counts.undecided);
  if (from === "province_review")
    return [
      ...blocker("forms_unsubmitted", counts.formsUnsubmitted),
      ...blocker("unscored", counts.unscored),
      ...blocker("outcomes_missing", counts.outcomesMissing),
    ];
  if (from === "notice")
    return [
      ...blocker("objections_open", counts.objectionsOpen),
      ...blocker("notice_running", { count: counts.noticeRunning ? 1 : 0, applicationIds: [] }),
      ...blocker("outcomes_missing", counts.outcomesMissing),
    ];
  return [];
}

/** What leaving `from` does besides moving the phase. */
export function phaseEffects(from: Phase, counts: PhaseCounts, mode: AggregationMode): PhaseEffects {
  return {
    closesDrafts: from === "applications_open" ? counts.drafts : 0,
    marksProvinceScored: from === "province_review" ? counts.recommended : 0,
    refitsCalibration: from === "province_review" && mode === "calibrated",
  };
}

/** The blockers and effects of moving a round on from its phase now: what advance-check shows and 409s carry. */
export function phaseCheck(
  round: { phase: Phase; settings: { review: { aggregation: AggregationMode } } },
  counts: PhaseCounts,
) {
  return {
    phase: round.phase,
    next: nextPhase(round.phase),
    blockers: phaseBlockers(round.phase, counts),
    effects: phaseEffects(round.phase, counts, round.settings.review.aggregation),
  };
}

export type PhaseCheck = ReturnType<typeof phaseCheck>;

/** The stage whose results rank a round in this phase: the city's until provincial review begins. */
export function rankingStage(phase: Phase): "city" | "province" {
  return phase === "draft" || phase === "applications_open" || phase === "city_review" ? "city" : "province";
}

/** The stage whose panels score in this phase, if any. */
export function scoringStage(phase: Phase): "city" | "province" | null {
  return phase === "city_review" ? "city" : phase === "province_review" ? "province" : null;
}

/** The settings date on which each phase ends (its to-dos are due). */
const PHASE_ENDS: Partial<
  Record<Phase, "applicationsClose" | "cityReviewClose" | "provinceReviewClose" | "noticeEnd">
> = {
  applications_open: "applicationsClose",
  city_review: "cityReviewClose",
  province_review: "provinceReviewClose",
  notice: "noticeEnd",
};

/** The day (YYYY-MM-DD) the round's current phase ends by its settings, or null when unset. */
export function phaseDueDate(
  phase: Phase,
  dates: Partial<Record<"applicationsClose" | "cityReviewClose" | "provinceReviewClose" | "noticeEnd", string | null>>,
): string | null {
  const key = PHASE_ENDS[phase];
  return key ? (dates[key] ?? null) : null;
}

/** Whole days from `today` to `due` (both YYYY-MM-DD, Beijing dates): 0 on the day, negative when overdue. */
export function daysUntil(today: string, due: string | null): number | null {
  if (!due) return null;
  return Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}
