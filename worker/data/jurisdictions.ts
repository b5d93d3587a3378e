import { and, asc, eq, isNull } from "drizzle-orm";
import { jurisdictions } from "../../db/schema.ts";
import type { Db } from "./db.ts";
import { type Scope, underPath } from "./scope.ts";

/**
 * Children of a node of the caller's tenant (the roots when no parent is given). The tree itself
 * is not secret inside a tenant: every member reads it to pick places and filter lists.
 */
export function listJurisdictions(db: Db, scope: Scope, parentId: string | undefined) {
  return db
    .select({
      id: jurisdictions.id,
      code: jurisdictions.code,
      name: jurisdictions.name,
      level: jurisdictions.level,
      parentId: jurisdictions.parentId,
    })
    .from(jurisdictions)
    .where(
      and(
        eq(jurisdictions.tenantId, scope.tenantId),
        parentId ? eq(jurisdictions.parentId, parentId) : isNull(jurisdictions.parentId),
      ),
    )
    .orderBy(asc(jurisdictions.sort), asc(jurisdictions.code));
}

/** The cities under the caller's scope node: the choices of a city filter (none for unit staff). */
export function citiesInScope(db: Db, scope: Scope) {
  // Unit staff have no node: their path matches nothing, in the same batch as the rest.
  return db
    .select({ id: jurisdictions.id, code: jurisdictions.code, name: jurisdictions.name })
    .from(jurisdictions)
    .where(
      and(
        eq(jurisdictions.tenantId, scope.tenantId),
        eq(jurisdictions.level, "city"),
        underPath(jurisdictions.path, scope.jurisdictionPath ?? "\uffff"),
      ),
    )
    .orderBy(asc(jurisdictions.sort), asc(jurisdictions.code));
}
