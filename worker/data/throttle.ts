import { eq, inArray } from "drizzle-orm";
import { loginThrottle } from "../../db/schema.ts";
import type { ThrottleCounter } from "../domain/throttle.ts";
import type { Db } from "./db.ts";

export async function readCounters(db: Db, keys: string[]): Promise<Map<string, ThrottleCounter>> {
  const rows = await db.select().from(loginThrottle).where(inArray(loginThrottle.key, keys));
  return new Map(rows.map((r) => [r.key, { failures: r.failures, windowStart: r.windowStart }]));
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
