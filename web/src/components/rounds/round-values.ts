import dayjs, { type Dayjs } from "dayjs";
import type { Round, RoundInput, RoundKind, RoundLevel, RoundSettings, TieBreak } from "../../api/rounds.ts";

export type ReviewSettings = RoundSettings["review"];

/** The Worker's defaults for a round's review settings (worker/schemas/rounds.ts), for a new round's form. */
export const REVIEW_DEFAULTS: ReviewSettings = {
  panelSize: 3,
  aggregation: "trimmed",
  avoidSameParentBody: true,
  avoidOwnCityAtProvince: true,
  outlierThreshold: 10,
  signoffDepartments: [],
};

/** The Worker's default report rule: 3000 字, not required. */
export const REPORT_DEFAULTS: RoundSettings["report"] = { maxChars: 3000, required: false };

/** The Worker's default tie-break order: 实地考察, then the first category, then fewer deductions. */
export const TIE_BREAK_DEFAULTS: TieBreak[] = ["onsite", "first_category", "fewer_deductions"];

export const DATE_KEYS = [
  "applicationsOpen",
  "applicationsClose",
  "cityReviewClose",
  "provinceReviewClose",
  "noticeStart",
  "noticeEnd",
  "naming",
] as const satisfies readonly (keyof RoundSettings["dates"])[];
export type DateKey = (typeof DATE_KEYS)[number];

/** The round form's values: dates as pickers' values, settings flattened. */
export interface RoundFormValues {
  title: string;
  level: RoundLevel;
  kind: RoundKind;
  year: number;
  criteriaSystemId: string;
  dates: Partial<Record<DateKey, Dayjs | null>>;
  requiresTitle: RoundLevel | null;
  orConsecutiveTerms: number | null;
  minScoreForOnsite: number | null;
  minScoreToName: number | null;
  perCity: { cityId: string; quota: number }[];
  perSector: { sectorId: string; quota: number }[];
  sectorChannels: string[];
  noticeDays: number;
  noticeWorkingDays: boolean;
  tieBreak: TieBreak[];
  /** 汇报材料: the most characters a submitted report may have, and whether one is required. */
  report: RoundSettings["report"];
  /** Panel size, aggregation, 回避 options, outlier threshold, sign-off departments: kept whole on every edit. */
  review: ReviewSettings;
}

/** A new round's values; its notice length starts as the office's (settings), else 7 calendar days. */
export function blankRoundValues(
  year: number,
  office?: { noticeDays: number; noticeWorkingDays: boolean },
): Partial<RoundFormValues> {
  return {
    level: "city",
    kind: "selection",
    year,
    dates: {},
    requiresTitle: null,
    perCity: [],
    perSector: [],
    sectorChannels: [],
    noticeDays: office?.noticeDays ?? 7,
    noticeWorkingDays: office?.noticeWorkingDays ?? false,
    tieBreak: TIE_BREAK_DEFAULTS,
    report: REPORT_DEFAULTS,
    review: REVIEW_DEFAULTS,
  };
}

export function valuesOf(round: Round): RoundFormValues {
  const s = round.settings;
  const dates: Partial<Record<DateKey, Dayjs | null>> = {};
  for (const key of DATE_KEYS) {
    const day = s.dates[key];
    dates[key] = day ? dayjs(day) : null;
  }
  return {
    title: round.title,
    level: round.level,
    kind: round.kind,
    year: round.year,
    criteriaSystemId: round.criteriaSystemId,
    dates,
    ...s.eligibility,
    perCity: s.quotas.perCity,
    perSector: s.quotas.perSector,
    sectorChannels: s.sectorChannels,
    noticeDays: s.noticeDays,
    noticeWorkingDays: s.noticeWorkingDays,
    tieBreak: s.tieBreak,
    report: s.report,
    review: s.review,
  };
}

export function inputOf(v: RoundFormValues): RoundInput {
  const dates = Object.fromEntries(
    DATE_KEYS.map((key) => [key, v.dates?.[key]?.format("YYYY-MM-DD") ?? null]),
  ) as Record<DateKey, string | null>;
  return {
    title: v.title,
    level: v.level,
    kind: v.kind,
    year: v.year,
    criteriaSystemId: v.criteriaSystemId,
    settings: {
      dates,
      eligibility: {
        requiresTitle: v.requiresTitle ?? null,
        orConsecutiveTerms: v.orConsecutiveTerms ?? null,
        minScoreForOnsite: v.minScoreForOnsite ?? null,
        minScoreToName: v.minScoreToName ?? null,
      },
      quotas: { perCity: v.perCity ?? [], perSector: v.perSector ?? [] },
      sectorChannels: v.sectorChannels ?? [],
      noticeDays: v.noticeDays,
      noticeWorkingDays: v.noticeWorkingDays,
      tieBreak: v.tieBreak ?? [],
      report: { ...REPORT_DEFAULTS, ...v.report },
      review: { ...REVIEW_DEFAULTS, ...v.review },
    },
  };
}
