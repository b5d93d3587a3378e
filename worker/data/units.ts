import { and, asc, count, eq, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { jurisdictions, sectors, unitKinds, units } from "../../db/schema.ts";
import type { Paging } from "../domain/paging.ts";
import type { UnitStatus } from "../domain/vocabulary.ts";
import type { Db } from "./db.ts";
import { pageTotal } from "./page-total.ts";
import { type Scope, unitsInScope } from "./scope.ts";
import { contains } from "./text-search.ts";

export interface UnitFilters {
  city?: string | undefined;
  sector?: string | undefined;
  kind?: string | undefined;
  status?: UnitStatus | undefined;
  q?: string | undefined;
}

const city = alias(jurisdictions, "city");

function filterConditions(scope: Scope, filters: UnitFilters): SQL {
  const conditions: (SQL | undefined)[] = [unitsInScope(scope)];
  if (filters.city) conditions.push(eq(units.cityId, filters.city));
  if (filters.sector) conditions.push(eq(units.sectorId, filters.sector));
  if (filters.kind) conditions.push(eq(units.kindId, filters.kind));
  if (filters.status) conditions.push(eq(units.status, filters.status));
  if (filters.q) conditions.push(contains(units.name, filters.q));
  return and(...conditions) as SQL;
}

/** Summary and detail columns: one select serves both, the detail fields cost nothing extra. */
const listColumns = {
  id: units.id,
  name: units.name,
  status: units.status,
  jurisdictionId: jurisdictions.id,
  jurisdictionCode: jurisdictions.code,
  jurisdictionName: jurisdictions.name,
  jurisdictionLevel: jurisdictions.level,
  cityId: city.id,
  cityCode: city.code,
  cityName: city.name,
  sectorId: sectors.id,
  sectorName: sectors.name,
  kindId: unitKinds.id,
  kindName: unitKinds.name,
  creditCode: units.creditCode,
  contactName: units.contactName,
  contactPhone: units.contactPhone,
  reviewNote: units.reviewNote,
  version: units.version,
  createdAt: units.createdAt,
};

function selectUnits<Extra extends Record<string, SQL>>(db: Db, extra: Extra = {} as Extra) {
  return db
    .select({ ...listColumns, ...extra })
    .from(units)
    .innerJoin(jurisdictions, eq(jurisdictions.id, units.jurisdictionId))
    .leftJoin(city, eq(city.id, units.cityId))
    .leftJoin(sectors, eq(sectors.id, units.sectorId))
    .leftJoin(unitKinds, eq(unitKinds.id, units.kindId));
}

function toSummary(row: UnitRow) {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    jurisdiction: {
      id: row.jurisdictionId,
      code: row.jurisdictionCode,
      name: row.jurisdictionName,
      level: row.jurisdictionLevel,
    },
    city:
      row.cityId && row.cityCode && row.cityName ? { id: row.cityId, code: row.cityCode, name: row.cityName } : null,
    sector: row.sectorId && row.sectorName ? { id: row.sectorId, name: row.sectorName } : null,
    kind: row.kindId && row.kindName ? { id: row.kindId, name: row.kindName } : null,
  };
}

/** A row of `selectUnits`: drizzle types it from the columns and the joins (left joins may be null). */
type UnitRow = Awaited<ReturnType<typeof selectUnits<Record<never, SQL>>>>[number];

export type UnitSummary = ReturnType<typeof toSummary>;

/** One page of the units in scope, with the total, in one statement. */
export async function listUnits(db: Db, scope: Scope, filters: UnitFilters, page: Paging) {
  const where = filterConditions(scope, filters);
  const total = pageTotal(db.select({ n: count() }).from(units).where(where));
  const rows = await selectUnits(db, { total: total.column })
    .where(where)
    .orderBy(asc(units.jurisdictionPath), asc(units.name), asc(units.id))
    .limit(page.pageSize)
    .offset(page.offset);
  return { items: rows.map(toSummary), total: await total.of(rows, page.offset) };
}

/** A unit in scope, or undefined: out-of-scope and other-tenant ids look exactly like unknown ids. */
/** A unit in scope with its details, as one statement of a batch (`unitDetailOf` reads its rows). */
export function unitDetailLookup(db: Db, scope: Scope, id: string) {
  return selectUnits(db)
    .where(and(unitsInScope(scope), eq(units.id, id)))
    .limit(1);
}

export function unitDetailOf([row]: UnitRow[]) {
  if (!row) return undefined;
  return {
    ...toSummary(row),
    creditCode: row.creditCode,
    contactName: row.contactName,
    contactPhone: row.contactPhone,
    reviewNote: row.reviewNote,
    version: row.version,
    createdAt: row.createdAt,
  };
}

export async function getUnit(db: Db, scope: Scope, id: string) {
  return unitDetailOf(await unitDetailLookup(db, scope, id));
}
