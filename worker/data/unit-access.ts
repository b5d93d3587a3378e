import { and, eq } from "drizzle-orm";
import { units } from "../../db/schema.ts";
import { ApiError } from "../errors.ts";
import type { Db } from "./db.ts";
import { type Scope, unitsInScope } from "./scope.ts";

export interface UnitRef {
  id: string;
  tenantId: string;
  status: "pending" | "active" | "suspended" | "rejected";
  jurisdictionPath: string;
}

/** A unit the caller may read (in their tenant and scope); anything else is 404. */
export async function readableUnit(db: Db, scope: Scope, unitId: string): Promise<UnitRef> {
  const unit = await db
    .select({ id: units.id, tenantId: units.tenantId, status: units.status, jurisdictionPath: units.jurisdictionPath })
    .from(units)
    .where(and(unitsInScope(scope), eq(units.id, unitId)))
    .get();
  if (!unit) throw new ApiError("not_found");
  return unit;
}

/**
 * A unit's own material (programs, records) is written only by its staff, and only once the unit is
 * approved: reviewers read it (403 for writes), pending staff see their status and nothing else.
 */
export async function writableUnit(db: Db, scope: Scope, unitId: string): Promise<UnitRef> {
  const unit = await readableUnit(db, scope, unitId);
  if (scope.role !== "unit_staff" || scope.unitId !== unit.id) throw new ApiError("forbidden");
  if (unit.status !== "active") throw new ApiError("unit_not_active");
  return unit;
}
