import { eq, sql } from "drizzle-orm";
import { tenants } from "../../db/schema.ts";
import type { Db } from "./db.ts";

/**
 * Retires every cached public read of an office: its public cache keys carry `public_version`, so a write that
 * changes what the public sees (a title, a notice, an objection's outcome) puts this statement in its batch.
 */
export function bumpPublicVersion(db: Db, tenantId: string) {
  return db
    .update(tenants)
    .set({ publicVersion: sql`${tenants.publicVersion} + 1` })
    .where(eq(tenants.id, tenantId));
}

/**
 * The one small read every public route starts with: the office by its slug, with the version its cache keys
 * carry. A cache hit costs this read alone.
 */
export function publicTenantLookup(db: Db, slug: string) {
  return db
    .select({
      id: tenants.id,
      slug: tenants.slug,
      name: tenants.name,
      displayName: tenants.displayName,
      status: tenants.status,
      publicVersion: tenants.publicVersion,
    })
    .from(tenants)
    .where(eq(tenants.slug, slug))
    .limit(1);
}

export type PublicTenantRow = Awaited<ReturnType<typeof publicTenantLookup>>[number];
