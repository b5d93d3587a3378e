import { createRoute, z } from "@hono/zod-openapi";
import { auditEvent, runAuditedThenRead } from "../data/audit.ts";
import { type Db, newId } from "../data/db.ts";
import {
  attachmentInsert,
  getAttachment,
  getRecord,
  listRecords,
  measureExists,
  newRecordStatement,
  type RecordFields,
  type RecordView,
  recordFound,
  recordLookup,
  recordSoftDelete,
  recordUpdate,
} from "../data/records.ts";
import { unitProgress } from "../data/rollups.ts";
import type { Scope } from "../data/scope.ts";
import { storeUpload } from "../data/stored-upload.ts";
import { type UnitRef, unitFound, unitLookup, unitRef, writableFacts, writableUnit } from "../data/unit-access.ts";
import { sniffFileType } from "../domain/file-types.ts";
import { paging } from "../domain/paging.ts";
import { ATTACHMENT_TYPES, pairProblems } from "../domain/record-rules.ts";
import { ApiError, invalidFields } from "../errors.ts";
import { createRouter } from "../router.ts";
import { errorResponses, jsonBody, jsonResponse } from "../schemas/common.ts";
import {
  Attachment,
  AttachmentQuery,
  CreateRecordBody,
  DeleteRecordBody,
  MAX_ATTACHMENTS_PER_RECORD,
  RecordListQuery,
  RecordPage,
  RecordParams,
  RecordView as RecordSchema,
  UnitParams,
  UnitProgress,
  UpdateRecordBody,
} from "../schemas/records.ts";
import { storedFile } from "./stored-file.ts";

const binary = { schema: { type: "string", format: "binary" } } as const;

const list = createRoute({
  method: "get",
  path: "/units/{unitId}/records",
  tags: ["records"],
  summary: "A unit's records (台账), newest first",
  request: { params: UnitParams, query: RecordListQuery },
  responses: {
    200: jsonResponse("One page", RecordPage),
    ...errorResponses(400, 401, 404),
  },
});

const create = createRoute({
  method: "post",
  path: "/units/{unitId}/records",
  tags: ["records"],
  summary: "Log a record; only the unit's own staff, once the unit is approved",
  request: { params: UnitParams, body: jsonBody(CreateRecordBody) },
  responses: {
    201: jsonResponse("Created", RecordSchema),
    ...errorResponses(400, 401, 403, 404, 415),
  },
});

const progress = createRoute({
  method: "get",
  path: "/units/{unitId}/progress",
  tags: ["records"],
  summary: "A unit's current program measures and its records over the last 12 months",
  request: { params: UnitParams },
  responses: {
    200: jsonResponse("Progress", UnitProgress),
    ...errorResponses(401, 404),
  },
});

const update = createRoute({
  method: "patch",
  path: "/records/{id}",
  tags: ["records"],
  summary: "Change a record over the version the editor saw",
  request: { params: RecordParams, body: jsonBody(UpdateRecordBody) },
  responses: {
    200: jsonResponse("Updated", RecordSchema),
    ...errorResponses(400, 401, 403, 404, 409, 415),
  },
});

const remove = createRoute({
  method: "post",
  path: "/records/{id}/delete",
  tags: ["records"],
  summary: "Delete a record (kept as evidence, hidden from lists)",
  request: { params: RecordParams, body: jsonBody(DeleteRecordBody) },
  responses: {
    200: jsonResponse("Deleted", z.object({ ok: z.literal(true) })),
    ...errorResponses(400, 401, 403, 404, 409, 415),
  },
});

const attach = createRoute({
  method: "post",
  path: "/records/{id}/attachments",
  tags: ["records"],
  summary: "Attach a file (raw PNG, JPEG, WebP or PDF body, ≤ 5 MB; at most 10 per record)",
  request: {
    params: RecordParams,
    query: AttachmentQuery,
    body: { content: Object.fromEntries(ATTACHMENT_TYPES.map((t) => [t, binary])), required: true },
  },
  responses: {
    201: jsonResponse("Stored", Attachment),
    ...errorResponses(400, 401, 403, 404, 409, 413, 415),
  },
});

const download = createRoute({
  method: "get",
  path: "/attachments/{id}",
  tags: ["records"],
  summary: "A record's file: images inline (thumbnails), PDFs as a download; sandboxed, never cached",
  request: { params: RecordParams },
  responses: {
    200: { description: "The file", content: Object.fromEntries(ATTACHMENT_TYPES.map((t) => [t, binary])) },
    ...errorResponses(401, 404),
  },
});

/** A live record the caller may write to, with its unit's ref; or the matching error. One round trip. */
async function writableRecord(db: Db, scope: Scope, id: string) {
  const found = await getRecord(db, scope, id);
  if (!found) throw new ApiError("not_found");
  writableFacts(scope, found.unit);
  return { ...found, ref: unitRef(db, scope, found.unit.id) };
}

/** The same, at the version the editor saw. */
async function editableRecord(db: Db, scope: Scope, id: string, version: number) {
  const found = await writableRecord(db, scope, id);
  if (found.record.version !== version) throw new ApiError("stale_version", { current: found.record });
  return found;
}

/** The record as a write's batch left it: read at its end, so the answer costs no round trip of its own. */
function written(read: Parameters<typeof recordFound>[0]): RecordView {
  const found = recordFound(read);
  if (!found) throw new ApiError("not_found");
  return found.record;
}

/** Half pairs and links to measures the unit's published program does not have are 400s naming the field. */
async function checkLinks(db: Db, unit: UnitRef, record: RecordFields, linkChanged: boolean) {
  const problems = pairProblems(record);
  if (Object.keys(problems).length > 0) throw invalidFields(problems);
  if (!linkChanged || record.programId === null || record.measureKey === null) return;
  if (!(await measureExists(db, unit, record.programId, record.measureKey))) {
    throw invalidFields({ measureKey: ["该单位已发布的方案中没有此措施 / no such measure in the unit's program"] });
  }
}

