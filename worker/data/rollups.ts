import {
  and,
  asc,
  count,
  desc,
  eq,
  getTableName,
  gte,
  inArray,
  isNotNull,
  isNull,
  lte,
  type SQL,
  sql,
} from "drizzle-orm";
import { jurisdictions, programMeasures, programs, records, sectors, unitKinds, units } from "../../db/schema.ts";
import {
  beijingYear,
  departmentsOf,
  lastTwelveMonths,
  type MeasureStatus,
  RECORD_KINDS,
  type RecordKind,
  statusCounts,
} from "../domain/record-rules.ts";
import { foldRollup } from "../domain/rollup-groups.ts";
import type { Db } from "./db.ts";
import { type Scope, unitsInScope } from "./scope.ts";
import type { UnitRef } from "./unit-access.ts";

/**
 * A unit's measures and how its records are spread, as statements for the route's batch and the step that
 * shapes their rows; each carries the ref's scope, so outside it they find nothing. The program shown is its
 * latest published one covering this year, else its latest published one (none before the first publish):
 * the measures and the linked-record counts take it as a subquery, so nothing waits for it.
 */
export function unitProgress(db: Db, unit: UnitRef, now: Date) {
  const year = beijingYear(now);
  const covers = sql`(${programs.startYear} <= ${year} and ${programs.endYear} >= ${year})`;
  const published = and(
    eq(programs.tenantId, unit.tenantId),
    eq(programs.unitId, unit.id),
    eq(programs.status, "published"),
    unit.inScope,
  );
  const latest = [desc(covers), desc(programs.startYear), desc(programs.updatedAt), desc(programs.id)];
  const program = db
    .select({ id: programs.id, title: programs.title, publishedVersion: programs.publishedVersion })
    .from(programs)
    .where(published)
    .orderBy(...latest)
    .limit(1);
  const current = db
    .select({ id: programs.id })
    .from(programs)
    .where(published)
    .orderBy(...latest)
    .limit(1);
  const months = lastTwelveMonths(now);
  const liveRecords = and(
    eq(records.tenantId, unit.tenantId),
    eq(records.unitId, unit.id),
    isNull(records.deletedAt),
    unit.inScope,
  );
  const month = sql<string>`substr(${records.date}, 1, 7)`;
  const measures = db
    .select({
      key: programMeasures.measureKey,
      title: programMeasures.title,
      departments: programMeasures.departments,
      progress: programMeasures.progress,
      status: programMeasures.status,
    })
    .from(programMeasures)
    .where(
      and(
        eq(programMeasures.tenantId, unit.tenantId),
        eq(programMeasures.unitId, unit.id),
        inArray(programMeasures.programId, current),
        unit.inScope,
      ),
    )
    .orderBy(asc(programMeasures.position));
  const linked = db
    .select({ key: records.measureKey, n: count() })
    .from(records)
    .where(and(liveRecords, inArray(records.programId, current), isNotNull(records.measureKey)))
    .groupBy(records.measureKey);
  const byMonth = db
    .select({ month, kind: records.kind, count: count() })
    .from(records)
    .where(and(liveRecords, gte(records.date, `${months[0]}-01`)))
    .groupBy(month, records.kind)
    .orderBy(month, records.kind);
  return {
    program,
    measures,
    linked,
    byMonth,
    shape(
      programRows: Awaited<typeof program>,
      measureRows: Awaited<typeof measures>,
      linkedRows: Awaited<typeof linked>,
      monthRows: Awaited<typeof byMonth>,
    ) {
      const recordsOf = new Map(linkedRows.map((r) => [r.key, r.n]));
      return {
        program: programRows[0] ?? null,
        measuresByStatus: statusCounts(measureRows.map((m) => ({ status: m.status, count: 1 }))),
        measures: measureRows.map((m) => ({
          ...m,
          departments: departmentsOf(m.departments),
          records: recordsOf.get(m.key) ?? 0,
        })),
        recordsByMonth: monthRows,
      };
    },
  };
}

/** Every rollup counts only approved units, and only those under the caller's node: never a whole tenant. */
function activeInScope(scope: Scope): SQL {
  return and(unitsInScope(scope), eq(units.status, "active")) as SQL;
}

/**
 * Units having a published program whose period covers `year`, summed over the group: a correlated
 * EXISTS, one probe of programs (tenant_id, unit_id) per unit, never a query per unit.
 */
function withProgram(year: number) {
  // The unary + keeps SQLite off the (tenant_id, start_year) index, which it otherwise prefers without
  // statistics and which scans every program of the tenant for each unit (seconds at 10,000 units).
  const covered = sql`exists (select 1 from ${programs}
    where ${programs.tenantId} = ${units.tenantId} and ${programs.unitId} = ${units.id}
      and ${programs.status} = 'published' and +${programs.startYear} <= ${year} and +${programs.endYear} >= ${year})`;
  // Nested, not inlined: drizzle strips the table from columns at the top level of a single-table
  // selection, which would turn the correlation into programs.unit_id = programs.id.
  return sql<number>`coalesce(sum(${covered}), 0)`;
}

