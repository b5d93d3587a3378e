import { and, asc, desc, eq, exists } from "drizzle-orm";
import { rounds, roundTransitions, users } from "../../db/schema.ts";
import type { Phase, TitleLevel } from "../domain/vocabulary.ts";
import { RoundSettings } from "../schemas/rounds.ts";
import { insertWhere } from "./conditional.ts";
import { type Db, newId, nowIso } from "./db.ts";
import type { Scope } from "./scope.ts";

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

export async function listRounds(db: Db, scope: Pick<Scope, "tenantId">) {
  const rows = await db
    .select(summaryColumns)
    .from(rounds)
    .where(eq(rounds.tenantId, scope.tenantId))
    .orderBy(desc(rounds.year), asc(rounds.title));
  return rows.map((r) => ({ ...r, level: r.level as TitleLevel }));
}

/** A round of the caller's tenant with its settings, or undefined. */
export async function getRound(db: Db, scope: Pick<Scope, "tenantId">, id: string) {
  const row = await db
    .select({ ...summaryColumns, settings: rounds.settings })
    .from(rounds)
    .where(and(eq(rounds.tenantId, scope.tenantId), eq(rounds.id, id)))
    .get();
  if (!row) return undefined;
  return { ...row, level: row.level as TitleLevel, settings: RoundSettings.parse(JSON.parse(row.settings)) };
}

export type RoundRecord = NonNullable<Awaited<ReturnType<typeof getRound>>>;

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

export interface RoundFields {
  title: string;
  level: TitleLevel;
  kind: "selection" | "recheck";
  year: number;
  settings: Settings;
}

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
          .where(and(eq(rounds.id, round.id), eq(rounds.phase, to), eq(rounds.version, round.version + 1))),
      ),
    ),
  };
}
