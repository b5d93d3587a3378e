import { and, asc, count, eq, exists, inArray, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import {
  applicationItems,
  applications,
  evidenceFiles,
  jurisdictions,
  sectors,
  unitKinds,
  units,
} from "../../db/schema.ts";
import type { ItemEvidence } from "../domain/evidence-rules.ts";
import type { Paging } from "../domain/paging.ts";
import type { ApplicationStatus } from "../domain/round-phase.ts";
import { type Db, newId, nowIso } from "./db.ts";
import { pageTotal } from "./page-total.ts";
import { applicationsInScope, type Scope } from "./scope.ts";

const city = alias(jurisdictions, "city");

export async function getApplication(db: Db, scope: Scope, id: string) {
  return db
    .select({
      id: applications.id,
      roundId: applications.roundId,
      unitId: applications.unitId,
      unitName: units.name,
      channel: applications.channel,
      channelSectorId: applications.channelSectorId,
      status: applications.status,
      returnReason: applications.returnReason,
      submittedAt: applications.submittedAt,
      version: applications.version,
    })
    .from(applications)
    .innerJoin(units, eq(units.id, applications.unitId))
    .where(and(applicationsInScope(scope), eq(applications.id, id)))
    .get();
}

export type ApplicationRecord = NonNullable<Awaited<ReturnType<typeof getApplication>>>;

export function findApplicationOf(db: Db, scope: Scope, roundId: string, unitId: string) {
  return db
    .select({ id: applications.id })
    .from(applications)
    .where(
      and(
        eq(applications.tenantId, scope.tenantId),
        eq(applications.roundId, roundId),
        eq(applications.unitId, unitId),
      ),
    )
    .get();
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
export function applicationAdvanced(db: Db, app: { id: string; version: number }): SQL {
  return exists(
    db
      .select({ id: applications.id })
      .from(applications)
      .where(and(eq(applications.id, app.id), eq(applications.version, app.version + 1))),
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
        where ${applicationAdvanced(db, app)}`,
    )
    .onConflictDoUpdate({ target: [applicationItems.applicationId, applicationItems.itemCode], set: row });
}

/** Each item's evidence as the rules see it: scores, note, links and how many files. */
export async function evidenceOf(db: Db, scope: Scope, applicationIds: string[]) {
  const byApplication = new Map<string, Map<string, ItemEvidence>>();
  if (applicationIds.length === 0) return byApplication;
  const [items, files] = await Promise.all([
    db
      .select()
      .from(applicationItems)
      .where(
        and(eq(applicationItems.tenantId, scope.tenantId), inArray(applicationItems.applicationId, applicationIds)),
      ),
    db
      .select({ applicationId: evidenceFiles.applicationId, itemCode: evidenceFiles.itemCode, n: count() })
      .from(evidenceFiles)
      .where(and(eq(evidenceFiles.tenantId, scope.tenantId), inArray(evidenceFiles.applicationId, applicationIds)))
      .groupBy(evidenceFiles.applicationId, evidenceFiles.itemCode),
  ]);
  const entry = (applicationId: string, itemCode: string) => {
    const forApp = byApplication.get(applicationId) ?? new Map();
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
  for (const f of files) entry(f.applicationId, f.itemCode).files = f.n;
  return byApplication;
}

/** The stored self-assessment rows of one application. */
export function itemsOf(db: Db, scope: Scope, applicationId: string) {
  return db
    .select()
    .from(applicationItems)
    .where(and(eq(applicationItems.tenantId, scope.tenantId), eq(applicationItems.applicationId, applicationId)));
}

export function filesOf(db: Db, scope: Scope, applicationId: string) {
  return db
    .select({
      id: evidenceFiles.id,
      itemCode: evidenceFiles.itemCode,
      name: evidenceFiles.name,
      contentType: evidenceFiles.contentType,
      size: evidenceFiles.size,
    })
    .from(evidenceFiles)
    .where(and(eq(evidenceFiles.tenantId, scope.tenantId), eq(evidenceFiles.applicationId, applicationId)))
    .orderBy(asc(evidenceFiles.createdAt));
}

/** A file row, inserted only while the item has fewer than `max` files (checked inside the write). */
export function evidenceFileInsert(
  db: Db,
  scope: Scope,
  file: { applicationId: string; itemCode: string; key: string; name: string; contentType: string; size: number },
  max: number,
) {
  const id = newId();
  const room = sql`(select count(*) from ${evidenceFiles} where ${evidenceFiles.applicationId} = ${file.applicationId}
    and ${evidenceFiles.itemCode} = ${file.itemCode}) < ${max}`;
  return {
    id,
    statement: db.insert(evidenceFiles).select(
      sql`select ${id}, ${scope.tenantId}, ${file.applicationId}, ${file.itemCode}, ${file.key}, ${file.name},
          ${file.contentType}, ${file.size}, ${nowIso()} where ${room}`,
    ),
  };
}

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
    .where(and(applicationsInScope(scope), eq(evidenceFiles.id, fileId)))
    .get();
}

export function evidenceFileDelete(db: Db, scope: Scope, fileId: string, applicationId: string) {
  return db
    .delete(evidenceFiles)
    .where(
      and(
        eq(evidenceFiles.tenantId, scope.tenantId),
        eq(evidenceFiles.id, fileId),
        eq(evidenceFiles.applicationId, applicationId),
      ),
    );
}

export interface ApplicationFilters {
  city?: string | undefined;
  sector?: string | undefined;
  kind?: string | undefined;
  status?: ApplicationStatus | undefined;
}

/** A page of a round's applications in scope, with the unit's place and classification. */
export async function listApplications(
  db: Db,
  scope: Scope,
  roundId: string,
  filters: ApplicationFilters,
  page: Paging,
) {
  const conditions: (SQL | undefined)[] = [applicationsInScope(scope), eq(applications.roundId, roundId)];
  if (filters.city) conditions.push(eq(units.cityId, filters.city));
  if (filters.sector) conditions.push(eq(units.sectorId, filters.sector));
  if (filters.kind) conditions.push(eq(units.kindId, filters.kind));
  if (filters.status) conditions.push(eq(applications.status, filters.status));
  const where = and(...conditions);
  const total = pageTotal(
    db.select({ n: count() }).from(applications).innerJoin(units, eq(units.id, applications.unitId)).where(where),
  );
  const rows = await db
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
    .orderBy(asc(applications.jurisdictionPath), asc(units.name))
    .limit(page.pageSize)
    .offset(page.offset);
  return { rows: rows.map(({ total: _, ...row }) => row), total: await total.of(rows, page.offset) };
}
