import { getTableColumns, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { MAX_BOUND_PARAMETERS } from "./chunk.ts";
import type { Db } from "./db.ts";

/**
 * Multi-row insert that happens only if `condition` holds when it runs. Placed after a guarded update
 * in the same batch (with the condition testing that update's outcome), it makes the whole write
 * all-or-nothing even though D1 has no interactive transactions. Rows must give every column.
 */
export function insertWhere<T extends SQLiteTable>(
  db: Db,
  table: T,
  rows: Array<Required<T["$inferInsert"]>>,
  condition: SQL,
): BatchItem<"sqlite">[] {
  const columns = Object.keys(getTableColumns(table));
  const perStatement = Math.max(1, Math.floor(MAX_BOUND_PARAMETERS / columns.length) - 1);
  const statements: BatchItem<"sqlite">[] = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    const tuples = rows.slice(i, i + perStatement).map(
      (row) =>
        sql`(${sql.join(
          columns.map((c) => sql`${(row as Record<string, unknown>)[c] ?? null}`),
          sql`, `,
        )})`,
    );
    // With raw SQL, drizzle inserts into the table's columns in schema order, matching the tuples.
    statements.push(
      db.insert(table).select(sql`select * from (values ${sql.join(tuples, sql`, `)}) where ${condition}`),
    );
  }
  return statements;
}
