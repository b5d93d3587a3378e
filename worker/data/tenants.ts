import { asc, eq } from "drizzle-orm";
import { tenants } from "../../db/schema.ts";
import type { Db } from "./db.ts";

/** Public: the offices that are live, for the landing page and the tenant picker. */
export function listActiveTenants(db: Db) {
  return db
    .select({ slug: tenants.slug, name: tenants.name })
    .from(tenants)
    .where(eq(tenants.status, "active"))
    .orderBy(asc(tenants.slug));
}
