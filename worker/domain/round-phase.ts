/**
 * A round's phases in order, and which action each phase allows. The Worker enforces these; hiding
 * buttons in the SPA is only a convenience.
 */
import { type ApplicationStatus, PHASES, type Phase, type Stage } from "./vocabulary.ts";

export type { ApplicationStatus, Phase };
export { PHASES };

export const PHASE_LABELS: Record<Phase, { zh: string; en: string }> = {
  draft: { zh: "筹备", en: "draft" },
  applications_open: { zh: "申报", en: "applications open" },
  city_review: { zh: "市级评审", en: "city review" },
  province_review: { zh: "省级评审", en: "provincial review" },
  notice: { zh: "公示", en: "public notice" },
  named: { zh: "命名", en: "named" },
};

export type RoundAction =
  | "edit_round"
  | "apply"
  | "edit_application"
  | "submit_application"
  | "withdraw_application"
  | "return_application"
  | "edit_returned_application"
  | "decide_application"
  | "signoff_application"
  | "calibrate_round";

const ALLOWED: Record<RoundAction, readonly Phase[]> = {
  edit_round: ["draft"],
  apply: ["applications_open"],
  edit_application: ["applications_open"],
  submit_application: ["applications_open"],
  withdraw_application: ["applications_open"],
  return_application: ["city_review"],
  // A returned application may be fixed and resubmitted while the city still reviews.
  edit_returned_application: ["applications_open", "city_review"],
  // The city's recommendation decisions are made, and may be changed, while the city reviews.
  decide_application: ["city_review"],
  // 部门意见 count until naming: a veto reported during notice still keeps the unit from being named.
  signoff_application: ["city_review", "province_review", "notice"],
  // Refitting reviewer offsets changes rankings: only while a stage is being scored.
  calibrate_round: ["city_review", "province_review"],
};

export function allowedIn(action: RoundAction, phase: Phase): boolean {
  return ALLOWED[action].includes(phase);
}

/** The phase after this one, or null at the end: phases only move forward, one step at a time. */
export function nextPhase(phase: Phase): Phase | null {
  return PHASES[PHASES.indexOf(phase) + 1] ?? null;
}

/** Which round action an edit of an application in this status is, or null when it is locked. */
export function editActionFor(status: ApplicationStatus): RoundAction | null {
  if (status === "draft") return "edit_application";
  if (status === "city_returned") return "edit_returned_application";
  return null;
}

/** The phases in which a stage's panels may be set, by hand or automatically: its review phase and the one before. */
export const PANEL_PHASES: Record<Stage, readonly Phase[]> = {
  city: ["applications_open", "city_review"],
  province: ["city_review", "province_review"],
};
