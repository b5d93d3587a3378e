import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { applications, jurisdictions, noticeEntries, notices, rounds, sectors, units } from "../../db/schema.ts";
import type { NoticeWindow } from "../domain/notice-window.ts";
import { insertWhere } from "./conditional.ts";
import { type Db, newId } from "./db.ts";
import { applicationsInScope, type Scope } from "./scope.ts";

// 公示: one notice per round with its entries (the shortlist in rank order). Publishing writes them only if the
// round's guarded move to `notice` happened earlier in the same batch (`moved`).

/** The round's notice, as one statement of a batch (no row before the round reaches notice). */
export function noticeOfRound(db: Db, scope: Pick<Scope, "tenantId">, roundId: string) {
  return db
    .select({
      id: notices.id,
      title: notices.title,
      startsOn: notices.startsOn,
      endsOn: notices.endsOn,
      startsAt: notices.startsAt,
      endsAt: notices.endsAt,
      contact: notices.contact,
      issuer: notices.issuer,
    })
    .from(notices)
    .where(and(eq(notices.tenantId, scope.tenantId), eq(notices.roundId, roundId)))
    .limit(1);
}

/** Objections on an entry, all and those still open, as columns. */
const objectionCount = (open: boolean) =>
  sql<number>`(select count(*) from objections o where o.entry_id = ${noticeEntries.id}
    ${open ? sql`and o.status in ('received', 'investigating')` : sql``})`.mapWith(Number);

/** The round's notice entries in the caller's scope, in notice order, with their objection counts. */
export function noticeEntriesOfRound(db: Db, scope: Scope, roundId: string) {
  return db
    .select({
      entryId: noticeEntries.id,
      applicationId: noticeEntries.applicationId,
      unitId: noticeEntries.unitId,
      unitName: units.name,
      city: jurisdictions.name,
      sector: sectors.name,
      position: noticeEntries.position,
      status: noticeEntries.status,
      removedReason: noticeEntries.removedReason,
      openObjections: objectionCount(true),
      totalObjections: objectionCount(false),
    })
    .from(noticeEntries)
    .innerJoin(applications, eq(applications.id, noticeEntries.applicationId))
    .innerJoin(units, eq(units.id, noticeEntries.unitId))
    .leftJoin(jurisdictions, eq(jurisdictions.id, units.cityId))
    .leftJoin(sectors, eq(sectors.id, units.sectorId))
    .where(
      and(eq(noticeEntries.tenantId, scope.tenantId), eq(noticeEntries.roundId, roundId), applicationsInScope(scope)),
    )
    .orderBy(asc(noticeEntries.position));
}

export type NoticeEntryRow = Awaited<ReturnType<typeof noticeEntriesOfRound>>[number];

export function entryView(row: NoticeEntryRow) {
  const { openObjections, totalObjections, ...entry } = row;
  return { ...entry, objections: { open: openObjections, total: totalObjections } };
}

export interface NewNotice {
  title: string;
  contact: string;
  issuer: string;
  window: NoticeWindow;
}

/**
 * Publishing a round's notice, for the batch's `after` (each statement carries `moved`): the notice, its entries
 * (the shortlist, `position` in rank order), those applications on notice, and the window's dates in the
 * round's settings.
 */
export function noticePublishStatements(
  db: Db,
  scope: Scope,
  round: { id: string; version: number },
  notice: NewNotice,
  shortlisted: ReadonlyArray<{ applicationId: string; unitId: string }>,
  moved: SQL,
): { noticeId: string; statements: BatchItem<"sqlite">[] } {
  const noticeId = newId();
  const { window } = notice;
  const entries = shortlisted.map((c, i) => ({
    id: newId(),
    tenantId: scope.tenantId,
    noticeId,
    roundId: round.id,
    applicationId: c.applicationId,
    unitId: c.unitId,
    position: i + 1,
    status: "listed" as const,
    removedReason: null,
    removedAt: null,
  }));
  const now = new Date().toISOString();
  return {
    noticeId,
    statements: [
      ...insertWhere(
        db,
        notices,
        [
          {
            id: noticeId,
            tenantId: scope.tenantId,
            roundId: round.id,
            title: notice.title,
            startsOn: window.startsOn,
            endsOn: window.endsOn,
            startsAt: window.startsAt,
            endsAt: window.endsAt,
            contact: notice.contact,
            issuer: notice.issuer,
            createdBy: scope.userId,
            createdAt: now,
          },
        ],
        moved,
      ),
      ...insertWhere(db, noticeEntries, entries, moved),
      db
        .update(applications)
        .set({ status: "on_notice", version: sql`${applications.version} + 1`, updatedAt: now })
        .where(
          and(
            eq(applications.tenantId, scope.tenantId),
            eq(applications.roundId, round.id),
            sql`${applications.id} in (select e.application_id from notice_entries e where e.notice_id = ${noticeId})`,
            moved,
          ),
        ),
      roundDatesSet(db, scope, round, { noticeStart: window.startsOn, noticeEnd: window.endsOn }, moved),
    ],
  };
}

/** Sets dates in a round's settings (its timeline of record) once it moved, without another version bump. */
export function roundDatesSet(
  db: Db,
  scope: Pick<Scope, "tenantId">,
  round: { id: string },
  dates: Partial<Record<"noticeStart" | "noticeEnd" | "naming", string>>,
  moved: SQL,
) {
  const pairs = Object.entries(dates).flatMap(([key, value]) => [sql`${`$.dates.${key}`}`, sql`${value}`]);
  return db
    .update(rounds)
    .set({ settings: sql`json_set(${rounds.settings}, ${sql.join(pairs, sql`, `)})` })
    .where(and(eq(rounds.tenantId, scope.tenantId), eq(rounds.id, round.id), moved));
}
