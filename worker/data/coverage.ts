import { and, desc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import { applicationItems, applications, programMeasures, records } from "../../db/schema.ts";
import type { Db } from "./db.ts";
import type { Scope } from "./scope.ts";
import type { ApplicationRef } from "./unit-access.ts";

// What coverage reads: an application's links to criteria items with the unit's material they point at, and a
// round's coverage counted in SQL (never every application's rows in the Worker).

/** Records offered as suggestions: the unit's latest live ones (linked ones are read whatever their age). */
const SUGGESTED_RECORDS = 300;
/** Measures of the unit's published programs read for an application: far more than a program holds. */
const MEASURES_READ = 500;

/** The unit of the application, as a subquery under its proof of scope. */
function unitOf(app: ApplicationRef): SQL {
  return sql`(select ${applications.unitId} from ${applications}
    where ${applications.tenantId} = ${app.tenantId} and ${applications.id} = ${app.id} and ${app.inScope})`;
}

/** The application's item rows (linked measure keys and record ids, JSON arrays). */
export function coverageItemRows(db: Db, app: ApplicationRef) {
  return db
    .select({
      itemCode: applicationItems.itemCode,
      measureKeys: applicationItems.measureKeys,
      recordIds: applicationItems.recordIds,
    })
    .from(applicationItems)
    .where(and(eq(applicationItems.tenantId, app.tenantId), eq(applicationItems.applicationId, app.id), app.inScope));
}

/** The measures of the unit's published programs. */
export function unitMeasuresOf(db: Db, app: ApplicationRef) {
  return db
    .select({ key: programMeasures.measureKey, title: programMeasures.title })
    .from(programMeasures)
    .where(and(eq(programMeasures.tenantId, app.tenantId), eq(programMeasures.unitId, unitOf(app))))
    .orderBy(programMeasures.programId, programMeasures.position)
    .limit(MEASURES_READ);
}

const recordColumns = { id: records.id, title: records.title, date: records.date };

function unitRecords(app: ApplicationRef): SQL {
  return and(eq(records.tenantId, app.tenantId), eq(records.unitId, unitOf(app)), isNull(records.deletedAt)) as SQL;
}

/** The unit's live records linked to any item of the application. */
export function linkedRecordsOf(db: Db, app: ApplicationRef) {
  const linked = sql`(select r.value from ${applicationItems} ai, json_each(ai.record_ids) r
    where ai.tenant_id = ${app.tenantId} and ai.application_id = ${app.id})`;
  return db
    .select(recordColumns)
    .from(records)
    .where(and(unitRecords(app), inArray(records.id, linked)));
}

/** The unit's latest live records, the pool suggestions come from. */
export function recentRecordsOf(db: Db, app: ApplicationRef) {
  return db
    .select(recordColumns)
    .from(records)
    .where(unitRecords(app))
    .orderBy(desc(records.date), desc(records.createdAt))
    .limit(SUGGESTED_RECORDS);
}

// Linkage of an application `a` (an outer alias) to items, in SQL with the same rules as the domain's
// `applicationCoverage`: a measure counts while the unit's published programs still hold it, a record while it
// is not deleted, a report paragraph by its link.
const PLANNED = sql`exists (select 1 from json_each(ai.measure_keys) k join program_measures pm
  on pm.tenant_id = ai.tenant_id and pm.unit_id = a.unit_id and pm.measure_key = k.value)`;
const DONE = sql`exists (select 1 from json_each(ai.record_ids) r join records rc
  on rc.id = r.value and rc.tenant_id = ai.tenant_id and rc.unit_id = a.unit_id and rc.deleted_at is null)`;

/** The codes of application `a`'s items with anything linked: a subquery for `not in`. */
export function linkedItemCodes(): SQL {
  return sql`(select ai.item_code from application_items ai where ai.application_id = a.id and (${PLANNED} or ${DONE})
    union select rl.item_code from report_links rl where rl.application_id = a.id)`;
}

/** A round's applications counted for coverage in the caller's scope: all but withdrawn ones. */
function roundApplications(scope: Scope, roundId: string): SQL {
  const path = scope.jurisdictionPath ?? "\uffff";
  return sql`a.tenant_id = ${scope.tenantId} and a.round_id = ${roundId} and a.status <> 'withdrawn'
    and a.jurisdiction_path >= ${path} and a.jurisdiction_path < ${`${path}\uffff`}`;
}

/**
 * The coverage summary of an application (`applications.coverage`) computed from what is stored: for each item of
 * its round's categories, in order, c when it links a measure or a report paragraph and a record, t when one side,
 * e when nothing. Links count as the unit saved them (each was checked when saved); one application's own coverage
 * also drops links to material gone since. The same SQL backfilled db/migrations/0004_coverage_summary.sql.
 */
const PLANNED_ITEM = `(coalesce(ai.measure_keys <> '[]', 0) or exists (select 1 from report_links rl
    where rl.application_id = applications.id and rl.item_code = json_extract(i.value, '$.code')))`;
const DONE_ITEM = "coalesce(ai.record_ids <> '[]', 0)";
export const COVERAGE_SUMMARY_SQL = `coalesce((
  select group_concat(case when ${PLANNED_ITEM} and ${DONE_ITEM} then 'c'
      when ${PLANNED_ITEM} or ${DONE_ITEM} then 't' else 'e' end, '')
  from rounds r
    join criteria_systems cs on cs.id = r.criteria_system_id
    join json_each(cs.content, '$.categories') c
    join json_each(c.value, '$.items') i
    left join application_items ai
      on ai.application_id = applications.id and ai.item_code = json_extract(i.value, '$.code')
  where r.id = applications.round_id
), '')`;

/** Recomputes the application's coverage summary: put it in the batch of every change to its item rows or links. */
export function coverageRefresh(db: Db, app: ApplicationRef) {
  return db
    .update(applications)
    .set({ coverage: sql.raw(COVERAGE_SUMMARY_SQL) })
    .where(and(eq(applications.tenantId, app.tenantId), eq(applications.id, app.id), app.inScope));
}

/** Recomputes the coverage summary of every application of an office (seeding). */
export function coverageRefreshOfTenant(db: Db, tenantId: string) {
  return db
    .update(applications)
    .set({ coverage: sql.raw(COVERAGE_SUMMARY_SQL) })
    .where(eq(applications.tenantId, tenantId));
}

/** The coverage summaries of the round's applications in the caller's scope: one short string each. */
export function roundCoverageSummaries(db: Db, scope: Scope, roundId: string) {
  return db
    .select({ coverage: sql<string>`a.coverage` })
    .from(sql`applications a`)
    .where(roundApplications(scope, roundId));
}
