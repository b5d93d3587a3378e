import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { BatchItem, BatchResponse } from "drizzle-orm/batch";
import { alias } from "drizzle-orm/sqlite-core";
import {
  applications,
  assignments,
  conflicts,
  jurisdictions,
  memberships,
  scoreForms,
  units,
  users,
} from "../../db/schema.ts";
import { type DerivedConflict, derivedConflict } from "../domain/scoring/conflicts.ts";
import type { ConflictStatus, JurisdictionLevel, Stage } from "../domain/vocabulary.ts";
import { ApiError } from "../errors.ts";
import { type Db, newId, nowIso } from "./db.ts";
import type { Scope } from "./scope.ts";
import type { ApplicationRef } from "./unit-access.ts";

// Review panels (评审组) and conflicts (回避): who sits on an application's panel at each stage, who may, and
// the conflicts that keep a reviewer off it. Statements for batches; the routes put them together.

const affiliation = alias(units, "affiliation");

/** What an application's scoring needs beyond `applicationLookup`: its unit's 主管部门 and city, its path. */
export function scoringApplication(db: Db, app: ApplicationRef) {
  return db
    .select({
      id: applications.id,
      roundId: applications.roundId,
      unitId: applications.unitId,
      unitName: units.name,
      parentBody: units.parentBody,
      cityId: units.cityId,
      path: applications.jurisdictionPath,
      status: applications.status,
      submittedAt: applications.submittedAt,
    })
    .from(applications)
    .innerJoin(units, eq(units.id, applications.unitId))
    .where(and(eq(applications.tenantId, app.tenantId), eq(applications.id, app.id), app.inScope))
    .limit(1);
}

export type ScoringApplication = Awaited<ReturnType<typeof scoringApplication>>[number];

export function scoringApplicationFound(rows: ScoringApplication[]): ScoringApplication {
  const [app] = rows;
  if (!app) throw new ApiError("not_found");
  return app;
}

const reviewerColumns = {
  id: users.id,
  name: users.displayName,
  path: jurisdictions.path,
  level: jurisdictions.level,
  unitId: affiliation.id,
  parentBody: affiliation.parentBody,
  cityId: affiliation.cityId,
};

/** A reviewer of the tenant: where they sit (their scope node) and the unit they work in (回避). */
export interface ReviewerFacts {
  id: string;
  name: string;
  path: string | null;
  level: JurisdictionLevel | null;
  unitId: string | null;
  parentBody: string | null;
  cityId: string | null;
}

