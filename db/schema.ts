// Drizzle schema of record. Migrations are generated from this file by drizzle-kit
// (`npm run db:generate`) and applied by `wrangler d1 migrations apply`.
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { AWARD_STATUSES } from "../worker/domain/eligibility.ts";
import { MEASURE_STATUSES, QUANTITY_UNITS, RECORD_KINDS } from "../worker/domain/record-rules.ts";
import {
  APPLICATION_STATUSES,
  ASSIGNMENT_STATUSES,
  AWARD_EVENT_KINDS,
  BELOW_MINIMUM_RULES,
  CHANNELS,
  CONFLICT_STATUSES,
  FORM_STATUSES,
  JURISDICTION_LEVELS,
  MEMBERSHIP_STATUSES,
  MUTUAL_GROUPS,
  NOTICE_ENTRY_STATUSES,
  OBJECTION_STATUSES,
  PHASES,
  POINT_SOURCES,
  PROGRAM_STATUSES,
  ROLES,
  ROUND_KINDS,
  SCORE_CHANGE_STATUSES,
  SIGNOFF_VERDICTS,
  STAGES,
  SURVEY_RESPONSE_STATUSES,
  TENANT_STATUSES,
  TITLE_LEVELS,
  TITLE_OUTCOMES,
  UNIT_STATUSES,
  USER_STATUSES,
} from "../worker/domain/vocabulary.ts";

const createdAt = () => text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);

/** A civilization office (文明办) that runs assessments. */
export const tenants = sqliteTable("tenants", {
  id: text("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  status: text("status", { enum: TENANT_STATUSES }).notNull().default("active"),
  /** Name shown on the public pages, when it differs from `name`. */
  displayName: text("display_name"),
  /** R2 key of the logo shown on the public pages. */
  logoKey: text("logo_key"),
  /** JSON, validated by the TenantSettings schema: notice length, holidays, title term. */
  settings: text("settings").notNull().default("{}"),
  /** Optimistic-locking counter for settings edits. */
  version: integer("version").notNull().default(1),
  /**
   * Bumped in the same batch as any change the public pages show (a title, a notice, an objection's outcome):
   * it is part of every public cache key, so one bump retires the office's cached public reads everywhere.
   */
  publicVersion: integer("public_version").notNull().default(1),
  /** Optimistic-locking counter of the office's criteria synonym list (criteria_synonyms). */
  synonymsVersion: integer("synonyms_version").notNull().default(1),
  createdAt: createdAt(),
});

/**
 * A node of the tenant's administrative tree (province → city → county).
 * `path` is the materialised path of 行政区划 codes, e.g. `/510000/510600/510603/`,
 * so "everything under my scope" is one indexed range scan.
 */
export const jurisdictions = sqliteTable(
  "jurisdictions",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    parentId: text("parent_id"),
    /** The city this node belongs to (itself for a city); null for the province root. */
    cityId: text("city_id"),
    code: text("code").notNull(),
    name: text("name").notNull(),
    level: text("level", { enum: JURISDICTION_LEVELS }).notNull(),
    path: text("path").notNull(),
    sort: integer("sort").notNull().default(0),
  },
  (t) => [
    uniqueIndex("jurisdictions_tenant_code").on(t.tenantId, t.code),
    index("jurisdictions_tenant_path").on(t.tenantId, t.path),
    index("jurisdictions_tenant_parent").on(t.tenantId, t.parentId),
  ],
);

/** 系统/行业 — a tenant-defined sector such as 教育 or 卫生. */
export const sectors = sqliteTable(
  "sectors",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    code: text("code").notNull(),
    name: text("name").notNull(),
    sort: integer("sort").notNull().default(0),
    /** Retired entries stay for the units that use them but are no longer offered. */
    archived: integer("archived", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [uniqueIndex("sectors_tenant_code").on(t.tenantId, t.code)],
);

/** 单位类别 — a tenant-defined unit kind such as 机关 or 学校. */
export const unitKinds = sqliteTable(
  "unit_kinds",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    code: text("code").notNull(),
    name: text("name").notNull(),
    sort: integer("sort").notNull().default(0),
    archived: integer("archived", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [uniqueIndex("unit_kinds_tenant_code").on(t.tenantId, t.code)],
);

export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  /** Stored lower-cased; login compares lower-cased input. Null until a first admin activates with one. */
  email: text("email").unique(),
  displayName: text("display_name").notNull(),
  /** `scrypt$N$r$p$saltB64$hashB64`: algorithm and parameters travel with the hash. Null until activation. */
  passwordHash: text("password_hash"),
  status: text("status", { enum: USER_STATUSES }).notNull().default("active"),
  platformAdmin: integer("platform_admin", { mode: "boolean" }).notNull().default(false),
  createdAt: createdAt(),
});

