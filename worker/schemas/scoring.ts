import { z } from "@hono/zod-openapi";
import { BLOCKER_CODES } from "../domain/phase-checks.ts";
import {
  AGGREGATION_MODES,
  APPLICATION_STATUSES,
  ASSIGNMENT_STATUSES,
  CONFLICT_STATUSES,
  FORM_STATUSES,
  PHASES,
  POINT_SOURCES,
  SCORE_CHANGE_STATUSES,
  SIGNOFF_VERDICTS,
  STAGES,
} from "../domain/vocabulary.ts";
import { freeText, IdParam, nameText, pagingQuery } from "./common.ts";
import { AssessmentMethod } from "./criteria.ts";

/** The two scoring stages: the city's panel (市级评审), the province's (省级评审). */
export const Stage = z.enum(STAGES);
export const AggregationMode = z.enum(AGGREGATION_MODES);

const Reason = freeText(500, { min: 2, trim: true });
const Person = z.object({ id: z.string(), name: z.string() });

// ─── Panels and conflicts (评审组, 回避) ───────────────────────────────────────────────────────────────

export const StageQuery = z.strictObject({ stage: Stage });

export const PanelBody = z
  .strictObject({
    stage: Stage,
    reviewerIds: z.array(IdParam).max(9).openapi({ description: "the whole panel; those left out are taken off" }),
  })
  .openapi("PanelBody");

export const AutoAssignBody = z.strictObject({ stage: Stage }).openapi("AutoAssignBody");

export const PanelMember = z.object({
  reviewer: Person,
  status: z.enum(ASSIGNMENT_STATUSES),
  formStatus: z.enum(FORM_STATUSES).nullable(),
  exemptReason: z.string().nullable(),
});

export const ConflictView = z.object({
  id: z.string(),
  reviewer: Person,
  reason: z.string(),
  status: z.enum(CONFLICT_STATUSES),
  decisionReason: z.string().nullable(),
  createdAt: z.string(),
});

export const PanelView = z
  .object({
    applicationId: z.string(),
    panels: z.array(z.object({ stage: Stage, members: z.array(PanelMember) })),
    conflicts: z.array(ConflictView),
  })
  .openapi("Panel");

export const AutoAssignResult = z
  .object({
    assigned: z.number().int().openapi({ description: "new seats filled" }),
    shortPanels: z
      .array(z.object({ applicationId: z.string(), unitName: z.string(), seats: z.number().int() }))
      .openapi({ description: "applications with fewer eligible reviewers than the panel size" }),
  })
  .openapi("AutoAssignResult");

export const DeclareConflictBody = z.strictObject({ reason: Reason }).openapi("DeclareConflictBody");

export const ConflictDecisionBody = z
  .strictObject({ decision: z.enum(["accept", "override"]), reason: Reason })
  .openapi("ConflictDecisionBody");

export const ExemptBody = z.strictObject({ stage: Stage, reviewerId: IdParam, reason: Reason }).openapi("ExemptBody");

// ─── The scoring form (评分表) ───────────────────────────────────────────────────────────────────────

export const ItemScore = z.strictObject({
  itemCode: z.string().min(1).max(20),
  points: z.number().min(0).max(100).nullable().default(null),
  grade: nameText(4).nullable().default(null),
  comment: freeText(1000).default(""),
});

export const VetoFinding = z.strictObject({ ruleId: z.string().min(1).max(20), reason: Reason });

export const SaveFormBody = z
  .strictObject({
    stage: Stage,
    version: z
      .number()
      .int()
      .min(0)
      .openapi({ description: "the form version this save starts from; 0 for a new form" }),
    items: z.array(ItemScore).max(400),
    vetoFindings: z.array(VetoFinding).max(20).default([]),
    submit: z.boolean().default(false),
  })
  .openapi("SaveFormBody");

export const FormTotals = z.object({
  base: z.number(),
  bonus: z.number(),
  deduction: z.number(),
  total: z.number(),
  methods: z.array(z.object({ method: AssessmentMethod, points: z.number() })),
  categories: z.array(z.object({ code: z.string(), points: z.number() })),
});