export const recordRoutes = createRouter()
  .openapi(list, async (c) => {
    const { db, scope } = c.var;
    const ref = unitRef(db, scope, c.req.valid("param").unitId);
    const { page, pageSize, ...filters } = c.req.valid("query");
    const paged = paging(page, pageSize);
    const listed = listRecords(db, ref, filters, paged);
    const [unitRows, rows, attachments] = await db.batch([unitLookup(db, ref), listed.rows, listed.attachments]);
    unitFound(unitRows);
    const result = await listed.page(rows, attachments);
    return c.json({ ...result, page: paged.page, pageSize: paged.pageSize }, 200);
  })
  .openapi(create, async (c) => {
    const { db, scope } = c.var;
    const unit = await writableUnit(db, scope, c.req.valid("param").unitId);
    const body = c.req.valid("json");
    const fields: RecordFields = {
      date: body.date,
      kind: body.kind,
      title: body.title,
      people: body.people ?? null,
      quantity: body.quantity ?? null,
      quantityUnit: body.quantityUnit ?? null,
      programId: body.programId ?? null,
      measureKey: body.measureKey ?? null,
      note: body.note ?? null,
    };
    await checkLinks(db, unit.ref, fields, true);
    const { id, statement } = newRecordStatement(db, scope, unit.ref, fields);
    const { read } = await runAuditedThenRead(
      db,
      [statement],
      auditEvent(scope, {
        action: "record.create",
        targetType: "record",
        targetId: id,
        after: { unitId: unit.id, ...fields },
      }),
      {},
      recordLookup(db, scope, id),
    );
    return c.json(written(read), 201);
  })
  .openapi(progress, async (c) => {
    const { db, scope } = c.var;
    const ref = unitRef(db, scope, c.req.valid("param").unitId);
    const progress = unitProgress(db, ref, new Date());
    const [unitRows, programRows, measures, linked, byMonth] = await db.batch([
      unitLookup(db, ref),
      progress.program,
      progress.measures,
      progress.linked,
      progress.byMonth,
    ]);
    unitFound(unitRows);
    return c.json(progress.shape(programRows, measures, linked, byMonth), 200);
  })
  .openapi(update, async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    const { version, ...sent } = c.req.valid("json");
    const { ref, record } = await editableRecord(db, scope, id, version);
    // Absent fields stay as they are; null clears an optional one.
    const changes = Object.fromEntries(
      Object.entries(sent).filter(([, value]) => value !== undefined),
    ) as Partial<RecordFields>;
    const before: RecordFields = {
      date: record.date,
      kind: record.kind,
      title: record.title,
      people: record.people,
      quantity: record.quantity,
      quantityUnit: record.quantityUnit,
      programId: record.programId,
      measureKey: record.measureKey,
      note: record.note,
    };
    const linkChanged = "programId" in changes || "measureKey" in changes;
    await checkLinks(db, ref, { ...before, ...changes }, linkChanged);
    const { applied, read } = await runAuditedThenRead(
      db,
      [],
      auditEvent(scope, {
        action: "record.update",
        targetType: "record",
        targetId: id,
        before,
        after: { ...before, ...changes },
      }),
      { guard: recordUpdate(db, scope, id, version, changes) },
      recordLookup(db, scope, id),
    );
    if (!applied) throw new ApiError("stale_version", { current: written(read) });
    return c.json(written(read), 200);
  })
  .openapi(remove, async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    const { record } = await editableRecord(db, scope, id, c.req.valid("json").version);
    const { applied, read } = await runAuditedThenRead(
      db,
      [],
      auditEvent(scope, {
        action: "record.delete",
        targetType: "record",
        targetId: id,
        before: record,
      }),
      { guard: recordSoftDelete(db, scope, id, record.version) },
      recordLookup(db, scope, id),
    );
    if (!applied) throw new ApiError("stale_version", { current: written(read) });
    return c.json({ ok: true as const }, 200);
  })
  .openapi(attach, async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    const { name } = c.req.valid("query");
    const found = await writableRecord(db, scope, id);
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const declared = c.req.header("content-type")?.split(";")[0]?.trim().toLowerCase();
    const contentType = sniffFileType(bytes);
    if (!contentType || contentType !== declared) {
      throw invalidFields({ file: ["文件内容与类型不符 / the content does not match its declared type"] });
    }
    if (found.record.attachments.length >= MAX_ATTACHMENTS_PER_RECORD) throw new ApiError("too_many_attachments");
    const file = { id: newId(), recordId: id, name, contentType, size: bytes.length };
    const key = `tenants/${scope.tenantId}/records/${id}/${file.id}`;
    const { applied } = await storeUpload(
      db,
      c.env.FILES,
      { key, bytes, contentType },
      attachmentInsert(db, scope, { ...file, key }, MAX_ATTACHMENTS_PER_RECORD),
      auditEvent(scope, {
        action: "record.attach",
        targetType: "record",
        targetId: id,
        after: { attachmentId: file.id, name, contentType, size: file.size },
      }),
      [],
    );
    // Refused inside the batch: the record was deleted, or a concurrent upload took the last slot.
    if (!applied)
      throw (await getRecord(db, scope, id)) ? new ApiError("too_many_attachments") : new ApiError("not_found");
    return c.json({ id: file.id, name, contentType, size: file.size }, 201);
  })
  .openapi(download, async (c) => {
    const file = await getAttachment(c.var.db, c.var.scope, c.req.valid("param").id);
    const { body, headers } = await storedFile(c.env.FILES, file);
    return c.body(body, 200, headers);
  });
