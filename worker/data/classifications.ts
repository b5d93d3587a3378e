import { and, asc, count, eq, type SQL } from "drizzle-orm";
import type { BatchItem, BatchResponse } from "drizzle-orm/batch";
import { sectors, unitKinds, units } from "../../db/schema.ts";
import type { Db } from "./db.ts";
import { newId } from "./db.ts";
import type { Scope } from "./scope.ts";

export type ClassificationList = "sectors" | "unit-kinds";

const tables = {
  sectors: { table: sectors, unitColumn: units.sectorId },
  "unit-kinds": { table: unitKinds, unitColumn: units.kindId },
} as const;

/** A tenant: a member's scope, or a public page's tenant named by a subquery on its slug. */
type TenantOf = { tenantId: string | SQL };

/** The tenant's sectors (系统/行业), in its own order; archived ones only when asked for. */
export function listSectors(db: Db, scope: TenantOf) {
  return db
    .select({ id: sectors.id, code: sectors.code, name: sectors.name })
    .from(sectors)
    .where(and(eq(sectors.tenantId, scope.tenantId), eq(sectors.archived, false)))
    .orderBy(asc(sectors.sort), asc(sectors.code));
}

/** The tenant's unit kinds (机关, 学校…), in its own order, without archived ones. */
export function listUnitKinds(db: Db, scope: TenantOf) {
  return db
    .select({ id: unitKinds.id, code: unitKinds.code, name: unitKinds.name })
    .from(unitKinds)
    .where(and(eq(unitKinds.tenantId, scope.tenantId), eq(unitKinds.archived, false)))
    .orderBy(asc(unitKinds.sort), asc(unitKinds.code));
}

/** A whole list for editing, as statements: archived entries included, with how many units use each. */
export function editingStatements(db: Db, scope: Scope, list: ClassificationList) {
  const { table, unitColumn } = tables[list];
  return [
    db
      .select({ id: table.id, code: table.code, name: table.name, archived: table.archived })
      .from(table)
      .where(eq(table.tenantId, scope.tenantId))
      .orderBy(asc(table.sort), asc(table.code)),
    db.select({ id: unitColumn, n: count() }).from(units).where(eq(units.tenantId, scope.tenantId)).groupBy(unitColumn),
  ] as const;
}

export function editingListOf([rows, usage]: BatchResponse<ReturnType<typeof editingStatements>>) {
  const used = new Map(usage.map((u) => [u.id, u.n]));
  return rows.map((r) => ({ ...r, inUse: used.get(r.id) ?? 0 }));
}

export async function listForEditing(db: Db, scope: Scope, list: ClassificationList) {
  return editingListOf(await db.batch(editingStatements(db, scope, list)));
}

export interface ClassificationEntry {
  id?: string | undefined;
  code: string;
  name: string;
  archived: boolean;
}

/** Statements that make the stored list equal `entries`, in their order (sort = position). */
export function replaceListStatements(
  db: Db,
  scope: Scope,
  list: ClassificationList,
  entries: ClassificationEntry[],
): BatchItem<"sqlite">[] {
  const { table } = tables[list];
  return entries.map((entry, sort) =>
    entry.id
      ? db
          .update(table)
          .set({ code: entry.code, name: entry.name, archived: entry.archived, sort })
          .where(and(eq(table.tenantId, scope.tenantId), eq(table.id, entry.id)))
      : db.insert(table).values({
          id: newId(),
          tenantId: scope.tenantId,
          code: entry.code,
          name: entry.name,
          archived: entry.archived,
          sort,
        }),
  );
}
