import { and, count, desc, eq, gte, inArray, isNull, lte, type SQL, sql } from "drizzle-orm";
import type { BatchResponse } from "drizzle-orm/batch";
import { programMeasures, recordAttachments, records, units } from "../../db/schema.ts";
import type { Paging } from "../domain/paging.ts";
import type { AttachmentType, RecordKind } from "../domain/record-rules.ts";
import { type Db, newId, nowIso } from "./db.ts";
import { pageTotal } from "./page-total.ts";
import { type Scope, unitsInScope } from "./scope.ts";
import type { UnitRef } from "./unit-access.ts";

type StoredRecord = typeof records.$inferSelect;

/** What a unit writes about a record; the rest of the row is the system's. */
export type RecordFields = Pick<
  StoredRecord,
  "date" | "kind" | "title" | "people" | "quantity" | "quantityUnit" | "programId" | "measureKey" | "note"
>;

export interface RecordFilters {
  kind?: RecordKind | undefined;
  from?: string | undefined;
  to?: string | undefined;
  measureKey?: string | undefined;
}

const recordColumns = {
  id: records.id,
  unitId: records.unitId,
  date: records.date,
  kind: records.kind,
  title: records.title,
  people: records.people,
  quantity: records.quantity,
  quantityUnit: records.quantityUnit,
  programId: records.programId,
  measureKey: records.measureKey,
  note: records.note,
  createdAt: records.createdAt,
  version: records.version,
};

const attachmentColumns = {
  id: recordAttachments.id,
  recordId: recordAttachments.recordId,
  name: recordAttachments.name,
  contentType: recordAttachments.contentType,
  size: recordAttachments.size,
};

type RecordRow = Pick<StoredRecord, keyof typeof recordColumns>;
type AttachmentRow = Pick<typeof recordAttachments.$inferSelect, keyof typeof attachmentColumns>;

function toAttachment(row: AttachmentRow) {
  return { id: row.id, name: row.name, contentType: row.contentType as AttachmentType, size: row.size };
}

function toRecord(row: RecordRow, attachments: AttachmentRow[]) {
  return {
    id: row.id,
    date: row.date,
    kind: row.kind,
    title: row.title,
    people: row.people,
    quantity: row.quantity,
    quantityUnit: row.quantityUnit,
    programId: row.programId,
    measureKey: row.measureKey,
    note: row.note,
    createdAt: row.createdAt,
    version: row.version,
    attachments: attachments.filter((a) => a.recordId === row.id).map(toAttachment),
  };
}

export type RecordView = ReturnType<typeof toRecord>;

const newestFirst = [desc(records.date), desc(records.createdAt), desc(records.id)];

/**
 * One page of a unit's live records, newest first, as two statements for the route's batch (the page with
 * its total, and the page's attachments) and the step that shapes their rows; empty outside the ref's scope.
 */
export function listRecords(db: Db, unit: UnitRef, filters: RecordFilters, page: Paging) {
  const conditions: (SQL | undefined)[] = [
    eq(records.tenantId, unit.tenantId),
    eq(records.unitId, unit.id),
    isNull(records.deletedAt),
    unit.inScope,
  ];
  if (filters.kind) conditions.push(eq(records.kind, filters.kind));
  if (filters.from) conditions.push(gte(records.date, filters.from));
  if (filters.to) conditions.push(lte(records.date, filters.to));
  if (filters.measureKey) conditions.push(eq(records.measureKey, filters.measureKey));
  const where = and(...conditions);
  const pageIds = db
    .select({ id: records.id })
    .from(records)
    .where(where)
    .orderBy(...newestFirst)
    .limit(page.pageSize)
    .offset(page.offset);
  // The page's attachments come through the same filter as a subquery: a handful of bound parameters
  // however large the page, where a list of ids could pass D1's limit of 100.
  const total = pageTotal(db.select({ n: count() }).from(records).where(where));
  const rows = db
    .select({ ...recordColumns, total: total.column })
    .from(records)
    .where(where)
    .orderBy(...newestFirst)
    .limit(page.pageSize)
    .offset(page.offset);
  const attachments = db
    .select(attachmentColumns)
    .from(recordAttachments)
    .where(and(eq(recordAttachments.tenantId, unit.tenantId), inArray(recordAttachments.recordId, pageIds)));
  return {
    rows,
    attachments,
    /** Only a page past the end, with no rows to carry the total, costs another round trip. */
    page: async (pageRows: Awaited<typeof rows>, pageAttachments: Awaited<typeof attachments>) => ({
      items: pageRows.map((r) => toRecord(r, pageAttachments)),
      total: await total.of(pageRows, page.offset),
    }),
  };
}

/**
 * A live record of a unit in the caller's scope, with its unit's id and status, and its files: two
 * statements for one batch (`recordFound` reads them); anything outside the scope looks unknown.
 */
