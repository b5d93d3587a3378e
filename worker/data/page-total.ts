import { count, type SQL, sql } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "./db.ts";

/**
 * `(select count(*) from table where …)` as a column of a page query, so the page and its total come
 * back in one statement: each D1 round trip costs more than a covering-index count. The subquery is
 * uncorrelated, so SQLite evaluates it once per statement, not per row.
 */
export function totalColumn(db: Db, table: SQLiteTable, where: SQL): SQL<number> {
  return sql<number>`(${db.select({ n: count() }).from(table).where(where)})`.mapWith(Number);
}

/**
 * The total read off a page's rows; only a page past the end (no rows to carry it) needs its own count.
 */
export async function totalOf(rows: Array<{ total: number }>, offset: number, recount: () => Promise<number>) {
  const first = rows[0];
  if (first) return first.total;
  return offset === 0 ? 0 : recount();
}
