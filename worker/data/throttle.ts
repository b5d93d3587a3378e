import { eq, inArray } from "drizzle-orm";
import { loginThrottle } from "../../db/schema.ts";
import type { ThrottleCounter } from "../domain/throttle.ts";
import type { Db } from "./db.ts";

export async function readCounters(db: Db, keys: string[]): Promise<Map<string, ThrottleCounter>> {
  const rows = await db.select().from(loginThrottle).where(inArray(loginThrottle.key, keys));
  return new Map(rows.map((r) => [r.key, { failures: r.failures, windowStart: r.windowStart }]));
}

/** One counter, as a statement for a route's batch (`counterOf` reads its rows). */
export function counterLookup(db: Db, key: string) {
  return db.select().from(loginThrottle).where(eq(loginThrottle.key, key)).limit(1);
}

export function counterOf([row]: Array<typeof loginThrottle.$inferSelect>): ThrottleCounter | undefined {
  return row ? { failures: row.failures, windowStart: row.windowStart } : undefined;
}

export function counterUpsert(db: Db, key: string, counter: ThrottleCounter) {
  return db
    .insert(loginThrottle)
    .values({ key, ...counter })
    .onConflictDoUpdate({ target: loginThrottle.key, set: counter });
}

export function counterDelete(db: Db, key: string) {
  return db.delete(loginThrottle).where(eq(loginThrottle.key, key));
}