export const FormView = z
  .object({
    applicationId: z.string(),
    stage: Stage,
    status: z.enum(FORM_STATUSES),
    version: z.number().int().openapi({ description: "0 while nothing is saved" }),
    items: z.array(ItemScore.extend({ grade: z.string().nullable(), comment: z.string() })),
    vetoFindings: z.array(z.object({ ruleId: z.string(), reason: z.string() })),
    totals: FormTotals,
    missing: z.array(z.string()).openapi({ description: "base items not yet scored (sourced items never are)" }),
    sourced: z
      .array(
        z.object({
          itemCode: z.string(),
          source: z.enum(POINT_SOURCES),
          points: z.number(),
          answers: z.number().int(),
          belowMinimum: z.boolean(),
        }),
      )
      .openapi({ description: "items the questionnaire or peer units score: no reviewer points, shown read-only" }),
    submittedAt: z.string().nullable(),
    editable: z.boolean(),
    lockedReason: z.string().nullable().openapi({ description: "why the form cannot be saved now (zh)" }),
  })
  .openapi("ScoreForm");

/** Every score of an application, by reviewer: hidden from a reviewer until their own form is submitted. */
export const ApplicationScores = z
  .object({
    blind: z.boolean(),
    forms: z.array(
      z.object({
        reviewer: Person,
        stage: Stage,
        status: z.enum(FORM_STATUSES),
        totals: FormTotals,
        items: z.array(
          z.object({
            itemCode: z.string(),
            points: z.number().nullable(),
            grade: z.string().nullable(),
            comment: z.string(),
          }),
        ),
        vetoFindings: z.array(z.object({ ruleId: z.string(), reason: z.string() })),
      }),
    ),
  })
  .openapi("ApplicationScores");

export const ProposeChangeBody = z
  .strictObject({
    stage: Stage,
    version: z.number().int().min(1),
    items: z.array(ItemScore).max(400),
    vetoFindings: z.array(VetoFinding).max(20).default([]),
    reason: Reason,
  })
  .openapi("ProposeScoreChangeBody");

export const ChangeDecisionBody = z
  .strictObject({ decision: z.enum(["approve", "reject"]), reason: freeText(500, { trim: true }).optional() })
  .openapi("ScoreChangeDecisionBody");