/** The tenant's active reviewers (active accounts), optionally only these user ids (one JSON parameter). */
export function tenantReviewers(db: Db, scope: Pick<Scope, "tenantId">, onlyIds?: readonly string[]) {
  const conditions: SQL[] = [
    eq(memberships.tenantId, scope.tenantId),
    eq(memberships.role, "reviewer"),
    eq(memberships.status, "active"),
    eq(users.status, "active"),
  ];
  if (onlyIds) conditions.push(sql`${users.id} in (select value from json_each(${JSON.stringify(onlyIds)}))`);
  return db
    .select(reviewerColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(jurisdictions, eq(jurisdictions.id, memberships.jurisdictionId))
    .leftJoin(affiliation, eq(affiliation.id, memberships.affiliationUnitId))
    .where(and(...conditions))
    .orderBy(asc(users.id));
}

/** The caller's own reviewer facts (no row unless they are an active reviewer of the tenant). */
export function reviewerSelf(db: Db, scope: Pick<Scope, "tenantId" | "userId">) {
  return db
    .select(reviewerColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(jurisdictions, eq(jurisdictions.id, memberships.jurisdictionId))
    .leftJoin(affiliation, eq(affiliation.id, memberships.affiliationUnitId))
    .where(
      and(
        eq(memberships.tenantId, scope.tenantId),
        eq(memberships.userId, scope.userId),
        eq(memberships.role, "reviewer"),
        eq(memberships.status, "active"),
      ),
    )
    .limit(1);
}

/**
 * Whether a reviewer's scope covers an application at a stage: at the city stage a reviewer below the province
 * root whose node holds the application; at the provincial stage a reviewer at the province root.
 */
export function stageCovers(
  stage: Stage,
  reviewer: Pick<ReviewerFacts, "path" | "level">,
  applicationPath: string,
): boolean {
  if (!reviewer.path || !reviewer.level || !applicationPath.startsWith(reviewer.path)) return false;
  return stage === "city" ? reviewer.level !== "province" : reviewer.level === "province";
}

export interface ReviewOptions {
  avoidSameParentBody: boolean;
  avoidOwnCityAtProvince: boolean;
}

/** Why a reviewer may not score an application at a stage: a derived conflict, a declared one, or none. */
export type ConflictReason = DerivedConflict | "declared";

/** Declared conflicts that keep a reviewer off (declared and awaiting the round owner, or accepted). */
export const BLOCKING_CONFLICTS: readonly ConflictStatus[] = ["declared", "accepted"];

export function conflictReason(
  reviewer: ReviewerFacts,
  app: Pick<ScoringApplication, "unitId" | "parentBody" | "cityId">,
  stage: Stage,
  options: ReviewOptions,
  declared: ConflictStatus | null,
): ConflictReason | null {
  const derived = derivedConflict(
    { unitId: reviewer.unitId, parentBody: reviewer.parentBody, cityId: reviewer.cityId },
    { id: app.unitId, parentBody: app.parentBody, cityId: app.cityId },
    stage,
    options,
  );
  if (derived) return derived;
  return declared && BLOCKING_CONFLICTS.includes(declared) ? "declared" : null;
}

// ─── Reading a panel ─────────────────────────────────────────────────────────────────────────────────

/** Every seat of the application's panels (both stages) with the reviewer's name and form status. */
export function panelSeats(db: Db, app: ApplicationRef) {
  return db
    .select({
      stage: assignments.stage,
      reviewerId: assignments.reviewerUserId,
      reviewerName: users.displayName,
      status: assignments.status,
      exemptReason: assignments.exemptReason,
      formStatus: scoreForms.status,
    })
    .from(assignments)
    .innerJoin(users, eq(users.id, assignments.reviewerUserId))
    .leftJoin(
      scoreForms,
      and(
        eq(scoreForms.applicationId, assignments.applicationId),
        eq(scoreForms.stage, assignments.stage),
        eq(scoreForms.reviewerUserId, assignments.reviewerUserId),
      ),
    )
    .where(and(eq(assignments.tenantId, app.tenantId), eq(assignments.applicationId, app.id), app.inScope))
    .orderBy(asc(assignments.stage), asc(assignments.createdAt), asc(users.displayName));
}

/** Conflicts declared on the application, with the reviewer's name, oldest first. */
export function applicationConflicts(db: Db, app: ApplicationRef) {
  return db
    .select({
      id: conflicts.id,
      reviewerId: conflicts.reviewerUserId,
      reviewerName: users.displayName,
      reason: conflicts.reason,
      status: conflicts.status,
      decisionReason: conflicts.decisionReason,
      createdAt: conflicts.createdAt,
    })
    .from(conflicts)
    .innerJoin(users, eq(users.id, conflicts.reviewerUserId))
    .where(and(eq(conflicts.tenantId, app.tenantId), eq(conflicts.applicationId, app.id), app.inScope))
    .orderBy(asc(conflicts.createdAt), asc(conflicts.id));
}

/** The panel of one application, as statements: read alone, or at the end of a write's batch. */
export function panelStatements(db: Db, app: ApplicationRef) {
  return [scoringApplication(db, app), panelSeats(db, app), applicationConflicts(db, app)] as const;
}

/** The API's PanelView from what `panelStatements` read (404 when the application is not in scope). */
export function panelView([appRows, seats, declared]: BatchResponse<ReturnType<typeof panelStatements>>) {
  const app = scoringApplicationFound(appRows);
  const stages: Stage[] = ["city", "province"];
  return {
    applicationId: app.id,
    panels: stages.map((stage) => ({
      stage,
      members: seats
        .filter((s) => s.stage === stage)
        .map((s) => ({
          reviewer: { id: s.reviewerId, name: s.reviewerName },
          status: s.status,
          formStatus: s.formStatus,
          exemptReason: s.exemptReason,
        })),
    })),
    conflicts: declared.map((c) => ({
      id: c.id,
      reviewer: { id: c.reviewerId, name: c.reviewerName },
      reason: c.reason,
      status: c.status,
      decisionReason: c.decisionReason,
      createdAt: c.createdAt,
    })),
  };
}

// ─── Writing a panel ─────────────────────────────────────────────────────────────────────────────────

/**
 * Sets an application's panel at a stage to exactly these reviewers: each seated (a removed seat reactivated,
 * an exempt one left exempt), everyone else's seat marked removed — their form and scores are kept.
 */
export function panelSet(
  db: Db,
  scope: Pick<Scope, "tenantId" | "userId">,
  app: { id: string; roundId: string },
  stage: Stage,
  reviewerIds: readonly string[],
): BatchItem<"sqlite">[] {
  const now = nowIso();
  const seats = JSON.stringify(reviewerIds.map((id) => [newId(), id]));
  const others = sql`${assignments.reviewerUserId} not in (select value from json_each(${JSON.stringify(reviewerIds)}))`;
  return [
    // With raw SQL, drizzle inserts into the table's columns in schema order: the select follows that order.
    db
      .insert(assignments)
      .select(
        sql`select json_extract(value, '$[0]'), ${scope.tenantId}, ${app.roundId}, ${app.id}, ${stage},
          json_extract(value, '$[1]'), 'active', null, ${scope.userId}, ${now}, ${now}
          from json_each(${seats}) where true`,
      )
      .onConflictDoUpdate({
        target: [assignments.applicationId, assignments.stage, assignments.reviewerUserId],
        set: { status: "active", updatedAt: now },
        setWhere: eq(assignments.status, "removed"),
      }),
    db
      .update(assignments)
      .set({ status: "removed", updatedAt: now })
      .where(
        and(
          eq(assignments.tenantId, scope.tenantId),
          eq(assignments.applicationId, app.id),
          eq(assignments.stage, stage),
          inArray(assignments.status, ["active", "exempt"]),
          others,
        ),
      ),
  ];
}

/** Seats per statement of an automatic assignment: one JSON parameter each, far below D1's statement size. */
const SEATS_PER_STATEMENT = 500;

/** New seats of an automatic assignment, inserted from JSON (a seat that exists meanwhile is left as it is). */
export function seatsInsert(
  db: Db,
  scope: Pick<Scope, "tenantId" | "userId">,
  roundId: string,
  stage: Stage,
  seats: ReadonlyArray<{ applicationId: string; reviewerId: string }>,
): BatchItem<"sqlite">[] {
  const now = nowIso();
  const statements: BatchItem<"sqlite">[] = [];
  for (let i = 0; i < seats.length; i += SEATS_PER_STATEMENT) {
    const chunk = JSON.stringify(
      seats.slice(i, i + SEATS_PER_STATEMENT).map((s) => [newId(), s.applicationId, s.reviewerId]),
    );
    statements.push(
      db
        .insert(assignments)
        .select(
          sql`select json_extract(value, '$[0]'), ${scope.tenantId}, ${roundId}, json_extract(value, '$[1]'),
            ${stage}, json_extract(value, '$[2]'), 'active', null, ${scope.userId}, ${now}, ${now}
            from json_each(${chunk}) where true`,
        )
        .onConflictDoNothing(),
    );
  }
  return statements;
}

/** The round's applications a stage scores (city: submitted; province: recommended by their city). */
export function stageApplications(db: Db, scope: Pick<Scope, "tenantId">, roundId: string, stage: Stage) {
  return db
    .select({
      id: applications.id,
      unitId: applications.unitId,
      unitName: units.name,
      parentBody: units.parentBody,
      cityId: units.cityId,
      path: applications.jurisdictionPath,
    })
    .from(applications)
    .innerJoin(units, eq(units.id, applications.unitId))
    .where(
      and(
        eq(applications.tenantId, scope.tenantId),
        eq(applications.roundId, roundId),
        eq(applications.status, stage === "city" ? "submitted" : "city_recommended"),
      ),
    )
    .orderBy(asc(applications.id));
}

/** Every seat of a round's panels at a stage (any status). */
export function roundSeats(db: Db, scope: Pick<Scope, "tenantId">, roundId: string, stage: Stage) {
  return db
    .select({
      applicationId: assignments.applicationId,
      reviewerId: assignments.reviewerUserId,
      status: assignments.status,
    })
    .from(assignments)
    .where(
      and(eq(assignments.tenantId, scope.tenantId), eq(assignments.roundId, roundId), eq(assignments.stage, stage)),
    );
}

/** The round's declared conflicts that keep reviewers off (declared or accepted). */
export function roundBlockingConflicts(db: Db, scope: Pick<Scope, "tenantId">, roundId: string) {
  return db
    .select({ applicationId: conflicts.applicationId, reviewerId: conflicts.reviewerUserId })
    .from(conflicts)
    .where(
      and(
        eq(conflicts.tenantId, scope.tenantId),
        eq(conflicts.roundId, roundId),
        inArray(conflicts.status, [...BLOCKING_CONFLICTS]),
      ),
    );
}

/** Excuses an assigned (active) reviewer from submitting, with the round owner's reason (0 rows = not active). */
export function seatExempt(
  db: Db,
  scope: Pick<Scope, "tenantId">,
  app: ApplicationRef,
  stage: Stage,
  reviewerId: string,
  reason: string,
) {
  return db
    .update(assignments)
    .set({ status: "exempt", exemptReason: reason, updatedAt: nowIso() })
    .where(
      and(
        eq(assignments.tenantId, scope.tenantId),
        eq(assignments.applicationId, app.id),
        eq(assignments.stage, stage),
        eq(assignments.reviewerUserId, reviewerId),
        eq(assignments.status, "active"),
        app.inScope,
      ),
    );
}

// ─── Conflicts ───────────────────────────────────────────────────────────────────────────────────────

/** The caller's own declared conflict on the application (one row at most). */
export function ownConflict(db: Db, scope: Pick<Scope, "userId">, app: ApplicationRef) {
  return db
    .select({ id: conflicts.id, status: conflicts.status })
    .from(conflicts)
    .where(
      and(
        eq(conflicts.tenantId, app.tenantId),
        eq(conflicts.applicationId, app.id),
        eq(conflicts.reviewerUserId, scope.userId),
        app.inScope,
      ),
    )
    .limit(1);
}

/** A reviewer declares (or declares again, after an override) a conflict on an application, with a reason. */
export function conflictDeclare(
  db: Db,
  scope: Pick<Scope, "tenantId" | "userId">,
  app: { id: string; roundId: string },
  reason: string,
) {
  const now = nowIso();
  return db
    .insert(conflicts)
    .values({
      id: newId(),
      tenantId: scope.tenantId,
      roundId: app.roundId,
      applicationId: app.id,
      reviewerUserId: scope.userId,
      reason,
      status: "declared",
      createdAt: now,
    })
    .onConflictDoUpdate({
      target: [conflicts.applicationId, conflicts.reviewerUserId],
      set: { reason, status: "declared", decidedBy: null, decisionReason: null, decidedAt: null, createdAt: now },
    });
}

/** One conflict of the application, for the round owner's decision. */
export function conflictLookup(db: Db, app: ApplicationRef, conflictId: string) {
  return db
    .select({ id: conflicts.id, reviewerId: conflicts.reviewerUserId, status: conflicts.status })
    .from(conflicts)
    .where(
      and(
        eq(conflicts.tenantId, app.tenantId),
        eq(conflicts.applicationId, app.id),
        eq(conflicts.id, conflictId),
        app.inScope,
      ),
    )
    .limit(1);
}

/**
 * The round owner's decision on a conflict, guarded by the status they saw; accepting takes the reviewer off
 * the application's panels (their seats become removed, their forms kept), only if the decision happened.
 */
export function conflictDecide(
  db: Db,
  scope: Pick<Scope, "tenantId" | "userId">,
  app: ApplicationRef,
  conflict: { id: string; reviewerId: string; status: ConflictStatus },
  to: "accepted" | "overridden",
  reason: string,
) {
  const now = nowIso();
  const guard = db
    .update(conflicts)
    .set({ status: to, decidedBy: scope.userId, decisionReason: reason, decidedAt: now })
    .where(
      and(
        eq(conflicts.tenantId, scope.tenantId),
        eq(conflicts.applicationId, app.id),
        eq(conflicts.id, conflict.id),
        eq(conflicts.status, conflict.status),
        app.inScope,
      ),
    );
  const after: BatchItem<"sqlite">[] =
    to === "accepted"
      ? [
          db
            .update(assignments)
            .set({ status: "removed", updatedAt: now })
            .where(
              and(
                eq(assignments.tenantId, scope.tenantId),
                eq(assignments.applicationId, app.id),
                eq(assignments.reviewerUserId, conflict.reviewerId),
                eq(assignments.status, "active"),
                sql`exists (select 1 from ${conflicts} where ${conflicts.id} = ${conflict.id}
                  and ${conflicts.status} = 'accepted' and ${conflicts.decidedAt} = ${now})`,
              ),
            ),
        ]
      : [];
  return { guard, after };
}
