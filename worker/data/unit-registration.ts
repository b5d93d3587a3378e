import { and, asc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { jurisdictions, memberships, tenants, units, users } from "../../db/schema.ts";
import { nameInitials } from "../domain/name-initials.ts";
import { type CheckedUnitRow, unitNameKey } from "../domain/unit-rows.ts";
import { chunkedInsert } from "./chunk.ts";
import { listSectors, listUnitKinds } from "./classifications.ts";
import { type Db, newId } from "./db.ts";
import { type Scope, underPath } from "./scope.ts";
import type { UnitRef } from "./unit-access.ts";

export type PlaceNode = Pick<typeof jurisdictions.$inferSelect, "id" | "code" | "name" | "level" | "path" | "cityId">;

const nodeColumns = {
  id: jurisdictions.id,
  code: jurisdictions.code,
  name: jurisdictions.name,
  level: jurisdictions.level,
  path: jurisdictions.path,
  cityId: jurisdictions.cityId,
};

/** The id of the active office of this slug, as a subquery, so a public read needs no lookup first. */
export function liveTenantId(db: Db, slug: string): SQL {
  return sql`(${db
    .select({ id: tenants.id })
    .from(tenants)
    .where(and(eq(tenants.slug, slug), eq(tenants.status, "active")))})`;
}

/**
 * What the public registration form offers, as one batch: the office, the root of its tree, the children
 * of one node (the root's when no parent is named), its sectors and unit kinds.
 */
export function registrationChoices(db: Db, slug: string, parentId: string | undefined) {
  const tenantId = liveTenantId(db, slug);
  const atRoot = and(eq(jurisdictions.tenantId, tenantId), isNull(jurisdictions.parentId));
  const rootId = db.select({ id: jurisdictions.id }).from(jurisdictions).where(atRoot);
  return [
    db
      .select({ slug: tenants.slug, name: tenants.name })
      .from(tenants)
      .where(and(eq(tenants.slug, slug), eq(tenants.status, "active"))),
    db.select(nodeColumns).from(jurisdictions).where(atRoot).limit(1),
    db
      .select(nodeColumns)
      .from(jurisdictions)
      .where(and(eq(jurisdictions.tenantId, tenantId), eq(jurisdictions.parentId, parentId ?? sql`(${rootId})`)))
      .orderBy(asc(jurisdictions.sort), asc(jurisdictions.code)),
    listSectors(db, { tenantId }),
    listUnitKinds(db, { tenantId }),
  ] as const;
}

export function findPlace(db: Db, tenantId: string, id: string): Promise<PlaceNode | undefined> {
  return db
    .select(nodeColumns)
    .from(jurisdictions)
    .where(and(eq(jurisdictions.tenantId, tenantId), eq(jurisdictions.id, id)))
    .get();
}

/** Nodes under the caller's scope with these division codes. */
export async function placesByCode(db: Db, scope: Scope, codes: string[]): Promise<Map<string, PlaceNode>> {
  const found = new Map<string, PlaceNode>();
  if (!scope.jurisdictionPath) return found;
  for (let i = 0; i < codes.length; i += 90) {
    const rows = await db
      .select(nodeColumns)
      .from(jurisdictions)
      .where(
        and(
          eq(jurisdictions.tenantId, scope.tenantId),
          inArray(jurisdictions.code, codes.slice(i, i + 90)),
          underPath(jurisdictions.path, scope.jurisdictionPath),
        ),
      );
    for (const row of rows) found.set(row.code, row);
  }
  return found;
}

/**
 * Which of these credit codes and names the tenant already has (names compared by unitNameKey): the one
 * uniqueness rule of bulk creation and self-registration.
 */
export async function takenUnitKeys(db: Db, tenantId: string, creditCodes: string[], rawNames: string[]) {
  const names = rawNames.map(unitNameKey);
  const codes = new Set<string>();
  const taken = new Set<string>();
  for (let i = 0; i < Math.max(creditCodes.length, names.length); i += 90) {
    const [byCode, byName] = await Promise.all([
      db
        .select({ v: units.creditCode })
        .from(units)
        .where(and(eq(units.tenantId, tenantId), inArray(units.creditCode, creditCodes.slice(i, i + 90)))),
      db
        .select({ v: units.name })
        .from(units)
        .where(and(eq(units.tenantId, tenantId), inArray(units.name, names.slice(i, i + 90)))),
    ]);
    for (const r of byCode) if (r.v) codes.add(r.v);
    for (const r of byName) taken.add(r.v);
  }
  return { creditCodes: codes, names: taken };
}

export interface Registration {
  unit: NonNullable<CheckedUnitRow["unit"]>;
  account: { email: string; displayName: string; passwordHash: string };
}

/** A pending unit with its first staff account, as one batch. */
export function registrationStatements(db: Db, tenantId: string, registration: Registration) {
  const unitId = newId();
  const userId = newId();
  return {
    unitId,
    userId,
    statements: [
      db.insert(units).values({
        id: unitId,
        tenantId,
        ...registration.unit,
        nameInitials: nameInitials(registration.unit.name),
        status: "pending",
      }),
      db.insert(users).values({ id: userId, ...registration.account, status: "active" }),
      db.insert(memberships).values({ id: newId(), userId, tenantId, role: "unit_staff", unitId }),
    ] as BatchItem<"sqlite">[],
  };
}

/** Active units created by a reviewer or tenant admin from a sheet. */
export function unitInserts(db: Db, scope: Scope, rows: Array<NonNullable<CheckedUnitRow["unit"]>>) {
  return chunkedInsert(
    db,
    units,
    rows.map((unit) => ({
      id: newId(),
      tenantId: scope.tenantId,
      ...unit,
      nameInitials: nameInitials(unit.name),
      status: "active" as const,
    })),
  );
}

/** Approve or reject a pending unit in scope, over the version the reviewer saw. */
export function unitReviewUpdate(
  db: Db,
  unit: UnitRef,
  version: number,
  decision: { status: "active" | "rejected"; reviewNote: string | null },
) {
  return db
    .update(units)
    .set({ ...decision, version: version + 1 })
    .where(
      and(
        eq(units.tenantId, unit.tenantId),
        eq(units.id, unit.id),
        unit.inScope,
        eq(units.version, version),
        eq(units.status, "pending"),
      ),
    );
}
