/**
 * The public list of titles (称号) an office has conferred, its headline numbers and a unit's public page. Only
 * public columns: unit name, place, sector, level, term, dates, status and public reasons; never who decided,
 * internal reasons, contacts or scores. Each function takes the office resolved from the slug.
 */
import { and, asc, count, desc, eq, gte, inArray, lte, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { awardEvents, awards, jurisdictions, notices, rounds, sectors, units } from "../../db/schema.ts";
import { isInitialsQuery, subsequencePattern } from "../domain/name-initials.ts";
import type { Paging } from "../domain/paging.ts";
import { publicTitleStatus } from "../domain/public-titles.ts";
import { termText } from "../domain/title-term.ts";
import { TITLE_LEVELS, type TitleLevel } from "../domain/vocabulary.ts";
import type { Db } from "./db.ts";
import { pageTotal } from "./page-total.ts";

const city = alias(jurisdictions, "public_city");

/** Held on `today` (Beijing): active or warned and not past its valid-until date; expiry needs no job. */
export const currentOn = (today: string) =>
  and(inArray(awards.status, ["active", "warned"]), gte(awards.validUntil, today)) as SQL;

/** Levels in the vocabulary's order (county → national, then the model tiers): constants, so inlined. */
const levelRank = sql`case ${awards.level} ${sql.raw(TITLE_LEVELS.map((level, i) => `when '${level}' then ${i}`).join(" "))} end`;

export interface PublicAwardFilters {
  level?: TitleLevel | undefined;
  city?: string | undefined;
  sector?: string | undefined;
  /** `2024` (the term's first year) or `2024-2026` (exactly that term). */
  term?: string | undefined;
  /** Part of the name in order (德阳科协), or its pinyin initials (dykx). */
  q?: string | undefined;
  status: "current" | "all";
}

function awardConditions(tenantId: string, filters: PublicAwardFilters, today: string): SQL {
  const conditions: (SQL | undefined)[] = [eq(awards.tenantId, tenantId)];
  if (filters.status === "current") conditions.push(currentOn(today));
  if (filters.level) conditions.push(eq(awards.level, filters.level));
  if (filters.city) conditions.push(eq(units.cityId, filters.city));
  if (filters.sector) conditions.push(eq(units.sectorId, filters.sector));
  if (filters.term) {
    const [start, end] = filters.term.split("-").map(Number);
    conditions.push(eq(awards.termStartYear, start ?? 0));
    if (end !== undefined) conditions.push(eq(awards.termEndYear, end));
  }
  if (filters.q) {
    const column = isInitialsQuery(filters.q) ? units.nameInitials : units.name;
    conditions.push(sql`${column} like ${subsequencePattern(filters.q)} escape '\\'`);
  }
  return and(...conditions) as SQL;
}

const titleColumns = {
  level: awards.level,
  termStartYear: awards.termStartYear,
  termEndYear: awards.termEndYear,
  namedOn: awards.namedOn,
  validUntil: awards.validUntil,
  status: awards.status,
  documentRef: awards.documentRef,
};

/**
 * One page of titles with its total, in one statement. Current titles first (with `status=all`), then by level,
 * then by the unit's name in pinyin order (its initials), so the order is stable and reads naturally.
 */
export function publicAwardsPage(db: Db, tenantId: string, filters: PublicAwardFilters, today: string, page: Paging) {
  const where = awardConditions(tenantId, filters, today);
  const total = pageTotal(
    db.select({ n: count() }).from(awards).innerJoin(units, eq(units.id, awards.unitId)).where(where),
  );
  return {
    total,
    statement: db
      .select({
        ...titleColumns,
        unitId: units.id,
        unitName: units.name,
        city: city.name,
        sector: sectors.name,
        total: total.column,
      })
      .from(awards)
      .innerJoin(units, eq(units.id, awards.unitId))
      .leftJoin(city, eq(city.id, units.cityId))
      .leftJoin(sectors, eq(sectors.id, units.sectorId))
      .where(where)
      .orderBy(
        desc(sql`${currentOn(today)}`),
        asc(levelRank),
        asc(sql`coalesce(${units.nameInitials}, ${units.name})`),
        asc(units.name),
        desc(awards.termStartYear),
        asc(awards.id),
      )
      .limit(page.pageSize)
      .offset(page.offset),
  };
}

type TitleRow = Pick<
  typeof awards.$inferSelect,
  "level" | "termStartYear" | "termEndYear" | "namedOn" | "validUntil" | "status" | "documentRef"
>;

/** A title as the public sees it: its term written out, `expired` computed for today. */
export function publicTitle(row: TitleRow, today: string) {
  return {
    level: row.level,
    term: termText(row),
    namedAt: row.namedOn,
    validUntil: row.validUntil,
    status: publicTitleStatus(row, today),
    documentRef: row.documentRef,
  };
}

/** Notices taking objections on `today`: their round is in its notice phase and the day lies in the window. */
export const openNoticeOn = (today: string) =>
  and(eq(rounds.phase, "notice"), lte(notices.startsOn, today), gte(notices.endsOn, today)) as SQL;

/** An office's headline numbers and its current titles by level, city and sector, as statements of one batch. */
export function publicSummaryStatements(db: Db, tenantId: string, today: string) {
  const current = and(eq(awards.tenantId, tenantId), currentOn(today)) as SQL;
  return [
    db
      .select({
        current: count(),
        warned: sql<number>`coalesce(sum(${awards.status} = 'warned'), 0)`.mapWith(Number),
      })
      .from(awards)
      .where(current),
    db
      .select({ level: awards.level, count: count() })
      .from(awards)
      .where(current)
      .groupBy(awards.level)
      .orderBy(asc(levelRank)),
    db
      .select({ cityId: city.id, city: city.name, count: count() })
      .from(awards)
      .innerJoin(units, eq(units.id, awards.unitId))
      .innerJoin(city, eq(city.id, units.cityId))
      .where(current)
      .groupBy(city.id, city.name)
      .orderBy(asc(city.sort), asc(city.code)),
    db
      .select({ sectorId: sectors.id, sector: sectors.name, count: count() })
      .from(awards)
      .innerJoin(units, eq(units.id, awards.unitId))
      .innerJoin(sectors, eq(sectors.id, units.sectorId))
      .where(current)
      .groupBy(sectors.id, sectors.name)
      .orderBy(asc(sectors.sort), asc(sectors.code)),
    db
      .selectDistinct({ termStartYear: awards.termStartYear, termEndYear: awards.termEndYear })
      .from(awards)
      .where(eq(awards.tenantId, tenantId))
      .orderBy(desc(awards.termStartYear), desc(awards.termEndYear)),
    db
      .select({ n: count() })
      .from(notices)
      .innerJoin(rounds, and(eq(rounds.tenantId, notices.tenantId), eq(rounds.id, notices.roundId)))
      .where(and(eq(notices.tenantId, tenantId), openNoticeOn(today))),
  ] as const;
}

/**
 * A unit's public page as statements of one batch: the unit, its titles (latest term first) and their history
 * (latest first). Any unit id of the office may be asked for; the route shows only those with a title.
 */
export function publicUnitStatements(db: Db, tenantId: string, unit: { id: string }) {
  return [
    db
      .select({ unitId: units.id, unitName: units.name, city: city.name, sector: sectors.name })
      .from(units)
      .leftJoin(city, eq(city.id, units.cityId))
      .leftJoin(sectors, eq(sectors.id, units.sectorId))
      .where(and(eq(units.tenantId, tenantId), eq(units.id, unit.id)))
      .limit(1),
    db
      .select({ ...titleColumns, warningDeadline: awards.warningDeadline, publicReason: awards.publicReason })
      .from(awards)
      .where(and(eq(awards.tenantId, tenantId), eq(awards.unitId, unit.id)))
      .orderBy(desc(awards.termStartYear), asc(levelRank)),
    db
      .select({
        level: awards.level,
        termStartYear: awards.termStartYear,
        termEndYear: awards.termEndYear,
        kind: awardEvents.kind,
        effectiveOn: awardEvents.effectiveOn,
        publicReason: awardEvents.publicReason,
        deadline: awardEvents.deadline,
      })
      .from(awardEvents)
      .innerJoin(awards, eq(awards.id, awardEvents.awardId))
      .where(and(eq(awardEvents.tenantId, tenantId), eq(awardEvents.unitId, unit.id)))
      .orderBy(desc(awardEvents.effectiveOn), desc(awardEvents.createdAt), desc(awardEvents.id)),
  ] as const;
}

/** Headline numbers per live office for the landing page, as statements riding with its tenant list. */
export function headlineStatements(db: Db, today: string) {
  return [
    db.select({ tenantId: awards.tenantId, n: count() }).from(awards).where(currentOn(today)).groupBy(awards.tenantId),
    db
      .select({ tenantId: notices.tenantId, n: count() })
      .from(notices)
      .innerJoin(rounds, and(eq(rounds.tenantId, notices.tenantId), eq(rounds.id, notices.roundId)))
      .where(openNoticeOn(today))
      .groupBy(notices.tenantId),
  ] as const;
}