/** Units and units with a program by city, sector and kind: one statement grouped by all three, folded in the Worker. */
export async function programRollup(db: Db, scope: Scope, year: number) {
  const rows = await db
    .select({
      cityId: units.cityId,
      cityCode: jurisdictions.code,
      cityName: jurisdictions.name,
      sectorId: units.sectorId,
      sectorName: sectors.name,
      sectorSort: sectors.sort,
      kindId: units.kindId,
      kindName: unitKinds.name,
      kindSort: unitKinds.sort,
      units: count(),
      withProgram: withProgram(year),
    })
    .from(units)
    .leftJoin(jurisdictions, eq(jurisdictions.id, units.cityId))
    .leftJoin(sectors, eq(sectors.id, units.sectorId))
    .leftJoin(unitKinds, eq(unitKinds.id, units.kindId))
    .where(activeInScope(scope))
    .groupBy(units.cityId, units.sectorId, units.kindId);
  const groups = rows.map((r) => ({
    units: r.units,
    withProgram: Number(r.withProgram),
    city: { id: r.cityId, code: r.cityCode, name: r.cityName },
    sector: { id: r.sectorId, name: r.sectorName, sort: r.sectorSort },
    kind: { id: r.kindId, name: r.kindName, sort: r.kindSort },
  }));
  return { year, ...foldRollup(groups) };
}

export async function measureRollup(db: Db, scope: Scope) {
  // CROSS JOIN fixes SQLite's join order: the units in scope first (one path range), then their measures by
  // (tenant_id, unit_id). Left to itself the planner walks every measure of the tenant, even for one city.
  const measuresInScope = sql`${units} cross join ${programMeasures}
      on ${programMeasures.tenantId} = ${units.tenantId} and ${programMeasures.unitId} = ${units.id}
    join ${programs} on ${programs.id} = ${programMeasures.programId}`;
  // Only published programs' measures count, should rows of a program not (or no longer) published linger.
  const where = and(activeInScope(scope), eq(programs.status, "published"));
  // Spelled out with its table: over a raw source drizzle writes selected columns without one, and
  // units.status would make a bare "status" ambiguous.
  const measureStatus = sql.raw(`"${getTableName(programMeasures)}"."${programMeasures.status.name}"`);
  const is = (status: MeasureStatus) => sql<number>`sum(${measureStatus} = ${status})`;
  // A malformed departments value counts as no department instead of failing the whole rollup.
  const departments = sql`json_each(case when json_valid(${programMeasures.departments})
    then ${programMeasures.departments} else '[]' end)`;
  // Selects over raw SQL sources, not `db.all`: drizzle's D1 batch cannot bind a raw query's parameters.
  const department = sql<string>`dept.value`;
  const [byDepartment, byStatus] = await db.batch([
    db
      .select({
        department,
        total: sql<number>`count(*)`,
        done: is("done"),
        inProgress: is("in_progress"),
        notStarted: is("not_started"),
        blocked: is("blocked"),
      })
      .from(sql`${measuresInScope} join ${departments} as dept`)
      .where(and(where, sql`dept.type = 'text'`))
      .groupBy(department)
      .orderBy(desc(sql`count(*)`), department),
    db
      .select({ status: sql<MeasureStatus>`${measureStatus}`, count: sql<number>`count(*)` })
      .from(measuresInScope)
      .where(where)
      .groupBy(programMeasures.status),
  ]);
  return { byDepartment, byStatus: statusCounts(byStatus) };
}

export async function recordRollup(db: Db, scope: Scope, year: number) {
  const where = and(
    eq(records.tenantId, scope.tenantId),
    isNull(records.deletedAt),
    gte(records.date, `${year}-01-01`),
    lte(records.date, `${year}-12-31`),
    activeInScope(scope),
  );
  const month = sql<string>`substr(${records.date}, 1, 7)`;
  const [byKind, byMonth] = await db.batch([
    db
      .select({
        kind: records.kind,
        count: count(),
        people: sql<number>`coalesce(sum(${records.people}), 0)`,
        hours: sql<number>`coalesce(sum(case when ${records.quantityUnit} = 'hours' then ${records.quantity} end), 0)`,
      })
      .from(records)
      .innerJoin(units, eq(units.id, records.unitId))
      .where(where)
      .groupBy(records.kind),
    db
      .select({ month, kind: records.kind, count: count() })
      .from(records)
      .innerJoin(units, eq(units.id, records.unitId))
      .where(where)
      .groupBy(month, records.kind)
      .orderBy(month, records.kind),
  ]);
  return {
    year,
    byKind: RECORD_KINDS.map(
      (kind: RecordKind) => byKind.find((r) => r.kind === kind) ?? { kind, count: 0, people: 0, hours: 0 },
    ),
    byMonth,
  };
}
