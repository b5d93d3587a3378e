import { and, eq, exists, type SQL } from "drizzle-orm";
import { applications, units } from "../../db/schema.ts";
import type { UnitStatus } from "../domain/vocabulary.ts";
import { ApiError } from "../errors.ts";
import type { Db } from "./db.ts";
import { applicationsInScope, type Scope, unitsInScope } from "./scope.ts";

declare const unitRefBrand: unique symbol;
declare const applicationRefBrand: unique symbol;

/**
 * Proof of scope for one unit's material (programs, records, titles, applications): made only here, from
 * the caller's scope, and taken by every data function of that material instead of a raw id. It carries
 * the scope as a condition that each such query includes, so a route that forgot to look the unit up
 * first still reads nothing outside the caller's scope, and the lookup can share the route's one batch.
 */
export interface UnitRef {
  readonly [unitRefBrand]: true;
  readonly id: string;
  readonly tenantId: string;
  /** True only while the unit is in the caller's tenant and scope. */
  readonly inScope: SQL;
}

/** The same proof for one application's material (self-assessment, evidence files). */
export interface ApplicationRef {
  readonly [applicationRefBrand]: true;
  readonly id: string;
  readonly tenantId: string;
  readonly inScope: SQL;
}

export function unitRef(db: Db, scope: Scope, unitId: string): UnitRef {
  const inScope = exists(
    db
      .select({ id: units.id })
      .from(units)
      .where(and(unitsInScope(scope), eq(units.id, unitId))),
  );
  return { id: unitId, tenantId: scope.tenantId, inScope } as UnitRef;
}

export function applicationRef(db: Db, scope: Scope, applicationId: string): ApplicationRef {
  const inScope = exists(
    db
      .select({ id: applications.id })
      .from(applications)
      .where(and(applicationsInScope(scope), eq(applications.id, applicationId))),
  );
  return { id: applicationId, tenantId: scope.tenantId, inScope } as ApplicationRef;
}

/** The unit's facts as one statement of a batch; `unitFound` turns its rows into the unit or a 404. */
export function unitLookup(db: Db, unit: UnitRef) {
  return db
    .select({ id: units.id, status: units.status, jurisdictionPath: units.jurisdictionPath })
    .from(units)
    .where(and(eq(units.tenantId, unit.tenantId), eq(units.id, unit.id), unit.inScope))
    .limit(1);
}

export interface UnitFacts {
  id: string;
  status: UnitStatus;
  jurisdictionPath: string;
}

export function unitFound(rows: UnitFacts[]): UnitFacts {
  const [unit] = rows;
  if (!unit) throw new ApiError("not_found");
  return unit;
}

/** A unit the caller may read (in their tenant and scope), with its ref; anything else is 404. */
export async function readableUnit(db: Db, scope: Scope, unitId: string): Promise<UnitFacts & { ref: UnitRef }> {
  const ref = unitRef(db, scope, unitId);
  return { ...unitFound(await unitLookup(db, ref)), ref };
}

/**
 * A unit's own material (programs, records) is written only by its staff, and only once the unit is
 * approved: reviewers read it (403 for writes), pending staff see their status and nothing else.
 */
export function writableFacts(scope: Scope, unit: Pick<UnitFacts, "id" | "status">): void {
  if (scope.role !== "unit_staff" || scope.unitId !== unit.id) throw new ApiError("forbidden");
  if (unit.status !== "active") throw new ApiError("unit_not_active");
}

export async function writableUnit(db: Db, scope: Scope, unitId: string): Promise<UnitFacts & { ref: UnitRef }> {
  const unit = await readableUnit(db, scope, unitId);
  writableFacts(scope, unit);
  return unit;
}
