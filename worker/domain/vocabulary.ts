/**
 * The closed lists the domain speaks in, defined once: the database schema, the zod schemas and the
 * SPA all take them from here.
 */

/** 县级 → 全国, and their 标兵 (model) tiers: the titles programs aim at and rounds award. */
export const TITLE_LEVELS = [
  "county",
  "city",
  "province",
  "national",
  "county_model",
  "city_model",
  "province_model",
  "national_model",
] as const;
export type TitleLevel = (typeof TITLE_LEVELS)[number];

/** An application's life: draft → submitted → city_recommended / city_returned → … → awarded. */
export const APPLICATION_STATUSES = [
  "draft",
  /** A draft still unsubmitted when applications closed: kept for its unit to see, out of the round. */
  "not_submitted",
  "submitted",
  "city_returned",
  "city_recommended",
  /** The city decided not to recommend it, with a reason. */
  "city_not_recommended",
  "province_scored",
  "on_notice",
  "awarded",
  "not_awarded",
  "vetoed",
  "withdrawn",
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** A round's phases in order. */
export const PHASES = ["draft", "applications_open", "city_review", "province_review", "notice", "named"] as const;
export type Phase = (typeof PHASES)[number];

/** A unit's standing in its office: registered and awaiting review, approved, suspended, or turned away. */
export const UNIT_STATUSES = ["pending", "active", "suspended", "rejected"] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];

/** What a membership lets its user do in an office. */
export const ROLES = ["tenant_admin", "reviewer", "department", "unit_staff"] as const;
export type Role = (typeof ROLES)[number];

/**
 * The roles a tenant admin gives, most common first (the order the SPA offers them); unit staff come
 * from unit self-registration.
 */
export const MANAGED_ROLES = ["reviewer", "department", "tenant_admin"] as const satisfies readonly Role[];
export type ManagedRole = (typeof MANAGED_ROLES)[number];

/** A user account: invited and not yet activated, active, or deactivated. */
export const USER_STATUSES = ["pending", "active", "disabled"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** An office (tenant) is in service or suspended by the platform admin. */
export const TENANT_STATUSES = ["active", "suspended"] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

/** A membership (a person's place in an office) is active or deactivated by a tenant admin. */
export const MEMBERSHIP_STATUSES = ["active", "disabled"] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

/** The levels of the division tree an office's jurisdiction is made of. */
export const JURISDICTION_LEVELS = ["province", "city", "county"] as const;
export type JurisdictionLevel = (typeof JURISDICTION_LEVELS)[number];

/** A creation program's version is a draft being edited or a numbered published one. */
export const PROGRAM_STATUSES = ["draft", "published"] as const;
export type ProgramStatus = (typeof PROGRAM_STATUSES)[number];

/** A round selects new title holders or rechecks current ones. */
export const ROUND_KINDS = ["selection", "recheck"] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];

/** The way an application reaches a round: through its city's quota or a sector's. */
export const CHANNELS = ["city", "sector"] as const;
export type Channel = (typeof CHANNELS)[number];

/** How a round orders units with equal scores, in the order its settings list them. */
export const TIE_BREAKS = [
  "onsite",
  "material",
  "survey",
  "online",
  /** Higher points in the system's first category. */
  "first_category",
  /** Fewer deduction points. */
  "fewer_deductions",
  "earlier_submission",
] as const;
export type TieBreak = (typeof TIE_BREAKS)[number];

/** What a section of a creation program is about (指导思想, 目标, 措施, 保障, 进度, other). */
export const SECTION_KINDS = ["guiding", "goals", "measures", "safeguards", "schedule", "other"] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

/** The two scoring stages of a round: the city's panel, then the province's. */
export const STAGES = ["city", "province"] as const;
export type Stage = (typeof STAGES)[number];

/**
 * How a panel's totals become an application's aggregate: the mean, the median, the mean without one highest
 * and one lowest total (去掉一个最高分和一个最低分, when ≥ 3), or calibrated for harsh and lenient reviewers.
 */
export const AGGREGATION_MODES = ["mean", "median", "trimmed", "calibrated"] as const;
export type AggregationMode = (typeof AGGREGATION_MODES)[number];

/** A reviewer's place on a panel: sitting, taken off (their saved scores kept), or excused by the round owner. */
export const ASSIGNMENT_STATUSES = ["active", "removed", "exempt"] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/** A reviewer's scoring form: being filled in, or submitted. */
export const FORM_STATUSES = ["draft", "submitted"] as const;
export type FormStatus = (typeof FORM_STATUSES)[number];

