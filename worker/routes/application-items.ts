import { createRoute, z } from "@hono/zod-openapi";
import {
  applicationUpdate,
  evidenceFileById,
  evidenceFileDelete,
  evidenceFileInsert,
  itemUpsert,
} from "../data/applications.ts";
import { runAuditedThenRead } from "../data/audit.ts";
import { coverageRefresh } from "../data/coverage.ts";
import { newId, nowIso } from "../data/db.ts";
import { unitMeasureKeys } from "../data/programs.ts";
import { unitRecordIds } from "../data/records.ts";
import { storeUpload } from "../data/stored-upload.ts";
import { applicationRef, unitRef } from "../data/unit-access.ts";
import { itemsByCode } from "../domain/criteria.ts";
import { sniffFileType } from "../domain/file-types.ts";
import { ApiError, invalidFields } from "../errors.ts";
import { createRouter } from "../router.ts";
import {
  ApplicationParams,
  ApplicationView,
  EVIDENCE_TYPES,
  FileParams,
  ItemParams,
  MAX_FILES_PER_ITEM,
  SaveItemBody,
  VersionBody,
} from "../schemas/applications.ts";
import { errorResponses, jsonBody, jsonResponse, lineText } from "../schemas/common.ts";
import {
  audit,
  changed,
  checkVersion,
  editable,
  load,
  loadedFrom,
  loadStatements,
  present,
} from "./application-context.ts";
import { storedFile } from "./stored-file.ts";

const saveItem = createRoute({
  method: "put",
  path: "/applications/{id}/items/{code}",
  tags: ["applications"],
  summary: "Save one item's self-assessment (自评分) and evidence (说明, links, measures, records)",
  request: { params: ItemParams, body: jsonBody(SaveItemBody) },
  responses: { 200: jsonResponse("Saved", ApplicationView), ...errorResponses(400, 401, 403, 404, 409, 415) },
});