export function recordLookup(db: Db, scope: Scope, id: string) {
  return [
    db
      .select({ ...recordColumns, unitStatus: units.status })
      .from(records)
      .innerJoin(units, eq(units.id, records.unitId))
      .where(
        and(unitsInScope(scope), eq(records.tenantId, scope.tenantId), eq(records.id, id), isNull(records.deletedAt)),
      )
      .limit(1),
    db
      .select(attachmentColumns)
      .from(recordAttachments)
      .where(and(eq(recordAttachments.tenantId, scope.tenantId), eq(recordAttachments.recordId, id))),
  ] as const;
}

type RecordLookup = BatchResponse<ReturnType<typeof recordLookup>>;

export function recordFound([rows, attachments]: RecordLookup) {
  const [row] = rows;
  if (!row) return undefined;
  const { unitStatus, ...record } = row;
  return { unit: { id: row.unitId, status: unitStatus }, record: toRecord(record, attachments) };
}

export async function getRecord(db: Db, scope: Scope, id: string) {
  return recordFound(await db.batch(recordLookup(db, scope, id)));
}

/** Whether the unit's published program has this measure (program_measures holds the latest published version). */
export async function measureExists(db: Db, unit: UnitRef, programId: string, measureKey: string) {
  const rows = await db
    .select({ id: programMeasures.id })
    .from(programMeasures)
    .where(
      and(
        eq(programMeasures.tenantId, unit.tenantId),
        eq(programMeasures.unitId, unit.id),
        eq(programMeasures.programId, programId),
        eq(programMeasures.measureKey, measureKey),
        unit.inScope,
      ),
    )
    .limit(1);
  return rows.length > 0;
}

export function newRecordStatement(db: Db, scope: Scope, unit: UnitRef, fields: RecordFields) {
  const id = newId();
  return {
    id,
    statement: db
      .insert(records)
      .values({ id, tenantId: unit.tenantId, unitId: unit.id, createdBy: scope.userId, ...fields }),
  };
}

/** Changes a live record only at the version the editor saw (0 rows changed = stale or deleted). */
export function recordUpdate(db: Db, scope: Scope, id: string, version: number, changes: Partial<RecordFields>) {
  return db
    .update(records)
    .set({ ...changes, version: version + 1 })
    .where(
      and(
        eq(records.tenantId, scope.tenantId),
        eq(records.id, id),
        eq(records.version, version),
        isNull(records.deletedAt),
      ),
    );
}

/** Records are evidence: deleting one only marks it, and the audit trail keeps what it was. */
export function recordSoftDelete(db: Db, scope: Scope, id: string, version: number) {
  return db
    .update(records)
    .set({ deletedAt: nowIso(), version: version + 1 })
    .where(
      and(
        eq(records.tenantId, scope.tenantId),
        eq(records.id, id),
        eq(records.version, version),
        isNull(records.deletedAt),
      ),
    );
}

export interface NewAttachment {
  id: string;
  recordId: string;
  key: string;
  name: string;
  contentType: AttachmentType;
  size: number;
}

/**
 * Inserts the attachment only while its record is live and has fewer than `max` files: checked inside the
 * statement, so two uploads racing for the last slot cannot both get it (0 rows = refused).
 */
export function attachmentInsert(db: Db, scope: Scope, file: NewAttachment, max: number) {
  const f = { ...file, tenantId: scope.tenantId, createdAt: nowIso() };
  // With raw SQL, drizzle lists the table's columns in schema order: the select follows that order.
  return db.insert(recordAttachments).select(sql`select ${f.id}, ${f.tenantId}, ${f.recordId}, ${f.key}, ${f.name},
      ${f.contentType}, ${f.size}, ${f.createdAt}
    from ${records}
    where ${records.tenantId} = ${f.tenantId} and ${records.id} = ${f.recordId} and ${records.deletedAt} is null
      and (select count(*) from ${recordAttachments}
        where ${recordAttachments.tenantId} = ${f.tenantId} and ${recordAttachments.recordId} = ${f.recordId}) < ${max}`);
}

/** A stored file of a live record in the caller's scope, or undefined (outside scope looks unknown). */
export function getAttachment(db: Db, scope: Scope, id: string) {
  return db
    .select({
      key: recordAttachments.key,
      name: recordAttachments.name,
      contentType: recordAttachments.contentType,
    })
    .from(recordAttachments)
    .innerJoin(records, eq(records.id, recordAttachments.recordId))
    .innerJoin(units, eq(units.id, records.unitId))
    .where(
      and(
        eq(recordAttachments.tenantId, scope.tenantId),
        eq(recordAttachments.id, id),
        isNull(records.deletedAt),
        unitsInScope(scope),
      ),
    )
    .get();
}

/** Which of these record ids are the unit's own live records (for linking them as evidence). */
export function unitRecordIds(db: Db, unit: UnitRef, ids: string[]) {
  return db
    .select({ id: records.id })
    .from(records)
    .where(
      and(
        eq(records.tenantId, unit.tenantId),
        eq(records.unitId, unit.id),
        inArray(records.id, ids),
        isNull(records.deletedAt),
        unit.inScope,
      ),
    );
}
