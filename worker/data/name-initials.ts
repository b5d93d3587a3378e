import { and, eq, isNull } from "drizzle-orm";
import { tenants, units } from "../../db/schema.ts";
import { nameInitials } from "../domain/name-initials.ts";
import type { Db } from "./db.ts";

/** At most this many units per office per run: one bounded batch each, however large the backlog. */
export const INITIALS_PER_RUN = 500;

/**
 * Gives units without pinyin initials theirs (rows written before units kept them), office by office, so the
 * public search by initials (dykx) finds every unit. Run by the scheduled trigger; returns how many it filled.
 */
export async function fillNameInitials(db: Db, perOffice = INITIALS_PER_RUN): Promise<number> {
  let filled = 0;
  for (const { id: tenantId } of await db.select({ id: tenants.id }).from(tenants)) {
    const missing = await db
      .select({ id: units.id, name: units.name })
      .from(units)
      .where(and(eq(units.tenantId, tenantId), isNull(units.nameInitials)))
      .limit(perOffice);
    const [first, ...rest] = missing.map((unit) =>
      db
        .update(units)
        .set({ nameInitials: nameInitials(unit.name) })
        .where(and(eq(units.tenantId, tenantId), eq(units.id, unit.id), isNull(units.nameInitials))),
    );
    if (!first) continue;
    await db.batch([first, ...rest]);
    filled += missing.length;
  }
  return filled;
}
