import { getTableColumns } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "./db.ts";

/** D1 binds at most 100 parameters per statement. */
export const MAX_BOUND_PARAMETERS = 100;

/**
 * Multi-row inserts split so no statement binds more than D1 allows; run them in one db.batch()
 * for atomicity. With `ignoreExisting`, rows whose key exists are skipped (idempotent seeding).
 */
export function chunkedInsert<T extends SQLiteTable>(
  db: Db,
  table: T,
  rows: T["$inferInsert"][],
  options: { ignoreExisting?: boolean } = {},
): BatchItem<"sqlite">[] {
  if (rows.length === 0) return [];
  // drizzle binds every column of the table in a multi-row insert (missing values as null/default).
  const columns = Object.keys(getTableColumns(table)).length;
  const perStatement = Math.max(1, Math.floor(MAX_BOUND_PARAMETERS / columns));
  const statements: BatchItem<"sqlite">[] = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    const insert = db.insert(table).values(rows.slice(i, i + perStatement));
    statements.push(options.ignoreExisting ? insert.onConflictDoNothing() : insert);
  }
  return statements;
}
