import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { applications, awardEvents, awards, noticeEntries, units } from "../../db/schema.ts";
import type { TitleTerm } from "../domain/title-term.ts";
import { type Db, nowIso } from "./db.ts";
import type { Scope } from "./scope.ts";

// 命名表彰 of a selection round: what remains listed on its notice becomes titles. Set-based (INSERT … SELECT
// from notice_entries), so a round of any size is a fixed handful of statements under D1's parameter cap; each
// statement carries `moved` (the round's guarded move to `named` happened earlier in the batch).

/** A listed entry whose unit a department vetoed meanwhile (sign-offs count until naming) is not named. */
const nameable = (tenantId: string, roundId: string) => sql`e.tenant_id = ${tenantId} and e.round_id = ${roundId}
  and e.status = 'listed'
  and not exists (select 1 from signoffs so where so.application_id = e.application_id and so.verdict = 'veto')`;

/**
 * Units on the round's notice that already hold a title of the level for the term starting in `termStartYear`
 * (one title per unit, level and term): naming would collide with it.
 */
export function namingConflicts(db: Db, scope: Pick<Scope, "tenantId">, roundId: string, termStartYear: number) {
  return db
    .select({ unitId: units.id, unitName: units.name })
    .from(noticeEntries)
    .innerJoin(units, eq(units.id, noticeEntries.unitId))
    .innerJoin(
      awards,
      and(
        eq(awards.tenantId, noticeEntries.tenantId),
        eq(awards.unitId, noticeEntries.unitId),
        sql`${awards.level} = (select r.level from rounds r where r.tenant_id = ${scope.tenantId} and r.id = ${roundId})`,
        eq(awards.termStartYear, termStartYear),
      ),
    )
    .where(
      and(
        eq(noticeEntries.tenantId, scope.tenantId),
        eq(noticeEntries.roundId, roundId),
        eq(noticeEntries.status, "listed"),
      ),
    );
}

export interface Naming {
  namedOn: string;
  documentRef: string;
  term: TitleTerm;
}

/**
 * The titles of a named selection round, its history rows ('named', one per title), its applications awarded
 * (those with a title) or not awarded (every other one still in the running), as statements for `after`.
 */
export function selectionNamingStatements(
  db: Db,
  scope: Scope,
  round: { id: string; level: string },
  naming: Naming,
  moved: SQL,
): BatchItem<"sqlite">[] {
  const t = scope.tenantId;
  const at = nowIso();
  const { term } = naming;
  // With raw SQL, drizzle inserts into the table's columns in schema order: each select follows that order.
  const titles = db.insert(awards).select(
    sql`select lower(hex(randomblob(16))), ${t}, e.unit_id, ${round.level}, ${term.termStartYear},
        ${term.termEndYear}, ${naming.namedOn}, ${term.validUntil}, 'active', ${naming.documentRef}, ${round.id},
        null, null, ${scope.userId}, 1, ${at}
      from notice_entries e where ${nameable(t, round.id)} and ${moved}`,
  );
  const history = db.insert(awardEvents).select(
    sql`select lower(hex(randomblob(16))), ${t}, w.id, w.unit_id, 'named', null, null, null, ${round.id},
        ${naming.namedOn}, ${scope.userId}, ${at}
      from awards w where w.tenant_id = ${t} and w.round_id = ${round.id} and ${moved}
        and not exists (select 1 from award_events x where x.award_id = w.id)`,
  );
  const inRound = and(eq(applications.tenantId, t), eq(applications.roundId, round.id), moved);
  const awarded = db
    .update(applications)
    .set({ status: "awarded", version: sql`${applications.version} + 1`, updatedAt: at })
    .where(
      and(
        inRound,
        inArray(applications.status, ["province_scored", "on_notice"]),
        sql`exists (select 1 from awards w where w.tenant_id = ${t} and w.round_id = ${round.id}
          and w.unit_id = ${applications.unitId})`,
      ),
    );
  const notAwarded = db
    .update(applications)
    .set({ status: "not_awarded", version: sql`${applications.version} + 1`, updatedAt: at })
    .where(and(inRound, inArray(applications.status, ["province_scored", "on_notice"])));
  return [titles, history, awarded, notAwarded];
}
