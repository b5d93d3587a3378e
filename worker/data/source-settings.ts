// A round's questionnaire and mutual-assessment settings, read by tenant and round: the owner's pages, the
// public form (which resolves the tenant from its slug), the results, the score form and the peers' forms.
import { and, eq, exists, sql } from "drizzle-orm";
import { mutualAssessments, surveys } from "../../db/schema.ts";
import type { Db } from "./db.ts";

/** The round's questionnaire row (none until the owner saves one), as a statement for a batch. */
export function surveyLookup(db: Db, tenantId: string, roundId: string) {
  return db
    .select()
    .from(surveys)
    .where(and(eq(surveys.tenantId, tenantId), eq(surveys.roundId, roundId)))
    .limit(1);
}

/** The round's mutual-assessment row (none until the owner saves one), as a statement for a batch. */
export function mutualLookup(db: Db, tenantId: string, roundId: string) {
  return db
    .select()
    .from(mutualAssessments)
    .where(and(eq(mutualAssessments.tenantId, tenantId), eq(mutualAssessments.roundId, roundId)))
    .limit(1);
}

/** Whether the round has a questionnaire and mutual assessment, as one statement of a batch (one row). */
export function roundSources(db: Db, tenantId: string, roundId: string) {
  return db
    .select({
      survey: sql<number>`${exists(surveyLookup(db, tenantId, roundId))}`.mapWith(Boolean),
      mutual: sql<number>`${exists(mutualLookup(db, tenantId, roundId))}`.mapWith(Boolean),
    })
    .from(sql`(select 1)`);
}
