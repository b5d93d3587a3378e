import { asc, eq } from "drizzle-orm";
import { sectors, unitKinds } from "../../db/schema.ts";
import type { Db } from "./db.ts";
import type { Scope } from "./scope.ts";

/** The tenant's sectors (系统/行业), in its own order. */
export function listSectors(db: Db, scope: Scope) {
  return db
    .select({ id: sectors.id, code: sectors.code, name: sectors.name })
    .from(sectors)
    .where(eq(sectors.tenantId, scope.tenantId))
    .orderBy(asc(sectors.sort), asc(sectors.code));
}

/** The tenant's unit kinds (机关, 学校…), in its own order. */
export function listUnitKinds(db: Db, scope: Scope) {
  return db
    .select({ id: unitKinds.id, code: unitKinds.code, name: unitKinds.name })
    .from(unitKinds)
    .where(eq(unitKinds.tenantId, scope.tenantId))
    .orderBy(asc(unitKinds.sort), asc(unitKinds.code));
}
