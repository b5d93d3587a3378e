// 互评: a round's peer assignment, each rater's scores, and what the peers gave each unit. Statements for batches;
// worker/routes/mutual.ts puts them together. A rater's form is reached only through its application's ref.
import { and, asc, count, eq, exists, isNotNull, isNull, ne, not, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { alias } from "drizzle-orm/sqlite-core";
import {
  applications,
  jurisdictions,
  mutualAssessments,
  mutualAssignments,
  mutualScores,
  scoreForms,
  sectors,
  sourcePoints,
  units,
} from "../../db/schema.ts";
import type { PeerPair } from "../domain/mutual-assignment.ts";
import type { MutualGroup } from "../domain/vocabulary.ts";
import { MAX_BOUND_PARAMETERS } from "./chunk.ts";
import { insertWhere } from "./conditional.ts";
import { type Db, nowIso } from "./db.ts";
import { applicationsInScope, type Scope } from "./scope.ts";
import type { ApplicationRef } from "./unit-access.ts";

const raterApp = alias(applications, "rater_app");
const raterUnit = alias(units, "rater_unit");
const city = alias(jurisdictions, "city");

type Tenant = Pick<Scope, "tenantId">;

/** Whether any reviewer score form of the round exists: from then on its sourced items are fixed. */
export function roundScoreFormExists(db: Db, scope: Tenant, roundId: string) {
  return db
    .select({ id: scoreForms.id })
    .from(scoreForms)
    .where(and(eq(scoreForms.tenantId, scope.tenantId), eq(scoreForms.roundId, roundId)))
    .limit(1);
}

/** Whether any peer score of the round exists: from then on the assignment is fixed. */
export function roundMutualScoreExists(db: Db, scope: Tenant, roundId: string) {
  return db
    .select({ rater: mutualScores.raterApplicationId })
    .from(mutualScores)
    .innerJoin(applications, eq(applications.id, mutualScores.raterApplicationId))
    .where(and(eq(mutualScores.tenantId, scope.tenantId), eq(applications.roundId, roundId)))
    .limit(1);
}

/** How many pairs the round's assignment holds. */
export function roundAssignmentCount(db: Db, scope: Tenant, roundId: string) {
  return db
    .select({ n: count() })
    .from(mutualAssignments)
    .where(and(eq(mutualAssignments.tenantId, scope.tenantId), eq(mutualAssignments.roundId, roundId)));
}

export interface MutualSettingsFields {
  itemCodes: string[];
  peers: number;
  groupBy: MutualGroup;
  opensOn: string;
  closesOn: string;
  opensAt: string;
  closesAt: string;
}

const settingsAt = (db: Db, scope: Tenant, roundId: string, version: number) =>
  exists(
    db
      .select({ id: mutualAssessments.roundId })
      .from(mutualAssessments)
      .where(
        and(
          eq(mutualAssessments.tenantId, scope.tenantId),
          eq(mutualAssessments.roundId, roundId),
          eq(mutualAssessments.version, version),
        ),
      ),
  );

/**
 * Saves the settings the caller saw at `version` (0: none yet), as the guard of an audited write: a stale
 * version (or a concurrent first save) changes no row.
 */
export function mutualSettingsSave(
  db: Db,
  scope: Tenant,
  roundId: string,
  version: number,
  fields: MutualSettingsFields,
): BatchItem<"sqlite"> {
  const row = { ...fields, itemCodes: JSON.stringify(fields.itemCodes), updatedAt: nowIso() };
  if (version === 0) {
    const [insert] = insertWhere(
      db,
      mutualAssessments,
      [{ roundId, tenantId: scope.tenantId, ...row, assignedAt: null, version: 1 }],
      not(
        exists(
          db
            .select({ id: mutualAssessments.roundId })
            .from(mutualAssessments)
            .where(eq(mutualAssessments.roundId, roundId)),
        ),
      ),
    );
    return insert as BatchItem<"sqlite">;
  }
  return db
    .update(mutualAssessments)
    .set({ ...row, version: version + 1 })
    .where(
      and(
        eq(mutualAssessments.tenantId, scope.tenantId),
        eq(mutualAssessments.roundId, roundId),
        eq(mutualAssessments.version, version),
      ),
    );
}

/** What an assignment reads: the round's non-withdrawn applications with their unit's sector, city and parent body. */
export function roundRaters(db: Db, scope: Tenant, roundId: string) {
  return db
    .select({
      applicationId: applications.id,
      unitId: units.id,
      sectorId: units.sectorId,
      cityId: units.cityId,
      parentBody: units.parentBody,
    })
    .from(applications)
    .innerJoin(units, eq(units.id, applications.unitId))
    .where(
      and(
        eq(applications.tenantId, scope.tenantId),
        eq(applications.roundId, roundId),
        ne(applications.status, "withdrawn"),
      ),
    )
    .orderBy(asc(applications.id));
}

/**
 * Replaces the round's pairs, guarded by the settings' version and the absence of any peer score: the guard
 * stamps `assigned_at`, and the delete and inserts run only if it did (same stamp, next version).
 */
export function assignmentWrites(db: Db, scope: Tenant, roundId: string, version: number, pairs: PeerPair[]) {
  const stamp = nowIso();
  const unscored = not(
    exists(
      db
        .select({ r: mutualScores.raterApplicationId })
        .from(mutualScores)
        .innerJoin(applications, eq(applications.id, mutualScores.raterApplicationId))
        .where(and(eq(mutualScores.tenantId, scope.tenantId), eq(applications.roundId, roundId))),
    ),
  );
  const assigned = and(
    settingsAt(db, scope, roundId, version + 1),
    exists(
      db
        .select({ id: mutualAssessments.roundId })
        .from(mutualAssessments)
        .where(and(eq(mutualAssessments.roundId, roundId), eq(mutualAssessments.assignedAt, stamp))),
    ),
  ) as SQL;
  return {
    guard: db
      .update(mutualAssessments)
      .set({ assignedAt: stamp, version: version + 1, updatedAt: stamp })
      .where(
        and(
          eq(mutualAssessments.tenantId, scope.tenantId),
          eq(mutualAssessments.roundId, roundId),
          eq(mutualAssessments.version, version),
          unscored,
        ),
      ),
    after: [
      db
        .delete(mutualAssignments)
        .where(and(eq(mutualAssignments.tenantId, scope.tenantId), eq(mutualAssignments.roundId, roundId), assigned)),
      ...insertWhere(
        db,
        mutualAssignments,
        pairs.map((p) => ({ ...p, tenantId: scope.tenantId, roundId, submittedAt: null })),
        assigned,
      ),
    ],
  };
}

// ─── A rater's form ───────────────────────────────────────────────────────────────────────────────

/** The mutual settings of the application's round, through the application's proof of scope. */
export function mutualOfApplication(db: Db, app: ApplicationRef) {
  return db
    .select({
      roundId: mutualAssessments.roundId,
      itemCodes: mutualAssessments.itemCodes,
      closesOn: mutualAssessments.closesOn,
      opensAt: mutualAssessments.opensAt,
      closesAt: mutualAssessments.closesAt,
    })
    .from(mutualAssessments)
    .innerJoin(applications, eq(applications.roundId, mutualAssessments.roundId))
    .where(and(eq(mutualAssessments.tenantId, app.tenantId), eq(applications.id, app.id), app.inScope))
    .limit(1);
}

/** The ratees assigned to the application (as rater), with their unit's name and whether the form is submitted. */
export function ratees(db: Db, app: ApplicationRef) {
  return db
    .select({
      applicationId: mutualAssignments.rateeApplicationId,
      unitName: units.name,
      submittedAt: mutualAssignments.submittedAt,
    })
    .from(mutualAssignments)
    .innerJoin(applications, eq(applications.id, mutualAssignments.rateeApplicationId))
    .innerJoin(units, eq(units.id, applications.unitId))
    .where(
      and(eq(mutualAssignments.tenantId, app.tenantId), eq(mutualAssignments.raterApplicationId, app.id), app.inScope),
    )
    .orderBy(asc(units.name), asc(mutualAssignments.rateeApplicationId));
}

/** The points the application (as rater) gave, draft or submitted. */
export function givenScores(db: Db, app: ApplicationRef) {
  return db
    .select({
      rateeApplicationId: mutualScores.rateeApplicationId,
      itemCode: mutualScores.itemCode,
      points: mutualScores.points,
    })
    .from(mutualScores)
    .where(and(eq(mutualScores.tenantId, app.tenantId), eq(mutualScores.raterApplicationId, app.id), app.inScope));
}

export interface GivenScore {
  rateeApplicationId: string;
  itemCode: string;
  points: number;
}

/** The rater's form is still a draft: no assignment of it is submitted. */
function formOpen(db: Db, app: ApplicationRef): SQL {
  return not(
    exists(
      db
        .select({ r: mutualAssignments.raterApplicationId })
        .from(mutualAssignments)
        .where(and(eq(mutualAssignments.raterApplicationId, app.id), isNotNull(mutualAssignments.submittedAt))),
    ),
  );
}

/** Upserts the rater's points while its form is a draft (a concurrent submit makes them write nothing). */
export function scoresUpsert(db: Db, app: ApplicationRef, scores: readonly GivenScore[]): BatchItem<"sqlite">[] {
  const perStatement = Math.floor(MAX_BOUND_PARAMETERS / 5) - 1;
  const statements: BatchItem<"sqlite">[] = [];
  for (let i = 0; i < scores.length; i += perStatement) {
    const tuples = scores
      .slice(i, i + perStatement)
      .map((s) => sql`(${app.id}, ${s.rateeApplicationId}, ${s.itemCode}, ${app.tenantId}, ${s.points})`);
    // Columns in schema order: rater, ratee, item, tenant, points. The select ends in a WHERE (see upserts).
    statements.push(
      db
        .insert(mutualScores)
        .select(sql`select * from (values ${sql.join(tuples, sql`, `)}) where ${formOpen(db, app)}`)
        .onConflictDoUpdate({
          target: [mutualScores.raterApplicationId, mutualScores.rateeApplicationId, mutualScores.itemCode],
          set: { points: sql`excluded.points` },
        }),
    );
  }
  return statements;
}

/** Submits the rater's form: the guard of the audited write (nothing changes if it was submitted meanwhile). */
export function formSubmit(db: Db, app: ApplicationRef) {
  return db
    .update(mutualAssignments)
    .set({ submittedAt: nowIso() })
    .where(
      and(
        eq(mutualAssignments.tenantId, app.tenantId),
        eq(mutualAssignments.raterApplicationId, app.id),
        isNull(mutualAssignments.submittedAt),
        formOpen(db, app),
      ),
    );
}

// ─── Progress per ratee ───────────────────────────────────────────────────────────────────────────

/** The round's non-withdrawn applications in the caller's scope, as ratees: unit, city and sector names. */
export function progressRatees(db: Db, scope: Scope, roundId: string) {
  return db
    .select({
      applicationId: applications.id,
      unitName: units.name,
      city: city.name,
      sector: sectors.name,
    })
    .from(applications)
    .innerJoin(units, eq(units.id, applications.unitId))
    .leftJoin(city, eq(city.id, units.cityId))
    .leftJoin(sectors, eq(sectors.id, units.sectorId))
    .where(and(applicationsInScope(scope), eq(applications.roundId, roundId), ne(applications.status, "withdrawn")))
    .orderBy(asc(units.name), asc(applications.id));
}

/** Every pair whose ratee is in the caller's scope, with the rater's unit name. */
export function progressPairs(db: Db, scope: Scope, roundId: string) {
  return db
    .select({
      rateeApplicationId: mutualAssignments.rateeApplicationId,
      raterApplicationId: mutualAssignments.raterApplicationId,
      raterName: raterUnit.name,
      submittedAt: mutualAssignments.submittedAt,
    })
    .from(mutualAssignments)
    .innerJoin(applications, eq(applications.id, mutualAssignments.rateeApplicationId))
    .innerJoin(raterApp, eq(raterApp.id, mutualAssignments.raterApplicationId))
    .innerJoin(raterUnit, eq(raterUnit.id, raterApp.unitId))
    .where(and(applicationsInScope(scope), eq(mutualAssignments.roundId, roundId)))
    .orderBy(asc(raterUnit.name));
}

/** The round's mutual source points of ratees in the caller's scope. */
export function progressPoints(db: Db, scope: Scope, roundId: string) {
  return db
    .select({
      applicationId: sourcePoints.applicationId,
      itemCode: sourcePoints.itemCode,
      answers: sourcePoints.answers,
      rate: sourcePoints.rate,
      points: sourcePoints.points,
    })
    .from(sourcePoints)
    .innerJoin(applications, eq(applications.id, sourcePoints.applicationId))
    .where(and(applicationsInScope(scope), eq(sourcePoints.roundId, roundId), eq(sourcePoints.source, "mutual")));
}
