import { like, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";

/** LIKE pattern that matches `text` literally anywhere in the value (% and _ are not wildcards). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/** `column` contains `text`, literally. */
export function contains(column: SQLiteColumn, text: string): SQL {
  return sql`${like(column, containsPattern(text))} ESCAPE '\\'`;
}