/** 文明单位 candidate: a bureau, school, hospital, company… */
export const units = sqliteTable(
  "units",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    jurisdictionId: text("jurisdiction_id")
      .notNull()
      .references(() => jurisdictions.id),
    /** Copy of the jurisdiction's path so scope filters need no join. */
    jurisdictionPath: text("jurisdiction_path").notNull(),
    /** The city the jurisdiction lies in (null for units directly under the province): rollups group by it. */
    cityId: text("city_id").references(() => jurisdictions.id),
    sectorId: text("sector_id").references(() => sectors.id),
    kindId: text("kind_id").references(() => unitKinds.id),
    name: text("name").notNull(),
    /** 统一社会信用代码 (GB 32100-2015, 18 characters). */
    creditCode: text("credit_code"),
    contactName: text("contact_name"),
    contactPhone: text("contact_phone"),
    /** 主管部门: the body the unit answers to; a round may make reviewers of one body avoid its other units. */
    parentBody: text("parent_body"),
    /** Lower-case pinyin initials of `name` (德阳科协 → dykx), kept on every name write, for public search. */
    nameInitials: text("name_initials"),
    status: text("status", { enum: UNIT_STATUSES }).notNull().default("pending"),
    /** Why a reviewer rejected (or suspended) the unit; shown to its staff. */
    reviewNote: text("review_note"),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    index("units_tenant_path_name").on(t.tenantId, t.jurisdictionPath, t.name),
    // Filtered lists read their page and count from these without touching the table (see docs/BENCHMARKS.md).
    index("units_tenant_city").on(t.tenantId, t.cityId, t.jurisdictionPath, t.name),
    index("units_tenant_sector").on(t.tenantId, t.sectorId, t.jurisdictionPath, t.name),
    index("units_tenant_path_rollup").on(
      t.tenantId,
      t.jurisdictionPath,
      t.status,
      t.cityId,
      t.sectorId,
      t.kindId,
      t.id,
    ),
    index("units_tenant_kind").on(t.tenantId, t.kindId),
    uniqueIndex("units_tenant_credit_code").on(t.tenantId, t.creditCode),
  ],
);

/**
 * What a user may do in one tenant. A reviewer's and a tenant admin's scope is a jurisdiction node;
 * unit staff are scoped to one unit.
 */
export const memberships = sqliteTable(
  "memberships",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    role: text("role", { enum: ROLES }).notNull(),
    jurisdictionId: text("jurisdiction_id").references(() => jurisdictions.id),
    unitId: text("unit_id").references(() => units.id),
    /** For department accounts (部门会签): which department signs off, e.g. 纪检监察. */
    department: text("department"),
    /** For reviewers: the unit they work in, which they may not score (回避), nor, by round option, its kin. */
    affiliationUnitId: text("affiliation_unit_id").references(() => units.id),
    status: text("status", { enum: MEMBERSHIP_STATUSES }).notNull().default("active"),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("memberships_user_tenant").on(t.userId, t.tenantId), index("memberships_tenant").on(t.tenantId)],
);

/** Server-side sessions; the id is the SHA-256 of the random cookie token, never the token itself. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    expiresAt: text("expires_at").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

/**
 * One-time links that let a new person set their password (activation) or an existing one reset it.
 * There is no mail service: the link is shown once to whoever issued it. Only the token's SHA-256 is kept.
 */
export const activationTokens = sqliteTable(
  "activation_tokens",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    tenantId: text("tenant_id").references(() => tenants.id),
    purpose: text("purpose", { enum: ["activation", "reset"] }).notNull(),
    expiresAt: text("expires_at").notNull(),
    usedAt: text("used_at"),
    createdBy: text("created_by"),
    createdAt: createdAt(),
  },
  (t) => [index("activation_tokens_user").on(t.userId)],
);

/** Failed sign-in counters per account and per IP, for exact lockouts. */
export const loginThrottle = sqliteTable("login_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  windowStart: text("window_start").notNull(),
});

/** Tamper-evident log: each event carries the hash of the previous one in its tenant's chain. */
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: text("id").primaryKey(),
    /** The chain this event extends: the tenant's id, or `platform` for sign-ins and platform actions. */
    chain: text("chain").notNull(),
    /** Null for platform-level actions. */
    tenantId: text("tenant_id").references(() => tenants.id),
    actorUserId: text("actor_user_id"),
    actorRole: text("actor_role"),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    beforeDigest: text("before_digest"),
    afterDigest: text("after_digest"),
    reason: text("reason"),
    /**
     * Position in its chain, given when the event is sealed into the chain (null until then). Writers append
     * events unsealed, so they never contend for the chain's head; sealing links them in insertion order.
     */
    seq: integer("seq"),
    /** Null until sealed; empty for the first event of a chain. */
    prevHash: text("prev_hash"),
    /** Null until sealed: the hash of the event's fields and `prevHash`. */
    hash: text("hash"),
    createdAt: createdAt(),
  },
  (t) => [
    index("audit_events_tenant_created").on(t.tenantId, t.createdAt),
    uniqueIndex("audit_events_chain_seq").on(t.chain, t.seq),
    index("audit_events_unsealed").on(t.chain).where(sql`seq is null`),
  ],
);

/**
 * 创建工作方案: a unit's creation program for a period. `draft` is the working copy (JSON, validated by the
 * ProgramContent schema); each publish freezes it as a numbered program_versions row.
 */
