import { and, asc, eq } from "drizzle-orm";
import { jurisdictions, memberships, tenants, units, users } from "../../db/schema.ts";
import type { Db } from "./db.ts";

export function findUserByEmail(db: Db, email: string) {
  return db
    .select()
    .from(users)
    .where(and(eq(users.email, email.trim().toLowerCase()), eq(users.status, "active")))
    .get();
}

/** A user's active memberships in active tenants, with what each is scoped to. */
export async function membershipsOf(db: Db, userId: string) {
  const rows = await db
    .select({
      tenantSlug: tenants.slug,
      tenantName: tenants.name,
      role: memberships.role,
      jurisdictionId: jurisdictions.id,
      jurisdictionCode: jurisdictions.code,
      jurisdictionName: jurisdictions.name,
      jurisdictionLevel: jurisdictions.level,
      unitId: units.id,
      unitName: units.name,
      unitStatus: units.status,
    })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .leftJoin(jurisdictions, eq(jurisdictions.id, memberships.jurisdictionId))
    .leftJoin(units, eq(units.id, memberships.unitId))
    .where(and(eq(memberships.userId, userId), eq(memberships.status, "active"), eq(tenants.status, "active")))
    .orderBy(asc(tenants.slug));
  return rows.map((r) => ({
    tenant: { slug: r.tenantSlug, name: r.tenantName },
    role: r.role,
    jurisdiction:
      r.jurisdictionId && r.jurisdictionCode && r.jurisdictionName && r.jurisdictionLevel
        ? { id: r.jurisdictionId, code: r.jurisdictionCode, name: r.jurisdictionName, level: r.jurisdictionLevel }
        : null,
    unit: r.unitId && r.unitName && r.unitStatus ? { id: r.unitId, name: r.unitName, status: r.unitStatus } : null,
  }));
}

/** Whether the user may work anywhere: some active membership in a live office, or only in suspended ones. */
export async function tenantAccess(db: Db, userId: string): Promise<{ live: boolean; suspendedOnly: boolean }> {
  const rows = await db
    .select({ status: tenants.status })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(and(eq(memberships.userId, userId), eq(memberships.status, "active")));
  const live = rows.some((r) => r.status === "active");
  return { live, suspendedOnly: !live && rows.length > 0 };
}
