import { and, asc, eq, exists } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { criteriaSynonyms, tenants } from "../../db/schema.ts";
import type { Synonym } from "../domain/criteria-match.ts";
import { insertWhere } from "./conditional.ts";
import { type Db, newId } from "./db.ts";
import type { Scope } from "./scope.ts";

/** The office's synonym list in its order, as one select (other reads put it in their own batch). */
export function synonymList(db: Db, scope: Scope) {
  return db
    .select({ term: criteriaSynonyms.term, means: criteriaSynonyms.means })
    .from(criteriaSynonyms)
    .where(eq(criteriaSynonyms.tenantId, scope.tenantId))
    .orderBy(asc(criteriaSynonyms.position));
}

/** The list's version (tenants.synonyms_version), as one select. */
export function synonymsVersion(db: Db, scope: Scope) {
  return db.select({ version: tenants.synonymsVersion }).from(tenants).where(eq(tenants.id, scope.tenantId)).limit(1);
}

/** The two selects an editor needs, for one batch; `synonymsOf` reads their rows. */
export function synonymReads(db: Db, scope: Scope) {
  return [synonymList(db, scope), synonymsVersion(db, scope)] as const;
}

export function synonymsOf([items, [tenant]]: readonly [Synonym[], Array<{ version: number }>]) {
  return tenant === undefined ? undefined : { items, version: tenant.version };
}

/**
 * Replaces the list over the version the editor saw. The delete and inserts run before the version bump
 * and only while the version is still the one seen, so the guard (the bump) and they happen together or
 * not at all: a stale save changes nothing.
 */
export function synonymsReplace(
  db: Db,
  scope: Scope,
  version: number,
  items: readonly Synonym[],
): { statements: BatchItem<"sqlite">[]; guard: BatchItem<"sqlite"> } {
  const seen = and(eq(tenants.id, scope.tenantId), eq(tenants.synonymsVersion, version));
  const unchanged = exists(db.select({ id: tenants.id }).from(tenants).where(seen));
  const rows = items.map((s, position) => ({
    id: newId(),
    tenantId: scope.tenantId,
    term: s.term,
    means: s.means,
    position,
  }));
  return {
    statements: [
      db.delete(criteriaSynonyms).where(and(eq(criteriaSynonyms.tenantId, scope.tenantId), unchanged)),
      ...insertWhere(db, criteriaSynonyms, rows, unchanged),
    ],
    guard: db
      .update(tenants)
      .set({ synonymsVersion: version + 1 })
      .where(seen),
  };
}
