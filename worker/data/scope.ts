import { and, eq, gte, lt, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { applications, units } from "../../db/schema.ts";
import type { Role } from "../domain/vocabulary.ts";

export type { Role };

/**
 * Who is asking, inside which tenant, over what. Every query of tenant data takes one;
 * it is built only by the tenant middleware from the session's membership.
 */
export interface Scope {
  tenantId: string;
  tenantSlug: string;
  userId: string;
  role: Role;
  /** Materialised path of the scope node for tenant admins (the root), reviewers and department accounts. */
  jurisdictionPath: string | null;
  /** The one unit unit staff act for. */
  unitId: string | null;
  /** For department accounts (部门会签): the department they sign off for, e.g. 纪检监察; null for other roles. */
  department: string | null;
}

/** Rows whose materialised path lies under `prefix` (the node itself included): one index range. */
export function underPath(column: SQLiteColumn, prefix: string): SQL {
  return and(gte(column, prefix), lt(column, `${prefix}\uffff`)) as SQL;
}

/** The units a scope may see: its tenant, and under its node or exactly its unit. */
export function unitsInScope(scope: Scope): SQL {
  const tenant = eq(units.tenantId, scope.tenantId);
  if (scope.role === "unit_staff") return and(tenant, eq(units.id, scope.unitId ?? "")) as SQL;
  return and(tenant, underPath(units.jurisdictionPath, scope.jurisdictionPath ?? "\uffff")) as SQL;
}

/** Applications the caller may see: their tenant, and their unit's own or those under their node. */
export function applicationsInScope(scope: Scope): SQL {
  const tenant = eq(applications.tenantId, scope.tenantId);
  if (scope.role === "unit_staff") return and(tenant, eq(applications.unitId, scope.unitId ?? "")) as SQL;
  return and(tenant, underPath(applications.jurisdictionPath, scope.jurisdictionPath ?? "\uffff")) as SQL;
}