export const programs = sqliteTable(
  "programs",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    unitId: text("unit_id")
      .notNull()
      .references(() => units.id),
    title: text("title").notNull(),
    startYear: integer("start_year").notNull(),
    endYear: integer("end_year").notNull(),
    targetLevel: text("target_level").notNull(),
    status: text("status", { enum: PROGRAM_STATUSES }).notNull().default("draft"),
    /** JSON { sections: [...] } of the working copy. */
    draft: text("draft").notNull(),
    /** Number of the latest published version; 0 before the first publish. */
    publishedVersion: integer("published_version").notNull().default(0),
    /** Optimistic-locking counter of the working copy. */
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    index("programs_tenant_unit").on(t.tenantId, t.unitId, t.status, t.startYear, t.endYear),
    index("programs_tenant_years").on(t.tenantId, t.startYear, t.endYear),
  ],
);

export const programVersions = sqliteTable(
  "program_versions",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    programId: text("program_id")
      .notNull()
      .references(() => programs.id),
    number: integer("number").notNull(),
    /** JSON snapshot: title, period, target level and sections with their measures. */
    content: text("content").notNull(),
    publishedBy: text("published_by").notNull(),
    publishedAt: text("published_at").notNull(),
  },
  (t) => [uniqueIndex("program_versions_program_number").on(t.programId, t.number)],
);

/**
 * The measures (重点工作) of each program's latest published version, one row each, so cross-unit
 * rollups (by 责任部室, by status) are plain SQL. Replaced as a whole on every publish.
 */
export const programMeasures = sqliteTable(
  "program_measures",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    unitId: text("unit_id")
      .notNull()
      .references(() => units.id),
    programId: text("program_id")
      .notNull()
      .references(() => programs.id),
    /** The measure's stable id inside the program document (records link to it). */
    measureKey: text("measure_key").notNull(),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    /** JSON array of 责任部室. */
    departments: text("departments").notNull(),
    lead: text("lead"),
    dueDate: text("due_date"),
    progress: integer("progress").notNull(),
    status: text("status", { enum: MEASURE_STATUSES }).notNull(),
  },
  (t) => [
    index("program_measures_tenant_unit").on(t.tenantId, t.unitId),
    index("program_measures_program").on(t.programId),
  ],
);

/** 台账: what a unit did — study sessions, volunteer service, activities, rules, honours. */
export const records = sqliteTable(
  "records",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    unitId: text("unit_id")
      .notNull()
      .references(() => units.id),
    date: text("date").notNull(),
    kind: text("kind", { enum: RECORD_KINDS }).notNull(),
    title: text("title").notNull(),
    people: integer("people"),
    /** Hours for volunteer service, otherwise a count. */
    quantity: real("quantity"),
    quantityUnit: text("quantity_unit", { enum: QUANTITY_UNITS }),
    programId: text("program_id").references(() => programs.id),
    measureKey: text("measure_key"),
    note: text("note"),
    createdBy: text("created_by").notNull(),
    createdAt: createdAt(),
    /** Soft delete: records are evidence; a deleted one stays in the audit trail. */
    deletedAt: text("deleted_at"),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("records_tenant_unit_date").on(t.tenantId, t.unitId, t.date),
    // Covers the records rollup (by kind and month over live records) without touching the table.
    index("records_rollup_live")
      .on(t.tenantId, t.unitId, t.date, t.kind, t.people, t.quantityUnit, t.quantity)
      .where(sql`${t.deletedAt} is null`),
  ],
);

/** Files attached to records, stored in R2 under their key. */
export const recordAttachments = sqliteTable(
  "record_attachments",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    recordId: text("record_id")
      .notNull()
      .references(() => records.id),
    key: text("key").notNull(),
    name: text("name").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("record_attachments_record").on(t.recordId)],
);

/** 测评体系: the document (categories → items, bonus, deduction, vetoes) as JSON, frozen once a round uses it. */
export const criteriaSystems = sqliteTable(
  "criteria_systems",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    name: text("name").notNull(),
    version: integer("version").notNull(),
    /** JSON validated by the CriteriaContent schema and the criteria rules. */
    content: text("content").notNull(),
    frozen: integer("frozen", { mode: "boolean" }).notNull().default(false),
    /** Optimistic-locking counter for edits. */
    rev: integer("rev").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [index("criteria_systems_tenant").on(t.tenantId)],
);

/** 评选/复查: one assessment round and its phase. Settings (dates, eligibility, quotas…) live in JSON. */
export const rounds = sqliteTable(
  "rounds",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    title: text("title").notNull(),
    level: text("level").notNull(),
    kind: text("kind", { enum: ROUND_KINDS }).notNull(),
    year: integer("year").notNull(),
    criteriaSystemId: text("criteria_system_id")
      .notNull()
      .references(() => criteriaSystems.id),
    phase: text("phase", { enum: PHASES }).notNull().default("draft"),
    /** JSON validated by the RoundSettings schema. */
    settings: text("settings").notNull(),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [index("rounds_tenant").on(t.tenantId)],
);

/** The timeline of a round: every phase change, who made it and when (UTC). */
export const roundTransitions = sqliteTable(
  "round_transitions",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    roundId: text("round_id")
      .notNull()
      .references(() => rounds.id),
    fromPhase: text("from_phase").notNull(),
    toPhase: text("to_phase").notNull(),
    actorUserId: text("actor_user_id").notNull(),
    reason: text("reason"),
    at: text("at").notNull(),
  },
  (t) => [index("round_transitions_round").on(t.roundId)],
);

