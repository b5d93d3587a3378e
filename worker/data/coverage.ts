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

/** How many applications of the round the caller's coverage counts. */
export function roundApplicationCount(db: Db, scope: Scope, roundId: string) {
  return db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(sql`applications a`)
    .where(roundApplications(scope, roundId));
}

/**
 * Per item code, how many of those applications cover it and cover it thinly, in one pass over the linkage index:
 * an item row says whether it links a measure (or a report paragraph does) and a record; report links on items
 * the unit never saved count as planned only. The rollup counts links as the unit saved them — checked when it
 * saved them — where one application's coverage also drops links to material gone since: a province holds
 * 180,000 item rows, and reading each one's JSON would cost ~0.5 s per read (docs/BENCHMARKS.md).
 */
export function roundItemTallies(db: Db, scope: Scope, roundId: string) {
  const where = roundApplications(scope, roundId);
  const reported = sql`exists (select 1 from report_links rl where rl.application_id = a.id and rl.item_code = ai.item_code)`;
  const linkage = sql`select ai.item_code, (ai.measure_keys <> '[]' or ${reported}) planned, ai.record_ids <> '[]' done
      from applications a join application_items ai on ai.application_id = a.id where ${where}
    union all
    select rl.item_code, 1, 0 from applications a join report_links rl on rl.application_id = a.id where ${where}
      and not exists (select 1 from application_items ai where ai.application_id = a.id and ai.item_code = rl.item_code)`;
  return db
    .select({
      itemCode: sql<string>`x.item_code`,
      covered: sql<number>`sum(x.planned and x.done)`.mapWith(Number),
      thin: sql<number>`sum(x.planned + x.done = 1)`.mapWith(Number),
    })
    .from(sql`(${linkage}) x`)
    .groupBy(sql`x.item_code`);
}
