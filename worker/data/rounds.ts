import { and, asc, desc, eq, exists, ne, type SQL, sql } from "drizzle-orm";
import {
  applications,
  criteriaSystems,
  jurisdictions,
  rounds,
  roundTransitions,
  sectors,
  users,
} from "../../db/schema.ts";
import type { Phase, TitleLevel } from "../domain/vocabulary.ts";
import { ApiError } from "../errors.ts";
import { RoundSettings } from "../schemas/rounds.ts";
import { insertWhere } from "./conditional.ts";
import { criteriaSelect } from "./criteria.ts";
import { type Db, newId, nowIso } from "./db.ts";
import type { Scope } from "./scope.ts";
import type { ApplicationRef } from "./unit-access.ts";

type Settings = ReturnType<typeof RoundSettings.parse>;

const summaryColumns = {
  id: rounds.id,
  title: rounds.title,
  level: rounds.level,
  kind: rounds.kind,
  phase: rounds.phase,
  criteriaSystemId: rounds.criteriaSystemId,
  year: rounds.year,
  version: rounds.version,
};

/**
 * Rounds the caller may see: their tenant's, and for unit staff only from `applications_open` on
 * (a draft is the office's own work in progress).
 */
export function roundsVisible(scope: Pick<Scope, "tenantId" | "role">): SQL {
  const tenant = eq(rounds.tenantId, scope.tenantId);
  return (scope.role === "unit_staff" ? and(tenant, ne(rounds.phase, "draft")) : tenant) as SQL;
}

export async function listRounds(db: Db, scope: Pick<Scope, "tenantId" | "role">) {
  const rows = await db
    .select(summaryColumns)
    .from(rounds)
    .where(roundsVisible(scope))
    .orderBy(desc(rounds.year), asc(rounds.title));
  return rows.map((r) => ({ ...r, level: r.level as TitleLevel }));
}

const roundColumns = { ...summaryColumns, settings: rounds.settings };

/** A visible round with its settings, as one statement of a batch; `roundFound` turns its rows into it or a 404. */
export function roundLookup(db: Db, scope: Pick<Scope, "tenantId" | "role">, id: string) {
  return db
    .select(roundColumns)
    .from(rounds)
    .where(and(roundsVisible(scope), eq(rounds.id, id)))
    .limit(1);
}

/** A visible round's year, as a subquery: what a statement in the same batch as `roundLookup` compares with. */
export function roundYear(db: Db, scope: Pick<Scope, "tenantId" | "role">, id: string): SQL {
  return sql`(${db
    .select({ year: rounds.year })
    .from(rounds)
    .where(and(roundsVisible(scope), eq(rounds.id, id)))})`;
}

type RoundRow = Awaited<ReturnType<typeof roundLookup>>[number];

export function roundFound(rows: RoundRow[]) {
  const [row] = rows;
  if (!row) throw new ApiError("not_found");
  return { ...row, level: row.level as TitleLevel, settings: RoundSettings.parse(JSON.parse(row.settings)) };
}

/** The round an application belongs to, read through the application's proof of scope. */
export function roundOfApplication(db: Db, app: ApplicationRef) {
  return db
    .select(roundColumns)
    .from(rounds)
    .innerJoin(applications, and(eq(applications.roundId, rounds.id), eq(applications.tenantId, rounds.tenantId)))
    .where(and(eq(rounds.tenantId, app.tenantId), eq(applications.id, app.id), app.inScope))
    .limit(1);
}

/** The criteria system of a visible round (rows for `criteriaParsed`), as one statement of a batch. */
export function roundCriteria(db: Db, scope: Pick<Scope, "tenantId" | "role">, roundId: string) {
  return criteriaSelect(db)
    .innerJoin(
      rounds,
      and(eq(rounds.criteriaSystemId, criteriaSystems.id), eq(rounds.tenantId, criteriaSystems.tenantId)),
    )
    .where(and(roundsVisible(scope), eq(rounds.id, roundId)))
    .limit(1);
}

export type RoundRecord = ReturnType<typeof roundFound>;

export function roundTimeline(db: Db, scope: Pick<Scope, "tenantId">, roundId: string) {
  return db
    .select({
      fromPhase: roundTransitions.fromPhase,
      toPhase: roundTransitions.toPhase,
      at: roundTransitions.at,
      actor: users.displayName,
      reason: roundTransitions.reason,
    })
    .from(roundTransitions)
    .leftJoin(users, eq(users.id, roundTransitions.actorUserId))
    .where(and(eq(roundTransitions.tenantId, scope.tenantId), eq(roundTransitions.roundId, roundId)))
    .orderBy(asc(roundTransitions.at));
}