/** 回避: a conflict a reviewer declared, awaiting the round owner, accepted, or overridden (may score). */
export const CONFLICT_STATUSES = ["declared", "accepted", "overridden"] as const;
export type ConflictStatus = (typeof CONFLICT_STATUSES)[number];

/** 部门意见: a department confirms no veto condition in its field applies, or reports one. */
export const SIGNOFF_VERDICTS = ["clear", "veto"] as const;
export type SignoffVerdict = (typeof SIGNOFF_VERDICTS)[number];

/** A change of scores after their stage closed: awaiting a second reviewer, approved (applied) or rejected. */
export const SCORE_CHANGE_STATUSES = ["pending", "approved", "rejected"] as const;
export type ScoreChangeStatus = (typeof SCORE_CHANGE_STATUSES)[number];

/** A unit on a public notice (公示): listed, or taken off it because an objection was upheld. */
export const NOTICE_ENTRY_STATUSES = ["listed", "removed"] as const;
export type NoticeEntryStatus = (typeof NOTICE_ENTRY_STATUSES)[number];

/** An objection (异议) lodged during notice: received, being investigated, then upheld (成立) or not (不成立). */
export const OBJECTION_STATUSES = ["received", "investigating", "upheld", "not_upheld"] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];

/** What happened to a title, in its public history: named, recorded by hand, or a 动态管理 outcome. */
export const AWARD_EVENT_KINDS = ["named", "recorded", "kept", "warned", "restored", "revoked", "lapsed"] as const;
export type AwardEventKind = (typeof AWARD_EVENT_KINDS)[number];

/**
 * A re-check's (复查) outcome for a title: 保留, 黄牌警告 (with a deadline to fix), 恢复 (a fixed warning
 * lifted), 撤销 (reason shown publicly), 自动终止 (merged, reorganised, or no report by the deadline).
 */
export const TITLE_OUTCOMES = ["keep", "warn", "restore", "revoke", "lapse"] as const;
export type TitleOutcome = (typeof TITLE_OUTCOMES)[number];

/**
 * How well a unit's material covers one criteria item: covered (what it plans or reports — a program measure or a
 * report paragraph — and what it did — a record), thin (only one of the two), empty (nothing linked).
 */
export const COVERAGE_STATUSES = ["covered", "thin", "empty"] as const;
export type CoverageStatus = (typeof COVERAGE_STATUSES)[number];

/**
 * Why the report importer dropped a pasted line: web-page chrome copied with the text (site name, breadcrumb,
 * time stamp, disclaimer, a listing's title such as "…(精选3篇)", a page title repeated), a paragraph pasted twice,
 * or a page's truncated excerpt of the paragraph that follows. Every removed line is listed and can be restored.
 */
export const REMOVED_LINE_REASONS = [
  "site_name",
  "breadcrumb",
  "timestamp",
  "disclaimer",
  "listing_title",
  "repeated_title",
  "duplicate_paragraph",
  "truncated_excerpt",
] as const;
export type RemovedLineReason = (typeof REMOVED_LINE_REASONS)[number];

/** 问卷调查: who a question is for — the unit's own staff (干部职工) or the people it serves (服务对象). */
export const SURVEY_AUDIENCES = ["staff", "public"] as const;
export type SurveyAudience = (typeof SURVEY_AUDIENCES)[number];

/** How an item below the round's minimum sample is scored: 0, or the points a reviewer enters. */
export const BELOW_MINIMUM_RULES = ["zero", "reviewer"] as const;
export type BelowMinimumRule = (typeof BELOW_MINIMUM_RULES)[number];

/** A questionnaire answer: counted, or kept but not counted because it was finished implausibly fast. */
export const SURVEY_RESPONSE_STATUSES = ["counted", "too_fast"] as const;
export type SurveyResponseStatus = (typeof SURVEY_RESPONSE_STATUSES)[number];

/** Where an item's points come from when no reviewer scores it: the questionnaire, or peer units (互评). */
export const POINT_SOURCES = ["survey", "mutual"] as const;
export type PointSource = (typeof POINT_SOURCES)[number];

/** 互评: units score peers of the same sector, or of the same city. */
export const MUTUAL_GROUPS = ["sector", "city"] as const;
export type MutualGroup = (typeof MUTUAL_GROUPS)[number];