/** 申报: a unit entering a round through its city or a sector channel. */
export const applications = sqliteTable(
  "applications",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    roundId: text("round_id")
      .notNull()
      .references(() => rounds.id),
    unitId: text("unit_id")
      .notNull()
      .references(() => units.id),
    /** Copied from the unit so reviewer lists filter by scope without a join. */
    jurisdictionPath: text("jurisdiction_path").notNull(),
    channel: text("channel", { enum: CHANNELS }).notNull(),
    channelSectorId: text("channel_sector_id").references(() => sectors.id),
    status: text("status", { enum: APPLICATION_STATUSES }).notNull().default("draft"),
    returnReason: text("return_reason"),
    /** Why the city did not recommend it (city_not_recommended); shown to its unit. */
    decisionReason: text("decision_reason"),
    /** In a re-check (复查) round: the title being checked; the unit was enrolled, it did not apply. */
    awardId: text("award_id"),
    /** In a re-check round: the outcome reviewers recorded, applied to the title when the round is named. */
    titleOutcome: text("title_outcome", { enum: TITLE_OUTCOMES }),
    /** The outcome's reason (internal) and, for warn / revoke / lapse, the reason shown publicly. */
    outcomeReason: text("outcome_reason"),
    outcomePublicReason: text("outcome_public_reason"),
    /** YYYY-MM-DD: a warning's deadline to fix. */
    outcomeDeadline: text("outcome_deadline"),
    submittedAt: text("submitted_at"),
    /**
     * What the unit linked to each scored criteria item, one character per item in the system's order: c (a measure
     * or report paragraph and a record), t (one side), e (nothing). Refreshed in the batch of every change to the
     * item rows or report links (worker/data/coverage.ts), so a round's coverage rollup reads one short string per
     * application; '' until anything is linked.
     */
    coverage: text("coverage").notNull().default(""),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("applications_round_unit").on(t.roundId, t.unitId),
    index("applications_tenant_round_path").on(t.tenantId, t.roundId, t.jurisdictionPath),
  ],
);

/** Self-assessment and evidence text per criteria item (自评分 and 说明, links, linked measures/records). */
export const applicationItems = sqliteTable(
  "application_items",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    applicationId: text("application_id")
      .notNull()
      .references(() => applications.id),
    itemCode: text("item_code").notNull(),
    selfPoints: real("self_points"),
    selfGrade: text("self_grade"),
    note: text("note").notNull().default(""),
    /** JSON arrays: links to published material, linked program measures and records. */
    links: text("links").notNull().default("[]"),
    measureKeys: text("measure_keys").notNull().default("[]"),
    recordIds: text("record_ids").notNull().default("[]"),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [uniqueIndex("application_items_item").on(t.applicationId, t.itemCode)],
);

/** Evidence files per application item, stored in R2. */
export const evidenceFiles = sqliteTable(
  "evidence_files",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    applicationId: text("application_id")
      .notNull()
      .references(() => applications.id),
    itemCode: text("item_code").notNull(),
    key: text("key").notNull(),
    name: text("name").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("evidence_files_application").on(t.applicationId, t.itemCode)],
);

/**
 * A title (称号) a unit holds: one level for one term (届), from its naming until `valid_until`. Titles from
 * before the system are recorded by hand (no round); later ones name the round that awarded them.
 * Rounds read these to decide who may apply (worker/domain/eligibility.ts).
 */
export const awards = sqliteTable(
  "awards",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    unitId: text("unit_id")
      .notNull()
      .references(() => units.id),
    level: text("level", { enum: TITLE_LEVELS }).notNull(),
    termStartYear: integer("term_start_year").notNull(),
    termEndYear: integer("term_end_year").notNull(),
    /** YYYY-MM-DD: the day the title was conferred (命名表彰). */
    namedOn: text("named_on").notNull(),
    /** YYYY-MM-DD: the last day the title is valid (usually 31 December of the term's last year). */
    validUntil: text("valid_until").notNull(),
    status: text("status", { enum: AWARD_STATUSES }).notNull().default("active"),
    /** The naming document (命名文件文号), e.g. 德市文明委〔2024〕3号. */
    documentRef: text("document_ref"),
    /** The round that awarded it; null for titles recorded from before the system. */
    roundId: text("round_id").references(() => rounds.id),
    /** YYYY-MM-DD: while warned (黄牌警告), the day by which the unit must have fixed things. */
    warningDeadline: text("warning_deadline"),
    /** Why it was warned, revoked or lapsed, as the public pages show it; null while simply active. */
    publicReason: text("public_reason"),
    createdBy: text("created_by").notNull(),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    // "Awards of a unit" is a prefix of this index; it also keeps one title per unit, level and term.
    uniqueIndex("awards_unit_level_term").on(t.tenantId, t.unitId, t.level, t.termStartYear),
    // The public list: an office's titles of a level, current ones first found by their valid-until date.
    index("awards_tenant_level_valid").on(t.tenantId, t.level, t.validUntil),
  ],
);

