import { drizzle } from "drizzle-orm/d1";
import * as schema from "../../db/schema.ts";

/**
 * The one entry point to the database. Production will move to a database per tenant
 * (tenant → D1 binding); only this file changes when it does.
 */
export function createDb(d1: D1Database) {
  return drizzle(d1, { schema });
}

export type Db = ReturnType<typeof createDb>;

export const newId = () => crypto.randomUUID();

export const nowIso = () => new Date().toISOString();
