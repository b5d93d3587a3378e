import { and, asc, eq, exists, inArray, sql } from "drizzle-orm";
import {
  applicationResults,
  applications,
  awardEvents,
  awards,
  jurisdictions,
  rounds,
  units,
} from "../../db/schema.ts";
import type { AwardStatus } from "../domain/eligibility.ts";
import { OUTCOME_EVENT } from "../domain/title-outcomes.ts";
import type { TitleOutcome } from "../domain/vocabulary.ts";
import { insertWhere } from "./conditional.ts";
import { type Db, newId, nowIso } from "./db.ts";
import { bumpPublicVersion } from "./public-cache.ts";
import { applicationsInScope, type Scope } from "./scope.ts";
import type { ApplicationRef, UnitRef } from "./unit-access.ts";

// 动态管理: outcomes applied to one title at once, and outcomes recorded on a re-check round's applications.

/** What an outcome writes on a title: its new status, warning deadline and public reason. */
export interface TitleChange {
  outcome: TitleOutcome;
  status: AwardStatus;
  warningDeadline: string | null;
  publicReason: string | null;
  /** The office's record (internal). */
  reason: string;
}

/**
 * An outcome applied to a title now: the title's update guarded by the version the caller saw, and after it,
 * only if it happened, the history row; the public version is bumped so cached public lists drop the change.
 */
export function awardOutcomeWrites(
  db: Db,
  scope: Scope,
  unit: UnitRef,
  award: { id: string; version: number },
  change: TitleChange,
  effectiveOn: string,
) {
  const mine = and(eq(awards.tenantId, unit.tenantId), eq(awards.unitId, unit.id), eq(awards.id, award.id));
  const changed = exists(
    db
      .select({ id: awards.id })
      .from(awards)
      .where(and(mine, eq(awards.version, award.version + 1))),
  );
  return {
    guard: db
      .update(awards)
      .set({
        status: change.status,
        warningDeadline: change.warningDeadline,
        publicReason: change.publicReason,
        version: award.version + 1,
      })
      .where(and(mine, eq(awards.version, award.version), unit.inScope)),
    after: [
      ...insertWhere(
        db,
        awardEvents,
        [
          {
            id: newId(),
            tenantId: unit.tenantId,
            awardId: award.id,
            unitId: unit.id,
            kind: OUTCOME_EVENT[change.outcome],
            reason: change.reason,
            publicReason: change.outcome === "keep" || change.outcome === "restore" ? null : change.publicReason,
            deadline: change.outcome === "warn" ? change.warningDeadline : null,
            roundId: null,
            effectiveOn,
            actorUserId: scope.userId,
            createdAt: nowIso(),
          },
        ],
        changed,
      ),
      bumpPublicVersion(db, unit.tenantId),
    ],
  };
}

const outcomeColumns = {
  applicationId: applications.id,
  applicationStatus: applications.status,
  applicationVersion: applications.version,
  titleOutcome: applications.titleOutcome,
  outcomeReason: applications.outcomeReason,
  outcomePublicReason: applications.outcomePublicReason,
  outcomeDeadline: applications.outcomeDeadline,
  unitId: units.id,
  unitName: units.name,
  cityName: jurisdictions.name,
  awardId: awards.id,
  awardLevel: awards.level,
  termStartYear: awards.termStartYear,
  termEndYear: awards.termEndYear,
  awardStatus: awards.status,
  validUntil: awards.validUntil,
  warningDeadline: awards.warningDeadline,
  awardVersion: awards.version,
  aggregate: applicationResults.aggregate,
  vetoed: applicationResults.vetoed,
};

/** Applications joined with their unit, city, title and provincial result, for the re-check views. */
function outcomeSelect(db: Db) {
  return db
    .select(outcomeColumns)
    .from(applications)
    .innerJoin(units, and(eq(units.tenantId, applications.tenantId), eq(units.id, applications.unitId)))
    .leftJoin(jurisdictions, and(eq(jurisdictions.tenantId, units.tenantId), eq(jurisdictions.id, units.cityId)))
    .innerJoin(awards, and(eq(awards.tenantId, applications.tenantId), eq(awards.id, applications.awardId)))
    .leftJoin(
      applicationResults,
      and(eq(applicationResults.applicationId, applications.id), eq(applicationResults.stage, "province")),
    );
}

/** One enrolled application of a re-check round (none if not enrolled or out of the ref's scope). */
export function recheckEntry(db: Db, app: ApplicationRef) {
  return outcomeSelect(db)
    .where(and(eq(applications.tenantId, app.tenantId), eq(applications.id, app.id), app.inScope))
    .limit(1);
}

/** The enrolled applications of a round in the caller's scope, by city and unit name. */
export function recheckEntries(db: Db, scope: Scope, roundId: string) {
  return outcomeSelect(db)
    .where(and(applicationsInScope(scope), eq(applications.roundId, roundId)))
    .orderBy(asc(jurisdictions.name), asc(units.name));
}

export type RecheckRow = Awaited<ReturnType<typeof recheckEntries>>[number];

/** The phases a re-check's outcomes are recorded in: after the province's scoring, until naming. */
export const OUTCOME_PHASES = ["province_review", "notice"] as const;

/** What an application records of its outcome. */
export interface RecordedOutcome {
  outcome: TitleOutcome;
  reason: string;
  publicReason: string | null;
  deadline: string | null;
}

/**
 * Records a re-check application's outcome over the version the caller saw, while its round is still in a
 * phase that records outcomes (so a naming meanwhile cannot be followed by an outcome it never applied).
 */
export function titleOutcomeUpdate(
  db: Db,
  app: ApplicationRef,
  seen: { version: number; roundId: string },
  outcome: RecordedOutcome,
) {
  const open = exists(
    db
      .select({ id: rounds.id })
      .from(rounds)
      .where(
        and(
          eq(rounds.tenantId, app.tenantId),
          eq(rounds.id, seen.roundId),
          eq(rounds.kind, "recheck"),
          inArray(rounds.phase, [...OUTCOME_PHASES]),
        ),
      ),
  );
  return db
    .update(applications)
    .set({
      titleOutcome: outcome.outcome,
      outcomeReason: outcome.reason,
      outcomePublicReason: outcome.publicReason,
      outcomeDeadline: outcome.deadline,
      version: sql`${applications.version} + 1`,
      updatedAt: nowIso(),
    })
    .where(
      and(
        eq(applications.tenantId, app.tenantId),
        eq(applications.id, app.id),
        eq(applications.version, seen.version),
        app.inScope,
        open,
      ),
    );
}
