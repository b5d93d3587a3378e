/**
 * The public side of notice (公示): open notices with their listed units, objections lodged by anyone, and
 * the lookup by reference. Lookups take the office resolved from the slug; objections never leave with their
 * handler's notes, finding, assignee or the person's name and contact.
 */
import { and, asc, desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { jurisdictions, noticeEntries, notices, objections, rounds, sectors, tenants, units } from "../../db/schema.ts";
import type { TitleLevel } from "../domain/vocabulary.ts";
import { type Db, newId } from "./db.ts";

const city = alias(jurisdictions, "notice_city");

/** Rounds in their notice phase with their notices, and the units still listed, as statements of one batch. */
export function publicNoticeStatements(db: Db, tenantId: string) {
  const inNotice = and(eq(notices.tenantId, tenantId), eq(rounds.phase, "notice"));
  const roundOf = and(eq(rounds.tenantId, notices.tenantId), eq(rounds.id, notices.roundId));
  return [
    db
      .select({
        noticeId: notices.id,
        roundId: notices.roundId,
        title: notices.title,
        level: rounds.level,
        startsAt: notices.startsAt,
        endsAt: notices.endsAt,
        startsOn: notices.startsOn,
        endsOn: notices.endsOn,
        contact: notices.contact,
        issuer: notices.issuer,
      })
      .from(notices)
      .innerJoin(rounds, roundOf)
      .where(inNotice)
      .orderBy(desc(notices.startsOn), asc(notices.id)),
    db
      .select({
        noticeId: noticeEntries.noticeId,
        entryId: noticeEntries.id,
        unitName: units.name,
        city: city.name,
        sector: sectors.name,
      })
      .from(noticeEntries)
      .innerJoin(notices, eq(notices.id, noticeEntries.noticeId))
      .innerJoin(rounds, roundOf)
      .innerJoin(units, eq(units.id, noticeEntries.unitId))
      .leftJoin(city, eq(city.id, units.cityId))
      .leftJoin(sectors, eq(sectors.id, units.sectorId))
      .where(and(inNotice, eq(noticeEntries.status, "listed")))
      .orderBy(asc(noticeEntries.noticeId), asc(noticeEntries.position)),
  ] as const;
}

type NoticeRow = Awaited<ReturnType<typeof publicNoticeStatements>[0]>[number];
type EntryRow = Awaited<ReturnType<typeof publicNoticeStatements>[1]>[number];

/** The notices with their units, and whether each takes objections at `now`. */
export function publicNoticeList(noticeRows: NoticeRow[], entryRows: EntryRow[], now: Date) {
  const instant = now.toISOString();
  return noticeRows.map(({ noticeId, level, ...notice }) => ({
    ...notice,
    level: level as TitleLevel,
    open: notice.startsAt <= instant && instant < notice.endsAt,
    units: entryRows.filter((e) => e.noticeId === noticeId).map(({ noticeId: _, ...entry }) => entry),
  }));
}

/**
 * What lodging an objection depends on, read in one batch before the write: the entry (of a live office, with
 * its notice window and round phase) and an earlier objection with the same fingerprint.
 */
export function objectionContextStatements(db: Db, slug: string, entryId: string, fingerprint: string) {
  return [
    db
      .select({
        tenantId: noticeEntries.tenantId,
        roundId: noticeEntries.roundId,
        status: noticeEntries.status,
        phase: rounds.phase,
        startsAt: notices.startsAt,
        endsAt: notices.endsAt,
      })
      .from(noticeEntries)
      .innerJoin(tenants, eq(tenants.id, noticeEntries.tenantId))
      .innerJoin(notices, eq(notices.id, noticeEntries.noticeId))
      .innerJoin(rounds, and(eq(rounds.tenantId, noticeEntries.tenantId), eq(rounds.id, noticeEntries.roundId)))
      .where(and(eq(tenants.slug, slug), eq(tenants.status, "active"), eq(noticeEntries.id, entryId)))
      .limit(1),
    db
      .select({ reference: objections.reference })
      .from(objections)
      .innerJoin(tenants, eq(tenants.id, objections.tenantId))
      .where(and(eq(tenants.slug, slug), eq(objections.entryId, entryId), eq(objections.fingerprint, fingerprint)))
      .limit(1),
  ] as const;
}

export interface NewObjection {
  tenantId: string;
  roundId: string;
  entryId: string;
  reference: string;
  fingerprint: string;
  text: string;
  name: string | null;
  contact: string;
  onBehalfOfUnit: string | null;
  sealStatement: string | null;
  lodgedAt: string;
}

export function objectionInsert(db: Db, objection: NewObjection) {
  const id = newId();
  return { id, statement: db.insert(objections).values({ id, ...objection, status: "received" }) };
}

/** An objection by its reference, with only what the person who lodged it may see; none of a suspended office. */
export function objectionStatusLookup(db: Db, reference: string) {
  return db
    .select({
      reference: objections.reference,
      status: objections.status,
      lodgedAt: objections.lodgedAt,
      decidedAt: objections.decidedAt,
      reply: objections.reply,
    })
    .from(objections)
    .innerJoin(tenants, eq(tenants.id, objections.tenantId))
    .where(and(eq(objections.reference, reference), eq(tenants.status, "active")))
    .limit(1);
}