/**
 * The tenant's cities and sectors among those a round's settings name (quota pools, sector channels), as two
 * statements for the write's one read; `settingsProblems` names each id that is not the tenant's own.
 */
export function settingsReferences(db: Db, scope: Pick<Scope, "tenantId">, settings: Settings) {
  const cityIds = settings.quotas.perCity.map((p) => p.cityId);
  const sectorIds = [...settings.quotas.perSector.map((p) => p.sectorId), ...settings.sectorChannels];
  // One JSON parameter, however many ids (D1 binds at most 100 per statement).
  const among = (column: typeof jurisdictions.id | typeof sectors.id, ids: string[]) =>
    sql`${column} in (select value from json_each(${JSON.stringify(ids)}))`;
  return [
    db
      .select({ id: jurisdictions.id })
      .from(jurisdictions)
      .where(
        and(
          eq(jurisdictions.tenantId, scope.tenantId),
          eq(jurisdictions.level, "city"),
          among(jurisdictions.id, cityIds),
        ),
      ),
    db
      .select({ id: sectors.id })
      .from(sectors)
      .where(and(eq(sectors.tenantId, scope.tenantId), among(sectors.id, sectorIds))),
  ] as const;
}

/** A 400's fields for every quota pool or sector channel naming a city or sector the tenant does not have. */
export function settingsProblems(
  settings: Settings,
  cities: ReadonlyArray<{ id: string }>,
  known: ReadonlyArray<{ id: string }>,
): Record<string, string[]> {
  const cityIds = new Set(cities.map((c) => c.id));
  const sectorIds = new Set(known.map((s) => s.id));
  const problems: Record<string, string[]> = {};
  settings.quotas.perCity.forEach((pool, i) => {
    if (!cityIds.has(pool.cityId))
      problems[`settings.quotas.perCity.${i}.cityId`] = ["本文明办辖区内没有该市（州） / no such city in this office"];
  });
  settings.quotas.perSector.forEach((pool, i) => {
    if (!sectorIds.has(pool.sectorId))
      problems[`settings.quotas.perSector.${i}.sectorId`] = ["本文明办没有该系统 / no such sector in this office"];
  });
  settings.sectorChannels.forEach((id, i) => {
    if (!sectorIds.has(id))
      problems[`settings.sectorChannels.${i}`] = ["本文明办没有该系统 / no such sector in this office"];
  });
  return problems;
}

/** What an admin sets on a round; its settings are stored as JSON. */
export type RoundFields = Pick<typeof rounds.$inferSelect, "title" | "level" | "kind" | "year"> & {
  settings: Settings;
};

export function roundInsert(db: Db, scope: Scope, fields: RoundFields & { criteriaSystemId: string }) {
  const id = newId();
  return {
    id,
    statement: db
      .insert(rounds)
      .values({ id, tenantId: scope.tenantId, ...fields, settings: JSON.stringify(fields.settings) }),
  };
}

/** Edits a round only while it is a draft, over the version the editor saw. */
export function roundUpdate(db: Db, scope: Scope, id: string, version: number, fields: RoundFields) {
  return db
    .update(rounds)
    .set({ ...fields, settings: JSON.stringify(fields.settings), version: version + 1 })
    .where(
      and(
        eq(rounds.tenantId, scope.tenantId),
        eq(rounds.id, id),
        eq(rounds.version, version),
        eq(rounds.phase, "draft"),
      ),
    );
}

/** Moves a round one phase on, guarded by the phase and version the caller saw; records the timeline entry. */
export function phaseAdvance(
  db: Db,
  scope: Scope,
  round: { id: string; phase: Phase; version: number },
  to: Phase,
  reason: string | null,
) {
  return {
    guard: db
      .update(rounds)
      .set({ phase: to, version: round.version + 1 })
      .where(
        and(
          eq(rounds.tenantId, scope.tenantId),
          eq(rounds.id, round.id),
          eq(rounds.version, round.version),
          eq(rounds.phase, round.phase),
        ),
      ),
    // Written only if the guarded update happened, so a stale advance leaves no timeline entry.
    timeline: insertWhere(
      db,
      roundTransitions,
      [
        {
          id: newId(),
          tenantId: scope.tenantId,
          roundId: round.id,
          fromPhase: round.phase,
          toPhase: to,
          actorUserId: scope.userId,
          reason,
          at: nowIso(),
        },
      ],
      exists(
        db
          .select({ id: rounds.id })
          .from(rounds)
          .where(
            and(
              eq(rounds.tenantId, scope.tenantId),
              eq(rounds.id, round.id),
              eq(rounds.phase, to),
              eq(rounds.version, round.version + 1),
            ),
          ),
      ),
    ),
  };
}
