import { and, eq, exists, not, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { applicationResults, applications, jurisdictions, rounds, sectors, signoffs, units } from "../../db/schema.ts";
import type { ApplicationStatus } from "../domain/vocabulary.ts";
import { type Db, nowIso } from "./db.ts";
import type { ApplicationRef } from "./unit-access.ts";

// The city's decision on an application (推荐 / 不推荐): what it depends on, read in one batch, and the one
// guarded update that makes it, which re-checks every rule (phase, version, veto, gate, quota) as it writes,
// so two simultaneous recommendations can never take a pool past its quota.

const city = alias(jurisdictions, "city");
const peer = alias(applications, "peer");
const peerUnit = alias(units, "peer_unit");

/** The application as the decision sees it: status, version, channel and the names its quota pool goes by. */
export function decisionFacts(db: Db, app: ApplicationRef) {
  return db
    .select({
      id: applications.id,
      roundId: applications.roundId,
      status: applications.status,
      version: applications.version,
      decisionReason: applications.decisionReason,
      channel: applications.channel,
      channelSectorId: applications.channelSectorId,
      channelSectorName: sectors.name,
      cityId: units.cityId,
      cityName: city.name,
    })
    .from(applications)
    .innerJoin(units, eq(units.id, applications.unitId))
    .leftJoin(city, eq(city.id, units.cityId))
    .leftJoin(sectors, eq(sectors.id, applications.channelSectorId))
    .where(and(eq(applications.tenantId, app.tenantId), eq(applications.id, app.id), app.inScope))
    .limit(1);
}

export type DecisionFacts = Awaited<ReturnType<typeof decisionFacts>>[number];

/** The application's city-stage result (aggregate and veto), if its panel has submitted anything. */
export function cityResult(db: Db, app: ApplicationRef) {
  return db
    .select({ aggregate: applicationResults.aggregate, vetoed: applicationResults.vetoed })
    .from(applicationResults)
    .where(
      and(
        eq(applicationResults.tenantId, app.tenantId),
        eq(applicationResults.applicationId, app.id),
        eq(applicationResults.stage, "city"),
        app.inScope,
      ),
    )
    .limit(1);
}

/** Departments that reported a veto on the application. */
export function vetoSignoffs(db: Db, app: ApplicationRef) {
  return db
    .select({ department: signoffs.department, reason: signoffs.reason })
    .from(signoffs)
    .where(
      and(
        eq(signoffs.tenantId, app.tenantId),
        eq(signoffs.applicationId, app.id),
        eq(signoffs.verdict, "veto"),
        app.inScope,
      ),
    );
}

/**
 * The recommendations already made in the application's natural pool: the same round and channel, and the
 * same city (city channel) or sector (sector channel). Whether that pool has a quota is the round's to say.
 */
export function poolUsage(db: Db, app: ApplicationRef) {
  return db
    .select({ used: sql<number>`count(${peer.id})`.mapWith(Number) })
    .from(applications)
    .innerJoin(units, eq(units.id, applications.unitId))
    .innerJoin(
      peer,
      and(
        eq(peer.tenantId, applications.tenantId),
        eq(peer.roundId, applications.roundId),
        eq(peer.channel, applications.channel),
        eq(peer.status, "city_recommended"),
      ),
    )
    .innerJoin(peerUnit, eq(peerUnit.id, peer.unitId))
    .where(
      and(
        eq(applications.tenantId, app.tenantId),
        eq(applications.id, app.id),
        app.inScope,
        sql`(case ${applications.channel} when 'sector' then ${peer.channelSectorId} = ${applications.channelSectorId}
          else ${peerUnit.cityId} = ${units.cityId} end)`,
      ),
    );
}

/** The statements a decision depends on, for the route's one read batch (and again after a refused write). */
export function decisionReads(db: Db, app: ApplicationRef) {
  return [decisionFacts(db, app), cityResult(db, app), vetoSignoffs(db, app), poolUsage(db, app)] as const;
}

/** How the guarded update counts a pool's recommendations as it writes. */
function poolCount(db: Db, tenantId: string, roundId: string, pool: { kind: "city" | "sector"; id: string }): SQL {
  const member =
    pool.kind === "city"
      ? and(eq(peer.channel, "city"), eq(peerUnit.cityId, pool.id))
      : and(eq(peer.channel, "sector"), eq(peer.channelSectorId, pool.id));
  return sql`(${db
    .select({ n: sql`count(*)` })
    .from(peer)
    .innerJoin(peerUnit, eq(peerUnit.id, peer.unitId))
    .where(and(eq(peer.tenantId, tenantId), eq(peer.roundId, roundId), eq(peer.status, "city_recommended"), member))})`;
}

export interface DecisionChange {
  status: Extract<ApplicationStatus, "city_recommended" | "city_not_recommended">;
  decisionReason: string | null;
}

/**
 * The decision, made only if every rule still holds when it runs: the round is in city review, the application
 * is at the status and version the caller saw, and for a recommendation it is not vetoed, meets the on-site gate
 * and its pool (if the round gives it a quota) has a place left, counted in the same statement.
 */
export function decisionUpdate(
  db: Db,
  app: ApplicationRef,
  seen: { roundId: string; status: ApplicationStatus; version: number },
  change: DecisionChange,
  rules: { gate: number | null; pool: { kind: "city" | "sector"; id: string; quota: number } | null },
) {
  const conditions: SQL[] = [
    eq(applications.tenantId, app.tenantId),
    eq(applications.id, app.id),
    eq(applications.version, seen.version),
    eq(applications.status, seen.status),
    app.inScope,
    exists(
      db
        .select({ id: rounds.id })
        .from(rounds)
        .where(and(eq(rounds.tenantId, app.tenantId), eq(rounds.id, seen.roundId), eq(rounds.phase, "city_review"))),
    ),
  ];
  if (change.status === "city_recommended") {
    const result = (column: typeof applicationResults.aggregate | typeof applicationResults.vetoed) =>
      sql`(${db
        .select({ v: column })
        .from(applicationResults)
        .where(
          and(
            eq(applicationResults.tenantId, app.tenantId),
            eq(applicationResults.applicationId, app.id),
            eq(applicationResults.stage, "city"),
          ),
        )})`;
    conditions.push(
      sql`coalesce(${result(applicationResults.vetoed)}, 0) = 0`,
      not(
        exists(
          db
            .select({ id: signoffs.id })
            .from(signoffs)
            .where(
              and(
                eq(signoffs.tenantId, app.tenantId),
                eq(signoffs.applicationId, app.id),
                eq(signoffs.verdict, "veto"),
              ),
            ),
        ),
      ),
    );
    if (rules.gate !== null) conditions.push(sql`${result(applicationResults.aggregate)} >= ${rules.gate}`);
    if (rules.pool)
      conditions.push(sql`${poolCount(db, app.tenantId, seen.roundId, rules.pool)} < ${rules.pool.quota}`);
  }
  return db
    .update(applications)
    .set({ ...change, version: seen.version + 1, updatedAt: nowIso() })
    .where(and(...conditions));
}

/** Statuses a city decision may start from: submitted, or a decision made earlier in the same city review. */
export const DECIDABLE: readonly ApplicationStatus[] = ["submitted", "city_recommended", "city_not_recommended"];
