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
import { type Db, newId, nowIso } from "../data/db.ts";
import { unitMeasureKeys } from "../data/programs.ts";
import { unitRecordIds } from "../data/records.ts";
import type { Scope } from "../data/scope.ts";
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
  SaveItemsBody,
  VersionBody,
} from "../schemas/applications.ts";
import { errorResponses, jsonBody, jsonResponse, lineText } from "../schemas/common.ts";
import type { CriteriaItemShape } from "../schemas/criteria.ts";
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

const saveItems = createRoute({
  method: "put",
  path: "/applications/{id}/items",
  tags: ["applications"],
  summary: "Save several items' self-assessment and evidence at once: all or none, one audit event",
  request: { params: ApplicationParams, body: jsonBody(SaveItemsBody) },
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

/** One item's self-assessment as a save request carries it. */
type ItemInput = Omit<z.output<typeof SaveItemBody>, "version">;

/** What the unit owns that an item may link to. */
interface Linkable {
  measureKeys: Set<string>;
  recordIds: Set<string>;
}

/**
 * One item's self-assessment checked against its criteria item and what the unit may link: the field errors
 * (keyed by field) and the values to store. The single and the batch save share it.
 */
function checkedItem(item: CriteriaItemShape, input: ItemInput, linkable: Linkable) {
  const fields: Record<string, string[]> = {};
  if (item.mode === "graded") {
    if (input.selfPoints != null) fields.selfPoints = ["分档计分项请选择档次 / graded item: choose a grade"];
    if (input.selfGrade != null && !item.grades.some((g) => g.grade === input.selfGrade)) {
      fields.selfGrade = [`档次须为 ${item.grades.map((g) => g.grade).join("/")} / unknown grade`];
    }
  } else {
    if (input.selfGrade != null) fields.selfGrade = ["计分项请填分值 / points item: give points"];
    if (input.selfPoints != null && input.selfPoints > item.maxPoints)
      fields.selfPoints = [`不能超过 ${item.maxPoints} 分 / above the maximum`];
  }
  if ([...input.note].length > item.evidence.maxNoteChars) {
    fields.note = [`说明不超过 ${item.evidence.maxNoteChars} 字 / at most ${item.evidence.maxNoteChars} characters`];
  }
  if (input.measureKeys.some((k) => !linkable.measureKeys.has(k)))
    fields.measureKeys = ["含有本单位方案中不存在的措施 / unknown measure"];
  if (input.recordIds.some((r) => !linkable.recordIds.has(r)))
    fields.recordIds = ["含有不属于本单位的台账 / unknown record"];
  const values = {
    selfPoints: input.selfPoints ?? null,
    selfGrade: input.selfGrade ?? null,
    note: input.note,
    links: input.links,
    measureKeys: input.measureKeys,
    recordIds: input.recordIds,
  };
  return { fields, values };
}

/** D1 binds at most 100 parameters a statement: record ids are checked in slices that leave room for the scope. */
const RECORD_IDS_PER_CHECK = 80;

/**
 * The application with its round, criteria and evidence, and what the unit may link among `recordIds`, in one
 * batch. Only the unit's own staff write it (checked by the caller), so their unit's measures and records are
 * read alongside.
 */
async function loadForSave(db: Db, scope: Scope, id: string, recordIds: string[]) {
  const ref = applicationRef(db, scope, id);
  const own = unitRef(db, scope, scope.unitId ?? "");
  const unique = [...new Set(recordIds)];
  const slices = Array.from({ length: Math.max(1, Math.ceil(unique.length / RECORD_IDS_PER_CHECK)) }, (_, n) =>
    unique.slice(n * RECORD_IDS_PER_CHECK, (n + 1) * RECORD_IDS_PER_CHECK),
  );
  const [app, round, criteria, items, files, measureRows, ...recordRows] = await db.batch([
    ...loadStatements(db, ref),
    unitMeasureKeys(db, own),
    ...slices.map((slice) => unitRecordIds(db, own, slice)),
  ]);
  const loaded = loadedFrom(ref, [app, round, criteria, items, files]);
  editable(scope, loaded);
  const linkable: Linkable = {
    measureKeys: new Set(measureRows.map((r) => r.key)),
    recordIds: new Set(recordRows.flat().map((r) => r.id)),
  };
  return { loaded, linkable };
}

/** An application's items: the self-assessment of each, and its evidence files. */
export const applicationItemRoutes = createRouter()
  .openapi(saveItem, async (c) => {
    const { db, scope } = c.var;
    const { id, code } = c.req.valid("param");
    const { version, ...body } = c.req.valid("json");
    const { loaded, linkable } = await loadForSave(db, scope, id, body.recordIds);
    checkVersion(loaded.app, version);
    const item = itemsByCode(loaded.criteria).get(code);
    if (!item) throw new ApiError("not_found");
    const { fields, values } = checkedItem(item, body, linkable);
    if (Object.keys(fields).length > 0) throw invalidFields(fields);
    const saved = await changed(db, loaded, audit(scope, "application.save_item", id, { after: { code, ...values } }), {
      guard: applicationUpdate(db, scope, loaded.app, {}),
      after: [itemUpsert(db, scope, loaded.app, code, values), coverageRefresh(db, loaded.ref)],
    });
    return c.json(saved, 200);
  })
  .openapi(saveItems, async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    const { version, items: inputs } = c.req.valid("json");
    const { loaded, linkable } = await loadForSave(
      db,
      scope,
      id,
      inputs.flatMap((i) => i.recordIds),
    );
    checkVersion(loaded.app, version);
    const criteriaItems = itemsByCode(loaded.criteria);
    const fields: Record<string, string[]> = {};
    const seen = new Set<string>();
    const saves = inputs.flatMap(({ code, ...input }) => {
      const item = criteriaItems.get(code);
      if (seen.has(code)) fields[`items.${code}.code`] = ["同一条目只能出现一次 / an item appears more than once"];
      seen.add(code);
      if (!item) {
        fields[`items.${code}.code`] = ["测评体系中没有此条目 / no such item in the criteria system"];
        return [];
      }
      const checked = checkedItem(item, input, linkable);
      for (const [field, reasons] of Object.entries(checked.fields)) fields[`items.${code}.${field}`] = reasons;
      return [{ code, values: checked.values }];
    });
    if (Object.keys(fields).length > 0) throw invalidFields(fields);
    const event = audit(scope, "application.save_items", id, {
      after: { items: saves.map(({ code, values }) => ({ code, ...values })) },
    });
    const saved = await changed(db, loaded, event, {
      guard: applicationUpdate(db, scope, loaded.app, {}),
      after: [
        ...saves.map(({ code, values }) => itemUpsert(db, scope, loaded.app, code, values)),
        coverageRefresh(db, loaded.ref),
      ],
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
