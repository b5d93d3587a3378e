import { and, asc, desc, eq } from "drizzle-orm";
import { criteriaSystems } from "../../db/schema.ts";
import { methodShares } from "../domain/criteria.ts";
import { CriteriaContent, type CriteriaDocument } from "../schemas/criteria.ts";
import { type Db, newId } from "./db.ts";
import type { Scope } from "./scope.ts";

export function listCriteriaSystems(db: Db, scope: Pick<Scope, "tenantId">) {
  return db
    .select({
      id: criteriaSystems.id,
      name: criteriaSystems.name,
      version: criteriaSystems.version,
      frozen: criteriaSystems.frozen,
    })
    .from(criteriaSystems)
    .where(eq(criteriaSystems.tenantId, scope.tenantId))
    .orderBy(asc(criteriaSystems.name), desc(criteriaSystems.version));
}

/** A system of the caller's tenant with its parsed document, or undefined. */
export async function getCriteriaSystem(db: Db, scope: Pick<Scope, "tenantId">, id: string) {
  const row = await db
    .select()
    .from(criteriaSystems)
    .where(and(eq(criteriaSystems.tenantId, scope.tenantId), eq(criteriaSystems.id, id)))
    .get();
  if (!row) return undefined;
  return { id: row.id, frozen: row.frozen, rev: row.rev, doc: CriteriaContent.parse(JSON.parse(row.content)) };
}

export type StoredCriteria = NonNullable<Awaited<ReturnType<typeof getCriteriaSystem>>>;

/** The API's view: the document plus what follows from it (each method's share). */
export function criteriaView(system: StoredCriteria) {
  const { doc } = system;
  return {
    id: system.id,
    name: doc.name,
    version: doc.version,
    frozen: system.frozen,
    rev: system.rev,
    maxTotal: doc.maxTotal,
    categories: doc.categories,
    bonusItems: doc.bonusItems,
    bonusCap: doc.bonusCap,
    deductionItems: doc.deductionItems,
    deductionCap: doc.deductionCap,
    vetoRules: doc.vetoRules,
    methodShares: methodShares(doc),
  };
}

export function criteriaInsert(db: Db, scope: Pick<Scope, "tenantId">, doc: CriteriaDocument, id = newId()) {
  return {
    id,
    statement: db.insert(criteriaSystems).values({
      id,
      tenantId: scope.tenantId,
      name: doc.name,
      version: doc.version,
      content: JSON.stringify(doc),
    }),
  };
}

/** Edits only an unfrozen system, over the rev the editor saw (0 rows changed = frozen or stale). */
export function criteriaUpdate(db: Db, scope: Scope, id: string, rev: number, doc: CriteriaDocument) {
  return db
    .update(criteriaSystems)
    .set({ name: doc.name, version: doc.version, content: JSON.stringify(doc), rev: rev + 1 })
    .where(
      and(
        eq(criteriaSystems.tenantId, scope.tenantId),
        eq(criteriaSystems.id, id),
        eq(criteriaSystems.rev, rev),
        eq(criteriaSystems.frozen, false),
      ),
    );
}

/** Freezing happens in the batch that creates the first round using the system. */
export function criteriaFreeze(db: Db, scope: Scope, id: string) {
  return db
    .update(criteriaSystems)
    .set({ frozen: true })
    .where(and(eq(criteriaSystems.tenantId, scope.tenantId), eq(criteriaSystems.id, id)));
}
