import { and, asc, count, eq, exists, inArray, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import {
  applicationItems,
  applications,
  criteriaSystems,
  evidenceFiles,
  jurisdictions,
  rounds,
  sectors,
  unitKinds,
  units,
} from "../../db/schema.ts";
import type { ItemEvidence } from "../domain/evidence-rules.ts";
import type { Paging } from "../domain/paging.ts";
import type { ApplicationStatus } from "../domain/round-phase.ts";
import { ApiError } from "../errors.ts";
import { criteriaSelect } from "./criteria.ts";
import { type Db, newId, nowIso } from "./db.ts";
import { pageTotal } from "./page-total.ts";
import { applicationsInScope, type Scope } from "./scope.ts";
import type { ApplicationRef, UnitRef } from "./unit-access.ts";

const city = alias(jurisdictions, "city");

const applicationColumns = {
  id: applications.id,
  roundId: applications.roundId,
  unitId: applications.unitId,
  unitName: units.name,
  /** For the write checks (`writableFacts`) without another read. */
  unitStatus: units.status,
  unitPath: units.jurisdictionPath,
  channel: applications.channel,
  channelSectorId: applications.channelSectorId,
  status: applications.status,
  returnReason: applications.returnReason,
  submittedAt: applications.submittedAt,
  version: applications.version,
};

/** The application as one statement of a batch; `applicationFound` turns its rows into it or a 404. */
export function applicationLookup(db: Db, app: ApplicationRef) {
  return db
    .select(applicationColumns)
    .from(applications)
    .innerJoin(units, eq(units.id, applications.unitId))
    .where(and(eq(applications.tenantId, app.tenantId), eq(applications.id, app.id), app.inScope))
    .limit(1);
}

export type ApplicationRecord = Awaited<ReturnType<typeof applicationLookup>>[number];

export function applicationFound(rows: ApplicationRecord[]): ApplicationRecord {
  const [app] = rows;
  if (!app) throw new ApiError("not_found");
  return app;
}

/** The criteria system of the application's round, read through the application's proof of scope. */
export function criteriaOfApplication(db: Db, app: ApplicationRef) {
  return criteriaSelect(db)
    .innerJoin(
      rounds,
      and(eq(rounds.criteriaSystemId, criteriaSystems.id), eq(rounds.tenantId, criteriaSystems.tenantId)),
    )
    .innerJoin(applications, and(eq(applications.roundId, rounds.id), eq(applications.tenantId, rounds.tenantId)))
    .where(and(eq(criteriaSystems.tenantId, app.tenantId), eq(applications.id, app.id), app.inScope))
    .limit(1);
}

/** The unit's application in a round, if any (one statement of a batch: `.limit(1)`, take the first row). */
export function findApplicationOf(db: Db, unit: UnitRef, roundId: string) {
  return db
    .select({ id: applications.id })
    .from(applications)
    .where(
      and(
        eq(applications.tenantId, unit.tenantId),
        eq(applications.roundId, roundId),
        eq(applications.unitId, unit.id),
        unit.inScope,
      ),
    )
    .limit(1);
}

export function applicationInsert(
  db: Db,
  scope: Scope,
  fields: {
    roundId: string;
    unitId: string;
    jurisdictionPath: string;
    channel: "city" | "sector";
    channelSectorId: string | null;
  },
) {
  const id = newId();
  return {
    id,
    statement: db.insert(applications).values({ id, tenantId: scope.tenantId, ...fields, updatedAt: nowIso() }),
  };
}

/** Moves an application on only from the status and version the caller saw (0 rows = stale). */
export function applicationUpdate(
  db: Db,
  scope: Scope,
  app: { id: string; version: number; status: ApplicationStatus },
  changes: Partial<{ status: ApplicationStatus; returnReason: string | null; submittedAt: string | null }>,
) {
  return db
    .update(applications)
    .set({ ...changes, version: app.version + 1, updatedAt: nowIso() })
    .where(
      and(
        applicationsInScope(scope),
        eq(applications.id, app.id),
        eq(applications.version, app.version),
        eq(applications.status, app.status),
      ),
    );
}

/** True in the same batch only after the guarded update above moved the application to `version + 1`. */
export function applicationAdvanced(db: Db, scope: Pick<Scope, "tenantId">, app: { id: string; version: number }): SQL {
  return exists(
    db
      .select({ id: applications.id })
      .from(applications)
      .where(
        and(
          eq(applications.tenantId, scope.tenantId),
          eq(applications.id, app.id),
          eq(applications.version, app.version + 1),
        ),
      ),
  );
}

/** The self-assessment and evidence of an item, written (insert or replace) once the guard moved the version. */
export function itemUpsert(
  db: Db,
  scope: Scope,
  app: { id: string; version: number },
  itemCode: string,
  values: {
    selfPoints: number | null;
    selfGrade: string | null;
    note: string;
    links: string[];
    measureKeys: string[];
    recordIds: string[];
  },
) {
  const row = {
    selfPoints: values.selfPoints,
    selfGrade: values.selfGrade,
    note: values.note,
    links: JSON.stringify(values.links),
    measureKeys: JSON.stringify(values.measureKeys),
    recordIds: JSON.stringify(values.recordIds),
    updatedAt: nowIso(),
  };
  return db
    .insert(applicationItems)
    .select(
      sql`select ${newId()}, ${scope.tenantId}, ${app.id}, ${itemCode}, ${row.selfPoints}, ${row.selfGrade}, ${row.note},
        ${row.links}, ${row.measureKeys}, ${row.recordIds}, ${row.updatedAt}
        where ${applicationAdvanced(db, scope, app)}`,
    )
    .onConflictDoUpdate({ target: [applicationItems.applicationId, applicationItems.itemCode], set: row });
}

type ItemRow = typeof applicationItems.$inferSelect;

/**
 * Each item's evidence as the rules see it (scores, note, links and how many files), by application:
 * from the rows of `itemsOf` / `filesOf`, or of `listEvidence` for a page of a round's list.
 */
export function evidenceOf(
  items: ReadonlyArray<Pick<ItemRow, "applicationId" | "itemCode" | "selfPoints" | "selfGrade" | "note" | "links">>,
  files: ReadonlyArray<{ applicationId: string; itemCode: string; n: number }>,
) {
  const byApplication = new Map<string, Map<string, ItemEvidence>>();
  const entry = (applicationId: string, itemCode: string) => {
    const forApp = byApplication.get(applicationId) ?? new Map<string, ItemEvidence>();
    byApplication.set(applicationId, forApp);
    const existing = forApp.get(itemCode) ?? { selfPoints: null, selfGrade: null, note: "", links: [], files: 0 };
    forApp.set(itemCode, existing);
    return existing;
  };
  for (const item of items) {
    Object.assign(entry(item.applicationId, item.itemCode), {
      selfPoints: item.selfPoints,
      selfGrade: item.selfGrade,
      note: item.note,
      links: JSON.parse(item.links) as string[],
    });
  }
  for (const f of files) entry(f.applicationId, f.itemCode).files += f.n;
  return byApplication;
}

/** The stored self-assessment rows of one application. */
export function itemsOf(db: Db, app: ApplicationRef) {
  return db
    .select()
    .from(applicationItems)
    .where(and(eq(applicationItems.tenantId, app.tenantId), eq(applicationItems.applicationId, app.id), app.inScope));
}

/** The evidence files of one application, oldest first. */
export function filesOf(db: Db, app: ApplicationRef) {
  return db
    .select({
      id: evidenceFiles.id,
      applicationId: evidenceFiles.applicationId,
      itemCode: evidenceFiles.itemCode,
      name: evidenceFiles.name,
      contentType: evidenceFiles.contentType,
      size: evidenceFiles.size,
    })
    .from(evidenceFiles)
    .where(and(eq(evidenceFiles.tenantId, app.tenantId), eq(evidenceFiles.applicationId, app.id), app.inScope))
    .orderBy(asc(evidenceFiles.createdAt));
}

/** A file row, inserted only while the application is in scope and the item has fewer than `max` files. */
export function evidenceFileInsert(
  db: Db,
  app: ApplicationRef,
  file: { itemCode: string; key: string; name: string; contentType: string; size: number },
  max: number,
) {
  const id = newId();
  const room = sql`(select count(*) from ${evidenceFiles} where ${evidenceFiles.tenantId} = ${app.tenantId}
    and ${evidenceFiles.applicationId} = ${app.id} and ${evidenceFiles.itemCode} = ${file.itemCode}) < ${max}`;
  return {
    id,
    statement: db.insert(evidenceFiles).select(
      sql`select ${id}, ${app.tenantId}, ${app.id}, ${file.itemCode}, ${file.key}, ${file.name},
          ${file.contentType}, ${file.size}, ${nowIso()} where ${room} and ${app.inScope}`,
    ),
  };
}

/** An evidence file whose application the caller may see (one statement: `.limit(1)`, take the first row). */
export function evidenceFileById(db: Db, scope: Scope, fileId: string) {
  return db
    .select({
      id: evidenceFiles.id,
      key: evidenceFiles.key,
      name: evidenceFiles.name,
      contentType: evidenceFiles.contentType,
      applicationId: evidenceFiles.applicationId,
    })
    .from(evidenceFiles)
    .innerJoin(applications, eq(applications.id, evidenceFiles.applicationId))
    .where(and(eq(evidenceFiles.tenantId, scope.tenantId), applicationsInScope(scope), eq(evidenceFiles.id, fileId)))
    .limit(1);
}

export function evidenceFileDelete(db: Db, app: ApplicationRef, fileId: string) {
  return db
    .delete(evidenceFiles)
    .where(
      and(
        eq(evidenceFiles.tenantId, app.tenantId),
        eq(evidenceFiles.id, fileId),
        eq(evidenceFiles.applicationId, app.id),
        app.inScope,
      ),
    );
}

export interface ApplicationFilters {
  city?: string | undefined;
  sector?: string | undefined;
  kind?: string | undefined;
  status?: ApplicationStatus | undefined;
}

/**
 * A page of a round's applications in scope, with the unit's place and classification, as statements for one
 * batch: the page (its total as a column) and the evidence of just the applications on it.
 */
export function listApplications(db: Db, scope: Scope, roundId: string, filters: ApplicationFilters, page: Paging) {
  const conditions: (SQL | undefined)[] = [applicationsInScope(scope), eq(applications.roundId, roundId)];
  if (filters.city) conditions.push(eq(units.cityId, filters.city));
  if (filters.sector) conditions.push(eq(units.sectorId, filters.sector));
  if (filters.kind) conditions.push(eq(units.kindId, filters.kind));
  if (filters.status) conditions.push(eq(applications.status, filters.status));
  const where = and(...conditions);
  const total = pageTotal(
    db.select({ n: count() }).from(applications).innerJoin(units, eq(units.id, applications.unitId)).where(where),
  );
  const order = [asc(applications.jurisdictionPath), asc(units.name)] as const;
  const onPage = db
    .select({ id: applications.id })
    .from(applications)
    .innerJoin(units, eq(units.id, applications.unitId))
    .where(where)
    .orderBy(...order)
    .limit(page.pageSize)
    .offset(page.offset);
  const rows = db
    .select({
      id: applications.id,
      unitId: units.id,
      unitName: units.name,
      cityId: city.id,
      cityName: city.name,
      sectorId: sectors.id,
      sectorName: sectors.name,
      kindId: unitKinds.id,
      kindName: unitKinds.name,
      channel: applications.channel,
      status: applications.status,
      submittedAt: applications.submittedAt,
      total: total.column,
    })
    .from(applications)
    .innerJoin(units, eq(units.id, applications.unitId))
    .leftJoin(city, eq(city.id, units.cityId))
    .leftJoin(sectors, eq(sectors.id, units.sectorId))
    .leftJoin(unitKinds, eq(unitKinds.id, units.kindId))
    .where(where)
    .orderBy(...order)
    .limit(page.pageSize)
    .offset(page.offset);
  const items = db
    .select({
      applicationId: applicationItems.applicationId,
      itemCode: applicationItems.itemCode,
      selfPoints: applicationItems.selfPoints,
      selfGrade: applicationItems.selfGrade,
      note: applicationItems.note,
      links: applicationItems.links,
    })
    .from(applicationItems)
    .where(and(eq(applicationItems.tenantId, scope.tenantId), inArray(applicationItems.applicationId, onPage)));
  const files = db
    .select({ applicationId: evidenceFiles.applicationId, itemCode: evidenceFiles.itemCode, n: count() })
    .from(evidenceFiles)
    .where(and(eq(evidenceFiles.tenantId, scope.tenantId), inArray(evidenceFiles.applicationId, onPage)))
    .groupBy(evidenceFiles.applicationId, evidenceFiles.itemCode);
  return {
    statements: [rows, items, files] as const,
    /** The page's rows and total from the first statement's rows (a page past the end counts again). */
    page: async (found: Awaited<typeof rows>) => ({
      rows: found.map(({ total: _, ...row }) => row),
      total: await total.of(found, page.offset),
    }),
  };
}