/** 评审组: a reviewer on an application's panel at one stage. Taking them off keeps their saved form. */
export const assignments = sqliteTable(
  "assignments",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    roundId: text("round_id")
      .notNull()
      .references(() => rounds.id),
    applicationId: text("application_id")
      .notNull()
      .references(() => applications.id),
    stage: text("stage", { enum: STAGES }).notNull(),
    reviewerUserId: text("reviewer_user_id")
      .notNull()
      .references(() => users.id),
    status: text("status", { enum: ASSIGNMENT_STATUSES }).notNull().default("active"),
    /** Why the round owner excused this reviewer from submitting (status `exempt`). */
    exemptReason: text("exempt_reason"),
    createdBy: text("created_by").notNull(),
    createdAt: createdAt(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("assignments_application_stage_reviewer").on(t.applicationId, t.stage, t.reviewerUserId),
    index("assignments_round_stage_reviewer").on(t.tenantId, t.roundId, t.stage, t.reviewerUserId),
  ],
);

/** 回避: a conflict of interest a reviewer declared on an application, and the round owner's decision. */
export const conflicts = sqliteTable(
  "conflicts",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    roundId: text("round_id")
      .notNull()
      .references(() => rounds.id),
    applicationId: text("application_id")
      .notNull()
      .references(() => applications.id),
    reviewerUserId: text("reviewer_user_id")
      .notNull()
      .references(() => users.id),
    reason: text("reason").notNull(),
    status: text("status", { enum: CONFLICT_STATUSES }).notNull().default("declared"),
    decidedBy: text("decided_by"),
    decisionReason: text("decision_reason"),
    createdAt: createdAt(),
    decidedAt: text("decided_at"),
  },
  (t) => [
    uniqueIndex("conflicts_application_reviewer").on(t.applicationId, t.reviewerUserId),
    index("conflicts_round").on(t.tenantId, t.roundId, t.status),
  ],
);

/**
 * 评分表: one reviewer's form for one application at one stage. Its totals are kept on write (from its own
 * scores), so results and rankings never re-add the score rows.
 */
export const scoreForms = sqliteTable(
  "score_forms",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    roundId: text("round_id")
      .notNull()
      .references(() => rounds.id),
    applicationId: text("application_id")
      .notNull()
      .references(() => applications.id),
    stage: text("stage", { enum: STAGES }).notNull(),
    reviewerUserId: text("reviewer_user_id")
      .notNull()
      .references(() => users.id),
    status: text("status", { enum: FORM_STATUSES }).notNull().default("draft"),
    /** Optimistic-locking counter: each save names the version it started from. */
    version: integer("version").notNull().default(1),
    base: real("base").notNull().default(0),
    bonus: real("bonus").notNull().default(0),
    deduction: real("deduction").notNull().default(0),
    total: real("total").notNull().default(0),
    /** JSON { methods: { onsite: n, … }, categories: { code: n, … } }: the tie-break keys of this form. */
    subtotals: text("subtotals").notNull().default("{}"),
    /** JSON [{ ruleId, reason }]: 一票否决 findings; a submitted form's findings veto the application. */
    vetoFindings: text("veto_findings").notNull().default("[]"),
    submittedAt: text("submitted_at"),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("score_forms_application_stage_reviewer").on(t.applicationId, t.stage, t.reviewerUserId),
    index("score_forms_round_stage_reviewer").on(t.tenantId, t.roundId, t.stage, t.reviewerUserId),
  ],
);

/** One item's score on a form: points (0..max) or a grade, and the reviewer's comment. */
export const scores = sqliteTable(
  "scores",
  {
    formId: text("form_id")
      .notNull()
      .references(() => scoreForms.id),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    applicationId: text("application_id")
      .notNull()
      .references(() => applications.id),
    itemCode: text("item_code").notNull(),
    points: real("points"),
    grade: text("grade"),
    comment: text("comment").notNull().default(""),
  },
  (t) => [primaryKey({ columns: [t.formId, t.itemCode] })],
);

/**
 * An application's result at one stage, kept up to date by the batch that saves any of its forms: the
 * submitted panel's totals, their aggregate by the round's mode, the tie-break keys, and whether it is vetoed.
 * Rankings read these rows and never the scores.
 */
export const applicationResults = sqliteTable(
  "application_results",
  {
    applicationId: text("application_id")
      .notNull()
      .references(() => applications.id),
    stage: text("stage", { enum: STAGES }).notNull(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    roundId: text("round_id")
      .notNull()
      .references(() => rounds.id),
    /** JSON array of the submitted forms' totals, ascending. */
    reviewerTotals: text("reviewer_totals").notNull().default("[]"),
    reviewers: integer("reviewers").notNull().default(0),
    /** Null until a form is submitted; includes `extraPoints`, rounded to 2 decimals. */
    aggregate: real("aggregate"),
    /** Points from no reviewer (a survey, mutual assessment); 0 until such a source exists. */
    extraPoints: real("extra_points").notNull().default(0),
    /** Tie-break keys: panel means of the method subtotals, the first category and the deductions. */
    onsite: real("onsite").notNull().default(0),
    material: real("material").notNull().default(0),
    survey: real("survey").notNull().default(0),
    online: real("online").notNull().default(0),
    firstCategory: real("first_category").notNull().default(0),
    deduction: real("deduction").notNull().default(0),
    /** A submitted form's veto finding or a department's reported veto. */
    vetoed: integer("vetoed", { mode: "boolean" }).notNull().default(false),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.applicationId, t.stage] }),
    index("application_results_round_rank").on(t.tenantId, t.roundId, t.stage, t.vetoed, t.aggregate),
  ],
);

