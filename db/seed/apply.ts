import type { BatchItem } from "drizzle-orm/batch";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import * as schema from "../schema.ts";
import type { DemoRows } from "./demo.ts";

/** D1 binds at most 100 parameters per statement. */
const MAX_PARAMS = 100;

function chunkInserts<T extends SQLiteTable>(
  db: DrizzleD1Database<typeof schema>,
  table: T,
  rows: T["$inferInsert"][],
): BatchItem<"sqlite">[] {
  if (rows.length === 0) return [];
  const columns = Math.max(...rows.map((r) => Object.keys(r as object).length));
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns));
  const statements: BatchItem<"sqlite">[] = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    statements.push(
      db
        .insert(table)
        .values(rows.slice(i, i + perStatement))
        .onConflictDoNothing(),
    );
  }
  return statements;
}

/** Inserts the demo rows in one atomic batch; rows already present are left as they are (idempotent). */
export async function applyDemoRows(db: DrizzleD1Database<typeof schema>, rows: DemoRows): Promise<void> {
  const statements = [
    ...chunkInserts(db, schema.tenants, rows.tenants),
    ...chunkInserts(db, schema.jurisdictions, rows.jurisdictions),
    ...chunkInserts(db, schema.sectors, rows.sectors),
    ...chunkInserts(db, schema.unitKinds, rows.unitKinds),
    ...chunkInserts(db, schema.units, rows.units),
    ...chunkInserts(db, schema.users, rows.users),
    ...chunkInserts(db, schema.memberships, rows.memberships),
  ];
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
}
