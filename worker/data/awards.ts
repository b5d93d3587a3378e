import { and, asc, desc, eq } from "drizzle-orm";
import { awardEvents, awards, rounds } from "../../db/schema.ts";
import {
  checkEligibility,
  type EligibilityRule,
  eligibilityDate,
  type HeldAward,
  type HeldStatus,
  isHeldOn,
  requirementText,
} from "../domain/eligibility.ts";
import { beijingToday } from "../domain/record-rules.ts";
import { titleState } from "../domain/title-outcomes.ts";
import type { EligibilityShape } from "../schemas/awards.ts";
import { type Db, newId } from "./db.ts";
import type { Scope } from "./scope.ts";
import type { UnitRef } from "./unit-access.ts";

/** A unit's titles, latest term first, as a statement for the route's batch; none outside the ref's scope. */
export function awardsOfUnit(db: Db, unit: UnitRef) {
  return db
    .select({
      id: awards.id,
      level: awards.level,
      termStartYear: awards.termStartYear,
      termEndYear: awards.termEndYear,
      namedOn: awards.namedOn,
      validUntil: awards.validUntil,
      status: awards.status,
      documentRef: awards.documentRef,
      warningDeadline: awards.warningDeadline,
      publicReason: awards.publicReason,
      version: awards.version,
      roundId: rounds.id,
      roundTitle: rounds.title,
    })
    .from(awards)
    .leftJoin(rounds, and(eq(rounds.tenantId, awards.tenantId), eq(rounds.id, awards.roundId)))
    .where(and(eq(awards.tenantId, unit.tenantId), eq(awards.unitId, unit.id), unit.inScope))
    .orderBy(desc(awards.termStartYear), asc(awards.level));
}

/**
 * The history (award_events) of a unit's titles, oldest first, as a statement for the same batch as
 * `awardsOfUnit`. Its internal reasons are for the office and the unit's own staff, never the public API.
 */
export function awardHistoryOfUnit(db: Db, unit: UnitRef) {
  return db
    .select({
      awardId: awardEvents.awardId,
      kind: awardEvents.kind,
      effectiveOn: awardEvents.effectiveOn,
      reason: awardEvents.reason,
      publicReason: awardEvents.publicReason,
      deadline: awardEvents.deadline,
      eventRoundId: rounds.id,
      eventRoundTitle: rounds.title,
    })
    .from(awardEvents)
    .leftJoin(rounds, and(eq(rounds.tenantId, awardEvents.tenantId), eq(rounds.id, awardEvents.roundId)))
    .where(and(eq(awardEvents.tenantId, unit.tenantId), eq(awardEvents.unitId, unit.id), unit.inScope))
    .orderBy(asc(awardEvents.effectiveOn), asc(awardEvents.createdAt));
}

type AwardRow = Awaited<ReturnType<typeof awardsOfUnit>>[number];
type HistoryRow = Awaited<ReturnType<typeof awardHistoryOfUnit>>[number];

/**
 * The API's view of a title: its round (if any), whether it is held today, its state today (a held title past
 * its valid-until date reads `expired`, with no write) and its history from `history` (the unit's events).
 */
export function awardView({ roundId, roundTitle, ...award }: AwardRow, now: Date, history: readonly HistoryRow[]) {
  const today = beijingToday(now);
  const state = titleState(award, today);
  return {
    ...award,
    round: roundId && roundTitle ? { id: roundId, title: roundTitle } : null,
    held: isHeldOn(award, today),
    state,
    expired: state === "expired",
    history: history
      .filter((e) => e.awardId === award.id)
      .map(({ awardId: _, eventRoundId, eventRoundTitle, ...event }) => ({
        ...event,
        round: eventRoundId && eventRoundTitle ? { id: eventRoundId, title: eventRoundTitle } : null,
      })),
  };
}

/** A title recorded by hand (held from before the system): only a standing one, active or warned. */
export type NewAward = Pick<
  typeof awards.$inferSelect,
  "level" | "termStartYear" | "termEndYear" | "namedOn" | "validUntil" | "documentRef"
> & { status: HeldStatus };

export function awardInsert(db: Db, scope: Scope, unit: UnitRef, award: NewAward) {
  const id = newId();
  return {
    id,
    statement: db
      .insert(awards)
      .values({ id, tenantId: unit.tenantId, unitId: unit.id, ...award, roundId: null, createdBy: scope.userId }),
  };
}

/**
 * A unit's standing against a round's title gate on the round's day (applications open, else today), from
 * the titles it holds (`awardsOfUnit`, read in the route's batch). Flattened for the API: reasons as plain
 * objects, and the requirement in both languages.
 */
export function unitEligibility(
  held: HeldAward[],
  rule: EligibilityRule,
  applicationsOpen: string | null,
  now: Date,
): EligibilityShape {
  const date = eligibilityDate(applicationsOpen, now);
  const result = checkEligibility(rule, rule.requiresTitle ? held : [], date);
  const base = {
    date,
    requiresTitle: rule.requiresTitle,
    orConsecutiveTerms: rule.requiresTitle ? rule.orConsecutiveTerms : null,
    requirement: requirementText(rule),
  };
  if (!result.eligible) return { ...base, eligible: false, basis: null, warned: false, reasons: result.reasons };
  return {
    ...base,
    eligible: true,
    basis: result.basis,
    warned: result.basis === "current_title" && result.warned,
    reasons: [],
  };
}