/** Calibrated mode: each reviewer's fitted offset b(r) at a stage (harsh < 0 < lenient), as of `fittedAt`. */
export const reviewerOffsets = sqliteTable(
  "reviewer_offsets",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    roundId: text("round_id")
      .notNull()
      .references(() => rounds.id),
    stage: text("stage", { enum: STAGES }).notNull(),
    reviewerUserId: text("reviewer_user_id")
      .notNull()
      .references(() => users.id),
    offset: real("offset").notNull(),
    applications: integer("applications").notNull(),
    /** Fewer than 3 applications: offset kept at 0 and the reviewer flagged. */
    flagged: integer("flagged", { mode: "boolean" }).notNull().default(false),
    fittedAt: text("fitted_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.stage, t.reviewerUserId] })],
);

/** 部门意见: a department's confirmation that no veto condition in its field applies, or the veto it reports. */
export const signoffs = sqliteTable(
  "signoffs",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    roundId: text("round_id")
      .notNull()
      .references(() => rounds.id),
    applicationId: text("application_id")
      .notNull()
      .references(() => applications.id),
    department: text("department").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    verdict: text("verdict", { enum: SIGNOFF_VERDICTS }).notNull(),
    reason: text("reason"),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("signoffs_application_department").on(t.applicationId, t.department),
    index("signoffs_round").on(t.tenantId, t.roundId, t.department),
  ],
);

/**
 * A change to a submitted form after its stage closed: proposed with a reason by the form's reviewer, applied
 * only when a second reviewer approves. Both steps are audited on the application's history.
 */
export const scoreChanges = sqliteTable(
  "score_changes",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    roundId: text("round_id")
      .notNull()
      .references(() => rounds.id),
    applicationId: text("application_id")
      .notNull()
      .references(() => applications.id),
    formId: text("form_id")
      .notNull()
      .references(() => scoreForms.id),
    proposedBy: text("proposed_by").notNull(),
    reason: text("reason").notNull(),
    /** JSON: the form's items and veto findings as proposed. */
    proposal: text("proposal").notNull(),
    /** The form version the proposal was made against: approval fails if the form moved on. */
    formVersion: integer("form_version").notNull(),
    status: text("status", { enum: SCORE_CHANGE_STATUSES }).notNull().default("pending"),
    decidedBy: text("decided_by"),
    decisionReason: text("decision_reason"),
    createdAt: createdAt(),
    decidedAt: text("decided_at"),
  },
  (t) => [index("score_changes_round").on(t.tenantId, t.roundId, t.status)],
);

/**
 * 公示: a round's shortlist published for objections, one per round. The window runs from 00:00 Beijing time on
 * `startsOn` to 24:00 on `endsOn`; `startsAt` / `endsAt` hold those instants in UTC for comparisons.
 */
export const notices = sqliteTable(
  "notices",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    roundId: text("round_id")
      .notNull()
      .references(() => rounds.id),
    title: text("title").notNull(),
    /** YYYY-MM-DD, Beijing dates: the first and the last day of the window. */
    startsOn: text("starts_on").notNull(),
    endsOn: text("ends_on").notNull(),
    /** UTC instants of the window's start and end. */
    startsAt: text("starts_at").notNull(),
    endsAt: text("ends_at").notNull(),
    /** How to reach the office with an objection (phone, address, e-mail), as printed on the notice. */
    contact: text("contact").notNull(),
    /** The issuing office as printed under the notice. */
    issuer: text("issuer").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("notices_round").on(t.tenantId, t.roundId)],
);

/** A unit on a notice; its id is the public `entryId` objections name. */
export const noticeEntries = sqliteTable(
  "notice_entries",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    noticeId: text("notice_id")
      .notNull()
      .references(() => notices.id),
    roundId: text("round_id")
      .notNull()
      .references(() => rounds.id),
    applicationId: text("application_id")
      .notNull()
      .references(() => applications.id),
    unitId: text("unit_id")
      .notNull()
      .references(() => units.id),
    /** Order on the notice (the ranking's order). */
    position: integer("position").notNull(),
    status: text("status", { enum: NOTICE_ENTRY_STATUSES }).notNull().default("listed"),
    /** Why it left the shortlist (an upheld objection's finding). */
    removedReason: text("removed_reason"),
    removedAt: text("removed_at"),
  },
  (t) => [
    uniqueIndex("notice_entries_application").on(t.tenantId, t.applicationId),
    index("notice_entries_notice").on(t.noticeId, t.position),
  ],
);

/**
 * 异议: lodged by anyone during notice, about one entry. `reference` is what the person keeps to look it up;
 * `notes` are the handler's and never leave the office; `reply` is what the lookup shows once decided.
 */
