import { and, asc, desc, eq, exists, ne, type SQL } from "drizzle-orm";
import { criteriaSystems, rounds } from "../../db/schema.ts";
import { methodShares } from "../domain/criteria.ts";
import { ApiError } from "../errors.ts";
import { CriteriaContent, type CriteriaDocument } from "../schemas/criteria.ts";
import { type Db, newId } from "./db.ts";
import type { Scope } from "./scope.ts";

/**
 * Criteria systems the caller may see: their tenant's; unit staff only those of a round they can see
 * (from `applications_open` on), not drafts' systems nor unused copies.
 */
export function criteriaVisible(db: Db, scope: Pick<Scope, "tenantId" | "role">): SQL {
  const tenant = eq(criteriaSystems.tenantId, scope.tenantId);
  if (scope.role !== "unit_staff") return tenant;
  const used = exists(
    db
      .select({ id: rounds.id })
      .from(rounds)
      .where(
        and(
          eq(rounds.tenantId, scope.tenantId),
          eq(rounds.criteriaSystemId, criteriaSystems.id),
          ne(rounds.phase, "draft"),
        ),
      ),
  );
  return and(tenant, used) as SQL;
}

export function listCriteriaSystems(db: Db, scope: Pick<Scope, "tenantId" | "role">) {
  return db
    .select({
      id: criteriaSystems.id,
      name: criteriaSystems.name,
      version: criteriaSystems.version,
      frozen: criteriaSystems.frozen,
    })
    .from(criteriaSystems)
    .where(criteriaVisible(db, scope))
    .orderBy(asc(criteriaSystems.name), desc(criteriaSystems.version));
}

const storedColumns = {
  id: criteriaSystems.id,
  frozen: criteriaSystems.frozen,
  rev: criteriaSystems.rev,
  content: criteriaSystems.content,
};

/** The stored columns of systems, for a lookup to narrow (by id, or through a round or an application). */
export function criteriaSelect(db: Db) {
  return db.select(storedColumns).from(criteriaSystems);
}

/** A visible system as one statement of a batch; `criteriaParsed` / `criteriaFound` read its rows. */
export function criteriaLookup(db: Db, scope: Pick<Scope, "tenantId" | "role">, id: string) {
  return criteriaSelect(db)
    .where(and(criteriaVisible(db, scope), eq(criteriaSystems.id, id)))
    .limit(1);
}

type StoredRow = { id: string; frozen: boolean; rev: number; content: string };

/** The system with its parsed document, or undefined. */
/**
 * Parsed documents by their stored text, per isolate: a round's system is frozen, so every scoring form, save
 * and ranking of the round reads the same text, and validating 60+ items each time is most of a read's own
 * work. Keyed on the text itself, so an edited system is never served stale. Documents are shared: callers
 * build new ones rather than change them.
 */
const parsedDocuments = new Map<string, CriteriaDocument>();
const MAX_PARSED_DOCUMENTS = 32;

function parsedDocument(content: string): CriteriaDocument {
  const known = parsedDocuments.get(content);
  if (known) return known;
  const doc = CriteriaContent.parse(JSON.parse(content));
  if (parsedDocuments.size >= MAX_PARSED_DOCUMENTS) parsedDocuments.delete(parsedDocuments.keys().next().value ?? "");
  parsedDocuments.set(content, doc);
  return doc;
}

export function criteriaParsed(rows: StoredRow[]) {
  const [row] = rows;
  if (!row) return undefined;
  return { id: row.id, frozen: row.frozen, rev: row.rev, doc: parsedDocument(row.content) };
}

/** The system with its parsed document, or a 404. */
export function criteriaFound(rows: StoredRow[]): StoredCriteria {
  const system = criteriaParsed(rows);
  if (!system) throw new ApiError("not_found");
  return system;
}

/** A visible system of the caller's tenant with its parsed document, or undefined. */
export async function getCriteriaSystem(db: Db, scope: Pick<Scope, "tenantId" | "role">, id: string) {
  return criteriaParsed(await criteriaLookup(db, scope, id));
}

export type StoredCriteria = NonNullable<ReturnType<typeof criteriaParsed>>;

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
