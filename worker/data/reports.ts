import { and, asc, eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { applicationReports, reportLinks } from "../../db/schema.ts";
import { applicationAdvanced } from "./applications.ts";
import { insertWhere } from "./conditional.ts";
import { type Db, nowIso } from "./db.ts";
import type { ApplicationRef } from "./unit-access.ts";

// The unit's report (汇报材料) on an application and its links to criteria items, reached through the
// application's proof of scope.

const reportOfApplication = (app: ApplicationRef) =>
  and(eq(applicationReports.tenantId, app.tenantId), eq(applicationReports.applicationId, app.id), app.inScope);

/** The stored report of the application, if any (one statement of a batch: `.limit(1)`, take the first row). */
export function reportOf(db: Db, app: ApplicationRef) {
  return db
    .select({
      content: applicationReports.content,
      figures: applicationReports.figures,
      length: applicationReports.length,
      updatedAt: applicationReports.updatedAt,
    })
    .from(applicationReports)
    .where(reportOfApplication(app))
    .limit(1);
}

/** Only the report's length, for the submit rule (the content stays in the database). */
export function reportLengthOf(db: Db, app: ApplicationRef) {
  return db
    .select({ length: applicationReports.length })
    .from(applicationReports)
    .where(reportOfApplication(app))
    .limit(1);
}

/** The application's paragraph → criteria item links, in a stable order. */
export function reportLinksOf(db: Db, app: ApplicationRef) {
  return db
    .select({ paragraphId: reportLinks.paragraphId, itemCode: reportLinks.itemCode })
    .from(reportLinks)
    .where(and(eq(reportLinks.tenantId, app.tenantId), eq(reportLinks.applicationId, app.id), app.inScope))
    .orderBy(asc(reportLinks.paragraphId), asc(reportLinks.itemCode));
}

export interface ReportValues {
  content: unknown;
  figures: unknown[];
  length: number;
  links: ReadonlyArray<{ paragraphId: string; itemCode: string }>;
}

/**
 * Writes the report (insert or replace) and replaces its links, as `after` statements of a save whose guard
 * moved the application from `version` to `version + 1`: a stale save writes none of them.
 */
export function reportSave(
  db: Db,
  app: ApplicationRef,
  seen: { version: number },
  userId: string,
  values: ReportValues,
): BatchItem<"sqlite">[] {
  const advanced = () => applicationAdvanced(db, app, { id: app.id, version: seen.version });
  const row = {
    content: JSON.stringify(values.content),
    figures: JSON.stringify(values.figures),
    length: values.length,
    updatedBy: userId,
    updatedAt: nowIso(),
  };
  const upsert = db
    .insert(applicationReports)
    .select(
      // Columns in schema order: application_id, tenant_id, content, figures, length, updated_by, updated_at.
      sql`select ${app.id}, ${app.tenantId}, ${row.content}, ${row.figures}, ${row.length}, ${row.updatedBy},
        ${row.updatedAt} where ${advanced()}`,
    )
    .onConflictDoUpdate({ target: applicationReports.applicationId, set: row });
  const clear = db
    .delete(reportLinks)
    .where(and(eq(reportLinks.tenantId, app.tenantId), eq(reportLinks.applicationId, app.id), advanced()));
  const insert = insertWhere(
    db,
    reportLinks,
    values.links.map((l) => ({
      tenantId: app.tenantId,
      applicationId: app.id,
      paragraphId: l.paragraphId,
      itemCode: l.itemCode,
    })),
    advanced(),
  );
  return [upsert, clear, ...insert];
}