export const objections = sqliteTable(
  "objections",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    roundId: text("round_id")
      .notNull()
      .references(() => rounds.id),
    entryId: text("entry_id")
      .notNull()
      .references(() => noticeEntries.id),
    reference: text("reference").notNull().unique(),
    text: text("text").notNull(),
    name: text("name"),
    contact: text("contact").notNull(),
    /** Lodged in a unit's name (以单位名义): the unit, and the statement that the letter carries its seal. */
    onBehalfOfUnit: text("on_behalf_of_unit"),
    sealStatement: text("seal_statement"),
    /** Hash of the entry and the normalised text: the same objection lodged twice is one objection. */
    fingerprint: text("fingerprint").notNull(),
    status: text("status", { enum: OBJECTION_STATUSES }).notNull().default("received"),
    assigneeUserId: text("assignee_user_id").references(() => users.id),
    notes: text("notes").notNull().default(""),
    /** The recorded finding (调查结论): why upheld or not. */
    finding: text("finding"),
    /** What the person sees on lookup once decided. */
    reply: text("reply"),
    lodgedAt: text("lodged_at").notNull(),
    decidedAt: text("decided_at"),
    decidedBy: text("decided_by"),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("objections_fingerprint").on(t.tenantId, t.entryId, t.fingerprint),
    index("objections_round_status").on(t.tenantId, t.roundId, t.status),
  ],
);

/** A title's history (动态管理), as its unit's public page shows it: every status change, with its public reason. */
export const awardEvents = sqliteTable(
  "award_events",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    awardId: text("award_id")
      .notNull()
      .references(() => awards.id),
    unitId: text("unit_id")
      .notNull()
      .references(() => units.id),
    kind: text("kind", { enum: AWARD_EVENT_KINDS }).notNull(),
    /** Internal reason (the office's record). */
    reason: text("reason"),
    /** The reason shown publicly (required for revoked, warned and lapsed). */
    publicReason: text("public_reason"),
    /** A warning's deadline to fix (YYYY-MM-DD). */
    deadline: text("deadline"),
    /** The re-check or selection round it came from; null when applied between rounds. */
    roundId: text("round_id").references(() => rounds.id),
    /** YYYY-MM-DD, Beijing: the day it took effect. */
    effectiveOn: text("effective_on").notNull(),
    actorUserId: text("actor_user_id").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("award_events_unit").on(t.tenantId, t.unitId, t.effectiveOn),
    index("award_events_award").on(t.awardId),
  ],
);

/**
 * 汇报材料: the unit's report in one application, kept as a structured document (title, sections, paragraphs
 * with ids that stay stable across saves, so links to criteria items survive edits). At most one per application;
 * it is locked and returned with its application.
 */
export const applicationReports = sqliteTable("application_reports", {
  applicationId: text("application_id")
    .primaryKey()
    .references(() => applications.id),
  tenantId: text("tenant_id")
    .notNull()
    .references(() => tenants.id),
  /** JSON validated by the ReportContent schema. */
  content: text("content").notNull(),
  /** JSON validated by ReportFigure[]: the counts the unit confirmed or corrected, each with its sentence. */
  figures: text("figures").notNull().default("[]"),
  /** Characters as Chinese users count them (worker/domain/report-length.ts), for the round's length rule. */
  length: integer("length").notNull(),
  updatedBy: text("updated_by").notNull(),
  updatedAt: text("updated_at").notNull(),
});

/** A report paragraph linked by its unit to a criteria item (an accepted suggestion or its own choice). */
export const reportLinks = sqliteTable(
  "report_links",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    applicationId: text("application_id")
      .notNull()
      .references(() => applications.id),
    paragraphId: text("paragraph_id").notNull(),
    itemCode: text("item_code").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.applicationId, t.paragraphId, t.itemCode] }),
    index("report_links_item").on(t.tenantId, t.applicationId, t.itemCode),
  ],
);

/**
 * The office's synonym list for suggesting criteria items: a term units write (道德讲堂) and the words of the
 * criteria it means (道德讲堂建设). Edited as a whole list under tenants.synonyms_version.
 */
export const criteriaSynonyms = sqliteTable(
  "criteria_synonyms",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    term: text("term").notNull(),
    means: text("means").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [uniqueIndex("criteria_synonyms_pair").on(t.tenantId, t.term, t.means)],
);

/**
 * 问卷调查: a round's questionnaire (questions → survey-method items, audience, answer scale), the minimum sample
 * per unit and what an item below it earns, and the window (Beijing days; UTC instants for comparisons).
 */
export const surveys = sqliteTable("surveys", {
  roundId: text("round_id")
    .primaryKey()
    .references(() => rounds.id),
  tenantId: text("tenant_id")
    .notNull()
    .references(() => tenants.id),
  /** JSON validated by the SurveyQuestion[] schema. */
  questions: text("questions").notNull(),
  minAnswers: integer("min_answers").notNull(),
  belowMinimum: text("below_minimum", { enum: BELOW_MINIMUM_RULES }).notNull().default("zero"),
  /** JSON number[]: the least satisfaction rate for each grade of a graded item, in the item's grade order. */
  gradeBands: text("grade_bands").notNull().default("[0.9,0.75,0.6,0]"),
  opensOn: text("opens_on").notNull(),
  closesOn: text("closes_on").notNull(),
  opensAt: text("opens_at").notNull(),
  closesAt: text("closes_at").notNull(),
  version: integer("version").notNull().default(1),
  updatedAt: text("updated_at").notNull(),
});

/**
 * One respondent's questionnaire for one unit. No personal data: the device is a random id the respondent's
 * browser keeps in a signed cookie, the network a keyed hash of its address prefix (for burst flags only).
 */
