import { and, getTableColumns, is, isNull, SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { chunkedInsert } from "../../worker/data/chunk.ts";
import { coverageRefreshOfTenant } from "../../worker/data/coverage.ts";
import type { Db } from "../../worker/data/db.ts";
import * as schema from "../schema.ts";
import type { DemoRows } from "./demo.ts";
import { demoReportRows } from "./reports.ts";
import type { DemoScoringRows } from "./scoring.ts";
import { demoSynonymStatements } from "./synonyms.ts";
import type { DemoTitleRows } from "./titles.ts";

const insert = <T extends SQLiteTable>(db: Db, table: T, values: T["$inferInsert"][]) =>
  chunkedInsert(db, table, values, { ignoreExisting: true });

/** Rows per statement of `jsonInsert`: a few hundred kilobytes of JSON in its one parameter. */
const JSON_ROWS = 2000;

/**
 * Many rows in a few statements: each statement binds ONE parameter, a JSON array of rows, and selects the
 * columns out of it with json_each (chunkedInsert binds every value, so only a handful of rows fit in the
 * 100 parameters D1 allows). Columns the rows do not give take their defaults, as in a plain insert; rows
 * whose key exists are left alone, any other constraint fails the batch.
 */
function jsonInsert<T extends SQLiteTable>(db: Db, table: T, rows: T["$inferInsert"][]): BatchItem<"sqlite">[] {
  const given = new Set(rows.flatMap((row) => Object.keys(row)));
  // drizzle's insert … select writes every column in the table's order: the select follows it.
  const columns = Object.entries(getTableColumns(table));
  const keys = columns.filter(([key]) => given.has(key)).map(([key]) => key);
  const picks = sql.join(
    columns.map(([key, column]) => {
      const at = keys.indexOf(key);
      if (at >= 0) return sql.raw(`json_extract(value, '$[${at}]')`);
      const fallback = column.default ?? column.defaultFn?.() ?? null;
      return is(fallback, SQL) ? fallback : sql`${fallback}`;
    }),
    sql`, `,
  );
  const statements: BatchItem<"sqlite">[] = [];
  for (let i = 0; i < rows.length; i += JSON_ROWS) {
    const values = rows.slice(i, i + JSON_ROWS).map((row) =>
      keys.map((key) => {
        const v = (row as Record<string, unknown>)[key];
        return typeof v === "boolean" ? Number(v) : (v ?? null);
      }),
    );
    // `where true`: an upsert clause after a select's FROM needs it to parse.
    const select = sql`select ${picks} from json_each(${JSON.stringify(values)}) where true`;
    statements.push(db.insert(table).select(select).onConflictDoNothing());
  }
  return statements;
}

async function run(db: Db, statements: BatchItem<"sqlite">[]): Promise<void> {
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
}

/** Inserts the demo rows in one atomic batch; rows already present are left as they are (idempotent). */
export async function applyDemoRows(db: Db, rows: DemoRows): Promise<void> {
  await run(db, [
    ...insert(db, schema.tenants, rows.tenants),
    ...insert(db, schema.jurisdictions, rows.jurisdictions),
    ...insert(db, schema.sectors, rows.sectors),
    ...insert(db, schema.unitKinds, rows.unitKinds),
    ...insert(db, schema.units, rows.units),
    ...insert(db, schema.users, rows.users),
    ...insert(db, schema.memberships, rows.memberships),
    ...insert(db, schema.criteriaSystems, rows.criteriaSystems),
    ...insert(db, schema.awards, rows.awards),
    initialsBackfill(db, rows.units),
    ...demoSynonymStatements(db, rows.tenants),
  ]);
}

/**
 * Gives demo units seeded before units had `name_initials` theirs (insert-or-ignore leaves existing rows alone);
 * one statement with the id → initials pairs as one JSON parameter.
 */
function initialsBackfill(db: Db, units: DemoRows["units"]) {
  const pairs = JSON.stringify(units.map((u) => [u.id, u.nameInitials ?? null]));
  const given = sql`(select json_extract(value, '$[1]') from json_each(${pairs})
    where json_extract(value, '$[0]') = ${schema.units.id})`;
  return db
    .update(schema.units)
    .set({ nameInitials: given })
    .where(
      and(
        isNull(schema.units.nameInitials),
        sql`${schema.units.id} in (select json_extract(value, '$[0]') from json_each(${pairs}))`,
      ),
    );
}

/**
 * Inserts the demo rounds (db/seed/scoring.ts) in one atomic batch, after `applyDemoRows`; idempotent.
 * `npm start`, the browser tests and the worker tests that need scored rounds call it.
 */
export async function applyDemoScoring(db: Db, rows: DemoScoringRows): Promise<void> {
  await run(db, [
    ...insert(db, schema.awards, rows.awards),
    ...insert(db, schema.programs, rows.programs),
    ...insert(db, schema.programVersions, rows.programVersions),
    ...insert(db, schema.programMeasures, rows.programMeasures),
    ...insert(db, schema.rounds, rows.rounds),
    ...insert(db, schema.roundTransitions, rows.roundTransitions),
    ...insert(db, schema.applications, rows.applications),
    ...jsonInsert(db, schema.applicationItems, rows.applicationItems),
    ...jsonInsert(db, schema.assignments, rows.assignments),
    ...jsonInsert(db, schema.scoreForms, rows.scoreForms),
    ...jsonInsert(db, schema.scores, rows.scores),
    ...jsonInsert(db, schema.applicationResults, rows.applicationResults),
    ...insert(db, schema.reviewerOffsets, rows.reviewerOffsets),
    ...jsonInsert(db, schema.signoffs, rows.signoffs),
    // The review round's questionnaire, its answers and the points they earn (db/seed/survey.ts).
    ...insert(db, schema.surveys, rows.surveys),
    ...jsonInsert(db, schema.surveyResponses, rows.surveyResponses),
    ...jsonInsert(db, schema.surveyAnswers, rows.surveyAnswers),
    ...jsonInsert(db, schema.sourcePoints, rows.sourcePoints),
    // The units' reports on those applications, with their links to criteria items (db/seed/reports.ts).
    ...reportStatements(db, rows),
    // Then what they linked, summarised per application as the writes keep it.
    ...[...new Set(rows.applications.map((a) => a.tenantId))].map((tenantId) => coverageRefreshOfTenant(db, tenantId)),
  ]);
}

function reportStatements(db: Db, rows: DemoScoringRows) {
  const reports = demoReportRows(rows);
  return [
    ...jsonInsert(db, schema.applicationReports, reports.applicationReports),
    ...jsonInsert(db, schema.reportLinks, reports.reportLinks),
  ];
}

/**
 * Inserts the demo titles, their history and the notice round (db/seed/titles.ts, db/seed/notice.ts) in one
 * atomic batch, after `applyDemoScoring` (the history covers its titles too); idempotent.
 */
export async function applyDemoTitles(db: Db, rows: DemoTitleRows): Promise<void> {
  await run(db, [
    ...insert(db, schema.awards, rows.awards),
    ...jsonInsert(db, schema.awardEvents, rows.awardEvents),
    ...insert(db, schema.rounds, rows.rounds),
    ...insert(db, schema.roundTransitions, rows.roundTransitions),
    ...insert(db, schema.applications, rows.applications),
    ...insert(db, schema.applicationResults, rows.applicationResults),
    ...insert(db, schema.signoffs, rows.signoffs),
    ...insert(db, schema.notices, rows.notices),
    ...insert(db, schema.noticeEntries, rows.noticeEntries),
  ]);
}