const upload = createRoute({
  method: "post",
  path: "/applications/{id}/items/{code}/files",
  tags: ["applications"],
  summary: "Attach an evidence file to an item: raw PNG, JPEG, WebP or PDF body (≤ 10 MB), ?name= its file name",
  request: {
    params: ItemParams,
    query: z.strictObject({ name: lineText(120).optional() }),
    body: {
      content: Object.fromEntries(EVIDENCE_TYPES.map((t) => [t, { schema: { type: "string", format: "binary" } }])),
      required: true,
    },
  },
  responses: { 201: jsonResponse("Stored", ApplicationView), ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
});

const removeFile = createRoute({
  method: "post",
  path: "/applications/{id}/files/{fileId}/delete",
  tags: ["applications"],
  summary: "Remove an evidence file while the application is editable",
  request: { params: FileParams, body: jsonBody(VersionBody) },
  responses: { 200: jsonResponse("Removed", ApplicationView), ...errorResponses(400, 401, 403, 404, 409, 415) },
});

const download = createRoute({
  method: "get",
  path: "/evidence-files/{id}",
  tags: ["applications"],
  summary: "An evidence file, for whoever may see its application",
  request: { params: ApplicationParams },
  responses: { 200: { description: "The file" }, ...errorResponses(401, 404) },
});

/** An application's items: the self-assessment of each, and its evidence files. */
export const applicationItemRoutes = createRouter()
  .openapi(saveItem, async (c) => {
    const { db, scope } = c.var;
    const { id, code } = c.req.valid("param");
    const body = c.req.valid("json");
    const ref = applicationRef(db, scope, id);
    // Only the unit's own staff write it (checked below), so their unit's measures and records can be read
    // in the same batch.
    const own = unitRef(db, scope, scope.unitId ?? "");
    const [app, round, criteria, items, files, measureRows, recordRows] = await db.batch([
      ...loadStatements(db, ref),
      unitMeasureKeys(db, own),
      unitRecordIds(db, own, body.recordIds),
    ]);
    const loaded = loadedFrom(ref, [app, round, criteria, items, files]);
    editable(scope, loaded);
    checkVersion(loaded.app, body.version);
    const item = itemsByCode(loaded.criteria).get(code);
    if (!item) throw new ApiError("not_found");
    const fields: Record<string, string[]> = {};
    if (item.mode === "graded") {
      if (body.selfPoints != null) fields.selfPoints = ["分档计分项请选择档次 / graded item: choose a grade"];
      if (body.selfGrade != null && !item.grades.some((g) => g.grade === body.selfGrade)) {
        fields.selfGrade = [`档次须为 ${item.grades.map((g) => g.grade).join("/")} / unknown grade`];
      }
    } else {
      if (body.selfGrade != null) fields.selfGrade = ["计分项请填分值 / points item: give points"];
      if (body.selfPoints != null && body.selfPoints > item.maxPoints)
        fields.selfPoints = [`不能超过 ${item.maxPoints} 分 / above the maximum`];
    }
    if ([...body.note].length > item.evidence.maxNoteChars) {
      fields.note = [`说明不超过 ${item.evidence.maxNoteChars} 字 / at most ${item.evidence.maxNoteChars} characters`];
    }
    const measureKeys = new Set(measureRows.map((r) => r.key));
    const recordIds = new Set(recordRows.map((r) => r.id));
    if (body.measureKeys.some((k) => !measureKeys.has(k)))
      fields.measureKeys = ["含有本单位方案中不存在的措施 / unknown measure"];
    if (body.recordIds.some((r) => !recordIds.has(r))) fields.recordIds = ["含有不属于本单位的台账 / unknown record"];
    if (Object.keys(fields).length > 0) throw invalidFields(fields);
    const values = {
      selfPoints: body.selfPoints ?? null,
      selfGrade: body.selfGrade ?? null,
      note: body.note,
      links: body.links,
      measureKeys: body.measureKeys,
      recordIds: body.recordIds,
    };
    const saved = await changed(db, loaded, audit(scope, "application.save_item", id, { after: { code, ...values } }), {
      guard: applicationUpdate(db, scope, loaded.app, {}),
      after: [itemUpsert(db, scope, loaded.app, code, values), coverageRefresh(db, loaded.ref)],
    });
    return c.json(saved, 200);
  })
  .openapi(upload, async (c) => {
    const { db, scope } = c.var;
    const { id, code } = c.req.valid("param");
    const loaded = await load(db, scope, id);
    editable(scope, loaded);
    if (!itemsByCode(loaded.criteria).has(code)) throw new ApiError("not_found");
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const declared = c.req.header("content-type")?.split(";")[0]?.trim().toLowerCase();
    const sniffed = sniffFileType(bytes);
    if (!sniffed || sniffed !== declared) {
      throw invalidFields({ file: ["文件内容与类型不符 / the file's content does not match its type"] });
    }
    const name = (c.req.query("name") ?? "").trim().slice(0, 120) || `${code}-${nowIso().slice(0, 10)}`;
    const key = `tenants/${scope.tenantId}/applications/${id}/${code}/${newId()}`;
    const file = evidenceFileInsert(
      db,
      loaded.ref,
      { itemCode: code, key, name, contentType: sniffed, size: bytes.length },
      MAX_FILES_PER_ITEM,
    );
    const { applied, read } = await storeUpload(
      db,
      c.env.FILES,
      { key, bytes, contentType: sniffed },
      file.statement,
      audit(scope, "application.add_file", id, { after: { code, key, name } }),
      loadStatements(db, loaded.ref),
    );
    if (!applied) throw new ApiError("too_many_evidence_files");
    return c.json(present(loadedFrom(loaded.ref, read)), 201);
  })
  .openapi(removeFile, async (c) => {
    const { db, scope } = c.var;
    const { id, fileId } = c.req.valid("param");
    const ref = applicationRef(db, scope, id);
    const [app, round, criteria, items, files, fileRows] = await db.batch([
      ...loadStatements(db, ref),
      evidenceFileById(db, scope, fileId),
    ]);
    const loaded = loadedFrom(ref, [app, round, criteria, items, files]);
    editable(scope, loaded);
    checkVersion(loaded.app, c.req.valid("json").version);
    const [file] = fileRows;
    if (!file || file.applicationId !== id) throw new ApiError("not_found");
    const { read } = await runAuditedThenRead(
      db,
      [evidenceFileDelete(db, loaded.ref, fileId)],
      audit(scope, "application.remove_file", id, { before: file }),
      {},
      loadStatements(db, loaded.ref),
    );
    await c.env.FILES.delete(file.key);
    return c.json(present(loadedFrom(loaded.ref, read)), 200);
  })
  .openapi(download, async (c) => {
    const [file] = await evidenceFileById(c.var.db, c.var.scope, c.req.valid("param").id);
    const { body, headers } = await storedFile(c.env.FILES, file);
    return c.body(body, 200, headers);
  });