export const surveyResponses = sqliteTable(
  "survey_responses",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    roundId: text("round_id")
      .notNull()
      .references(() => rounds.id),
    applicationId: text("application_id")
      .notNull()
      .references(() => applications.id),
    deviceHash: text("device_hash").notNull(),
    networkHash: text("network_hash").notNull(),
    /** Seconds from opening the questionnaire to sending it. */
    durationSeconds: integer("duration_seconds").notNull(),
    status: text("status", { enum: SURVEY_RESPONSE_STATUSES }).notNull().default("counted"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("survey_responses_device").on(t.applicationId, t.deviceHash),
    index("survey_responses_round").on(t.tenantId, t.roundId, t.applicationId, t.createdAt),
  ],
);

/** One answer of a response: the option's value on the satisfaction scale (0..1), for the question's item. */
export const surveyAnswers = sqliteTable(
  "survey_answers",
  {
    responseId: text("response_id")
      .notNull()
      .references(() => surveyResponses.id),
    questionId: text("question_id").notNull(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    applicationId: text("application_id")
      .notNull()
      .references(() => applications.id),
    itemCode: text("item_code").notNull(),
    value: real("value").notNull(),
    /** Copied from its response: only counted answers earn points. */
    counted: integer("counted", { mode: "boolean" }).notNull().default(true),
  },
  (t) => [
    primaryKey({ columns: [t.responseId, t.questionId] }),
    index("survey_answers_item").on(t.applicationId, t.itemCode),
  ],
);

/**
 * Points an item earns an application from a source other than its reviewers (the questionnaire, peer units),
 * kept on write by the batch that stores an answer or a peer's score; their sum is the application's
 * `application_results.extra_points`. `enteredPoints` is a reviewer's value for an item below the minimum sample.
 */
export const sourcePoints = sqliteTable(
  "source_points",
  {
    applicationId: text("application_id")
      .notNull()
      .references(() => applications.id),
    itemCode: text("item_code").notNull(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    roundId: text("round_id")
      .notNull()
      .references(() => rounds.id),
    source: text("source", { enum: POINT_SOURCES }).notNull(),
    /** Counted answers (survey) or peers who scored (mutual). */
    answers: integer("answers").notNull().default(0),
    /** Survey: mean satisfaction (0..1); mutual: the (trimmed) mean of the peers' points. Null without answers. */
    rate: real("rate"),
    belowMinimum: integer("below_minimum", { mode: "boolean" }).notNull().default(true),
    enteredPoints: real("entered_points"),
    points: real("points").notNull().default(0),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.applicationId, t.itemCode] }),
    index("source_points_round").on(t.tenantId, t.roundId, t.itemCode),
  ],
);

/** 互评: a round's mutual items, how many peers each unit scores, how peers are grouped, and the window. */
export const mutualAssessments = sqliteTable("mutual_assessments", {
  roundId: text("round_id")
    .primaryKey()
    .references(() => rounds.id),
  tenantId: text("tenant_id")
    .notNull()
    .references(() => tenants.id),
  /** JSON string[]: the criteria items scored by peers. */
  itemCodes: text("item_codes").notNull(),
  peers: integer("peers").notNull(),
  groupBy: text("group_by", { enum: MUTUAL_GROUPS }).notNull().default("sector"),
  opensOn: text("opens_on").notNull(),
  closesOn: text("closes_on").notNull(),
  opensAt: text("opens_at").notNull(),
  closesAt: text("closes_at").notNull(),
  /** When the Worker last assigned peers; null until it has. */
  assignedAt: text("assigned_at"),
  version: integer("version").notNull().default(1),
  updatedAt: text("updated_at").notNull(),
});

/** A rater application scores a ratee application of its group (never itself). */
export const mutualAssignments = sqliteTable(
  "mutual_assignments",
  {
    raterApplicationId: text("rater_application_id")
      .notNull()
      .references(() => applications.id),
    rateeApplicationId: text("ratee_application_id")
      .notNull()
      .references(() => applications.id),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    roundId: text("round_id")
      .notNull()
      .references(() => rounds.id),
    submittedAt: text("submitted_at"),
  },
  (t) => [
    primaryKey({ columns: [t.raterApplicationId, t.rateeApplicationId] }),
    index("mutual_assignments_ratee").on(t.rateeApplicationId),
    index("mutual_assignments_round").on(t.tenantId, t.roundId),
  ],
);

/** The points a rater gave a ratee on one mutual item. */
export const mutualScores = sqliteTable(
  "mutual_scores",
  {
    raterApplicationId: text("rater_application_id")
      .notNull()
      .references(() => applications.id),
    rateeApplicationId: text("ratee_application_id")
      .notNull()
      .references(() => applications.id),
    itemCode: text("item_code").notNull(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    points: real("points").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.raterApplicationId, t.rateeApplicationId, t.itemCode] }),
    index("mutual_scores_ratee").on(t.rateeApplicationId, t.itemCode),
  ],
);

/** Keys the Worker signs with (the survey's device cookie), made at migration time, one per purpose. */
export const signingKeys = sqliteTable("signing_keys", {
  purpose: text("purpose").primaryKey(),
  key: text("key").notNull(),
});