export const ScoreChangeView = z
  .object({
    id: z.string(),
    applicationId: z.string(),
    stage: Stage,
    proposedBy: Person,
    reason: z.string(),
    status: z.enum(SCORE_CHANGE_STATUSES),
    before: z.number().openapi({ description: "the form's total now" }),
    after: z.number().openapi({ description: "the form's total if approved" }),
    decidedBy: Person.nullable(),
    decisionReason: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("ScoreChange");

export const ScoreChangeList = z.object({ items: z.array(ScoreChangeView) }).openapi("ScoreChangeList");

const TenantId = z.string().min(1).max(64);
export const ConflictParams = z.object({ tenant: TenantId, id: IdParam, conflictId: IdParam });
export const ScoreChangeParams = z.object({ tenant: TenantId, id: IdParam, changeId: IdParam });

// ─── Decisions and sign-offs (推荐, 部门意见) ──────────────────────────────────────────────────────────

export const DecisionBody = z
  .strictObject({
    version: z.number().int().min(1),
    decision: z.enum(["recommend", "not_recommend"]),
    reason: freeText(500, { trim: true }).optional().openapi({ description: "required to not recommend" }),
  })
  .openapi("DecisionBody");

export const SignoffBody = z
  .strictObject({
    verdict: z.enum(SIGNOFF_VERDICTS),
    reason: freeText(500, { trim: true }).optional().openapi({ description: "required to report a veto" }),
  })
  .openapi("SignoffBody");

export const SignoffView = z.object({
  department: z.string(),
  verdict: z.enum(SIGNOFF_VERDICTS).nullable(),
  reason: z.string().nullable(),
  by: Person.nullable(),
  at: z.string().nullable(),
});

// ─── Ranking (排名) ─────────────────────────────────────────────────────────────────────────────────

export const RankingQuery = z.strictObject({
  city: IdParam.optional(),
  sector: IdParam.optional(),
  kind: IdParam.optional(),
  pool: z.string().min(1).max(80).optional().openapi({ description: "`city:<id>` or `sector:<id>`" }),
  status: z.string().min(1).max(40).optional(),
  ...pagingQuery,
});

export const RankingRow = z.object({
  applicationId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  city: z.string().nullable().openapi({ description: "the city's name" }),
  sector: z.string().nullable().openapi({ description: "the sector's name" }),
  status: z.string(),
  aggregate: z.number().nullable().openapi({ description: "null while blind or unscored" }),
  extraPoints: z.number(),
  rank: z.number().int().nullable(),
  cityRank: z.number().int().nullable(),
  sectorRank: z.number().int().nullable(),
  poolRank: z.number().int().nullable(),
  pool: z.string().nullable(),
  vetoed: z.boolean(),
  vetoReason: z.string().nullable(),
  blind: z.boolean().openapi({ description: "the caller's own form is unsubmitted: the others' scores are hidden" }),
  reviewerTotals: z.array(z.number()),
  gates: z.object({ onsite: z.boolean().nullable(), naming: z.boolean().nullable() }),
});

export const RankingPage = z
  .object({
    items: z.array(RankingRow),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    mode: AggregationMode,
    stage: Stage,
    calibratedAt: z.string().nullable(),
    cutOffs: z.array(
      z.object({ pool: z.string(), name: z.string(), quota: z.number().int(), cutOff: z.number().nullable() }),
    ),
  })
  .openapi("RankingPage");

export const CsvQuery = z.strictObject({ lang: z.enum(["en", "zh"]).optional() });

// ─── Decisions, sign-offs, phase checks, rollups, consistency and to-dos (H4) ───────────────────────

/** A quota pool's use: `city:<id>` or `sector:<id>`, the city's or sector's name, its quota and places taken. */
export const QuotaUse = z.object({
  pool: z.string(),
  name: z.string(),
  quota: z.number().int(),
  used: z.number().int(),
});

export const DecisionView = z
  .object({
    applicationId: z.string(),
    status: z.enum(APPLICATION_STATUSES),
    decisionReason: z.string().nullable(),
    version: z.number().int(),
    quota: QuotaUse.nullable().openapi({ description: "the pool the application counts against, if it has a quota" }),
  })
  .openapi("Decision");

export const SignoffList = z
  .object({
    applicationId: z.string(),
    items: z.array(SignoffView).openapi({ description: "every department the round requires, signed or not" }),
    /** Required departments without a `clear` sign-off: what naming will need. */
    missing: z.array(z.string()),
    vetoed: z.boolean(),
  })
  .openapi("Signoffs");

export const Blocker = z.object({
  code: z.enum(BLOCKER_CODES),
  count: z.number().int(),
  message: z.string(),
  messageEn: z.string(),
  applicationIds: z.array(z.string()).openapi({ description: "the first few applications concerned" }),
});

export const AdvanceCheck = z
  .object({
    phase: z.enum(PHASES),
    next: z.enum(PHASES).nullable(),
    blockers: z.array(Blocker),
    effects: z.object({
      closesDrafts: z.number().int().openapi({ description: "drafts closed as not submitted" }),
      marksProvinceScored: z.number().int().openapi({ description: "recommended applications marked scored" }),
      refitsCalibration: z.boolean(),
    }),
  })
  .openapi("AdvanceCheck");

const RollupGroup = z.object({
  id: z.string().nullable(),
  name: z.string().nullable(),
  applications: z.number().int(),
  recommended: z.number().int(),
  vetoed: z.number().int(),
  scored: z.number().int(),
  mean: z.number().nullable(),
  median: z.number().nullable(),
  histogram: z.array(z.object({ from: z.number(), count: z.number().int() })),
  progress: z.object({ assigned: z.number().int(), scored: z.number().int(), remaining: z.number().int() }),
});

export const RoundRollups = z
  .object({
    stage: Stage,
    /** `city` for a provincial reader, `county` for a city reviewer. */
    placeLevel: z.enum(["city", "county"]),
    binWidth: z.number(),
    places: z.array(RollupGroup),
    sectors: z.array(RollupGroup),
    total: RollupGroup,
    lossItems: z
      .array(z.object({ itemCode: z.string(), title: z.string(), maxPoints: z.number(), meanLoss: z.number() }))
      .openapi({ description: "base items where units lose most points across the tenant (mean of max − points)" }),
  })
  .openapi("RoundRollups");

export const ReviewerStats = z
  .object({
    stage: Stage,
    mode: AggregationMode,
    threshold: z.number(),
    calibratedAt: z.string().nullable(),
    items: z.array(
      z.object({
        reviewer: Person,
        forms: z.number().int(),
        mean: z.number(),
        meanDeviation: z.number().openapi({ description: "mean of (own total − panel mean): harsh < 0 < lenient" }),
        spread: z.number(),
        outliers: z
          .array(z.string())
          .openapi({ description: "applications further from the panel than the threshold" }),
        offset: z.number().nullable().openapi({ description: "calibrated b(r), null until fitted" }),
        flagged: z.boolean().openapi({ description: "fewer than 3 applications: offset kept at 0" }),
      }),
    ),
  })
  .openapi("ReviewerStats");

export const CalibrateBody = z
  .strictObject({ reason: freeText(500, { trim: true }).optional() })
  .openapi("CalibrateBody");

export const CalibrationView = z
  .object({
    stage: Stage,
    calibratedAt: z.string(),
    reviewers: z.number().int(),
    applications: z.number().int(),
  })
  .openapi("Calibration");

export const ResultsCheckView = z
  .object({
    agree: z.boolean(),
    checked: z.number().int().openapi({ description: "results compared" }),
    forms: z.number().int(),
    checkedAt: z.string(),
    mismatches: z.array(
      z.object({
        applicationId: z.string(),
        stage: Stage,
        field: z.string(),
        stored: z.unknown(),
        recomputed: z.unknown(),
      }),
    ),
  })
  .openapi("ResultsCheck");

export const TODO_KINDS = [
  "score_forms",
  "decisions",
  "score_changes",
  "signoffs",
  /** Reviewers and the office: registrations in scope waiting for approval (待审核); listed in `outsideRounds`. */
  "units_pending",
  /** The office and reviewers: public objections (异议) in scope not yet decided. */
  "objections",
  "conflicts",
  "short_panels",
  "blockers",
  /** The office: every open round with the applications received so far and the days left in its phase. */
  "round_intake",
  "drafts",
  /** Unit staff: applications the city returned for changes. */
  "returned",
  /** Unit staff: base items of an editable application still lacking a self-assessment, a 说明 or files. */
  "items_missing",
  /** Unit staff: criteria items of an editable application with nothing linked (see its coverage). */
  "coverage_gaps",
  /** Unit staff: peers still to score in an open mutual assessment (互评); due when its window closes. */
  "mutual_pending",
] as const;

export const TodoList = z
  .object({
    today: z.string().openapi({ description: "Beijing date" }),
    items: z.array(
      z.object({
        kind: z.enum(TODO_KINDS),
        round: z.object({ id: z.string(), title: z.string(), phase: z.enum(PHASES) }),
        count: z.number().int(),
        dueDate: z.string().nullable().openapi({ description: "the phase's end date (round settings)" }),
        daysLeft: z.number().int().nullable().openapi({ description: "days until dueDate, Beijing time" }),
        blockers: z.array(Blocker).optional(),
        applicationIds: z.array(z.string()).optional(),
      }),
    ),
    outsideRounds: z
      .array(z.object({ kind: z.enum(TODO_KINDS).extract(["units_pending"]), count: z.number().int() }))
      .openapi({ description: "work not tied to a round: units in scope pending approval (reviewers, the office)" }),
  })
  .openapi("TodoList");
