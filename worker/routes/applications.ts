import { createRoute, z } from "@hono/zod-openapi";
import type { BatchResponse } from "drizzle-orm/batch";
import {
  type ApplicationRecord,
  applicationFound,
  applicationInsert,
  applicationLookup,
  applicationUpdate,
  criteriaOfApplication,
  evidenceFileById,
  evidenceFileDelete,
  evidenceFileInsert,
  evidenceOf,
  filesOf,
  findApplicationOf,
  itemsOf,
  itemUpsert,
  listApplications,
} from "../data/applications.ts";
import { type AuditEvent, type AuditedOptions, auditEvent, runAudited, runAuditedThenRead } from "../data/audit.ts";
import { awardsOfUnit, unitEligibility } from "../data/awards.ts";
import { criteriaFound, criteriaParsed } from "../data/criteria.ts";
import { type Db, newId, nowIso } from "../data/db.ts";
import { hasPublishedProgram, unitMeasureKeys } from "../data/programs.ts";
import { unitRecordIds } from "../data/records.ts";
import { type RoundRecord, roundCriteria, roundFound, roundLookup, roundOfApplication } from "../data/rounds.ts";
import type { Scope } from "../data/scope.ts";
import { storeUpload } from "../data/stored-upload.ts";
import { isUniqueViolation } from "../data/unique-violation.ts";
import {
  type ApplicationRef,
  applicationRef,
  unitFound,
  unitLookup,
  unitRef,
  writableFacts,
} from "../data/unit-access.ts";
import type { AuditAction } from "../domain/audit-actions.ts";
import { itemsByCode, totalScore } from "../domain/criteria.ts";
import { completeness, itemGaps, missingEvidence } from "../domain/evidence-rules.ts";
import { sniffFileType } from "../domain/file-types.ts";
import { paging } from "../domain/paging.ts";
import { editActionFor } from "../domain/round-phase.ts";
import { ApiError, invalidFields } from "../errors.ts";
import { requireRole } from "../middleware/tenant-scope.ts";
import { createRouter } from "../router.ts";
import {
  ApplicationListQuery,
  ApplicationPage,
  ApplicationParams,
  ApplicationView,
  ApplyBody,
  EVIDENCE_TYPES,
  FileParams,
  ItemParams,
  MAX_FILES_PER_ITEM,
  ReturnBody,
  RoundIdParams,
  SaveItemBody,
  VersionBody,
} from "../schemas/applications.ts";
import { EligibilityQuery, EligibilityView } from "../schemas/awards.ts";
import { errorResponses, jsonBody, jsonResponse, lineText } from "../schemas/common.ts";
import type { CriteriaDocument } from "../schemas/criteria.ts";
import { requirePhase } from "./rounds.ts";
import { storedFile } from "./stored-file.ts";

const reviewers = [requireRole("reviewer", "tenant_admin")];

const apply = createRoute({
  method: "post",
  path: "/rounds/{roundId}/applications",
  tags: ["applications"],
  summary: "A unit applies in a round (its own staff, while applications are open)",
  request: { params: RoundIdParams, body: jsonBody(ApplyBody) },
  responses: { 201: jsonResponse("Created", ApplicationView), ...errorResponses(400, 401, 403, 404, 409, 415) },
});

const eligibility = createRoute({
  method: "get",
  path: "/rounds/{roundId}/eligibility",
  tags: ["applications"],
  summary:
    "Whether a unit holds the title the round requires, and why not: staff for their unit, reviewers for a unit in scope",
  request: { params: RoundIdParams, query: EligibilityQuery },
  responses: { 200: jsonResponse("The unit's standing", EligibilityView), ...errorResponses(400, 401, 404) },
});

const list = createRoute({
  method: "get",
  path: "/rounds/{roundId}/applications",
  tags: ["applications"],
  summary: "A round's applications in scope, with completeness per application",
  request: { params: RoundIdParams, query: ApplicationListQuery },
  responses: { 200: jsonResponse("One page", ApplicationPage), ...errorResponses(400, 401, 404) },
});

const read = createRoute({
  method: "get",
  path: "/applications/{id}",
  tags: ["applications"],
  summary: "An application with its self-assessment, evidence and what each item still lacks",
  request: { params: ApplicationParams },
  responses: { 200: jsonResponse("The application", ApplicationView), ...errorResponses(401, 404) },
});

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

// Generic in the path too: a union-typed path would merge the routes' body types in the typed client.
const transition = <P extends "submit" | "withdraw" | "return", B extends typeof VersionBody | typeof ReturnBody>(
  path: P,
  summary: string,
  body: B,
) =>
  createRoute({
    method: "post",
    path: `/applications/{id}/${path}`,
    tags: ["applications"],
    summary,
    ...(path === "return" ? { middleware: reviewers } : {}),
    request: { params: ApplicationParams, body: jsonBody(body) },
    responses: { 200: jsonResponse("Done", ApplicationView), ...errorResponses(400, 401, 403, 404, 409, 415) },
  });

const submit = transition("submit", "Submit: checks every item's evidence rule and lists what is missing", VersionBody);
const withdraw = transition("withdraw", "Withdraw an application while applications are open", VersionBody);
const returnRoute = transition("return", "A city reviewer returns a submitted application with a reason", ReturnBody);

interface Loaded {
  ref: ApplicationRef;
  app: ApplicationRecord;
  round: RoundRecord;
  criteria: CriteriaDocument;
  items: Awaited<ReturnType<typeof itemsOf>>;
  files: Awaited<ReturnType<typeof filesOf>>;
}

/** The application in scope with its round, criteria system, self-assessment and files, as statements. */
function loadStatements(db: Db, ref: ApplicationRef) {
  return [
    applicationLookup(db, ref),
    roundOfApplication(db, ref),
    criteriaOfApplication(db, ref),
    itemsOf(db, ref),
    filesOf(db, ref),
  ] as const;
}

/** What `loadStatements` read, or a 404: before a write, or at the end of its batch to answer it. */
function loadedFrom(
  ref: ApplicationRef,
  [app, round, criteria, items, files]: BatchResponse<ReturnType<typeof loadStatements>>,
): Loaded {
  return {
    ref,
    app: applicationFound(app),
    round: roundFound(round),
    criteria: criteriaFound(criteria).doc,
    items,
    files,
  };
}

/** The application's own evidence as the rules see it. */
function evidenceIn(loaded: Loaded) {
  const files = loaded.files.map((f) => ({ applicationId: f.applicationId, itemCode: f.itemCode, n: 1 }));
  return evidenceOf(loaded.items, files).get(loaded.app.id) ?? new Map();
}

/** The 409 for an application whose status forbids the action: a withdrawn one says so. */
function lockedError(app: ApplicationRecord): ApiError {
  const code = app.status === "withdrawn" ? "application_withdrawn" : "application_locked";
  return new ApiError(code, { current: { status: app.status } });
}

/** The unit's own staff may edit while the status and the round's phase allow it. */
function editable(scope: Scope, loaded: Loaded) {
  writableOwn(scope, loaded.app);
  const action = editActionFor(loaded.app.status);
  if (!action) throw lockedError(loaded.app);
  requirePhase(action, loaded.round.phase);
  return action;
}

/** Only the unit's own staff write its application, and only while the unit is active. */
function writableOwn(scope: Scope, app: ApplicationRecord) {
  writableFacts(scope, { id: app.unitId, status: app.unitStatus });
}

function checkVersion(app: ApplicationRecord, version: number) {
  if (app.version !== version)
    throw new ApiError("stale_version", { current: { version: app.version, status: app.status } });
}

/** A unit's standing against the round's title gate, judged on the round's day, from the titles it holds. */
function eligibilityIn(round: RoundRecord, held: Awaited<ReturnType<typeof awardsOfUnit>>) {
  const { eligibility: rule, dates } = round.settings;
  return unitEligibility(held, rule, dates.applicationsOpen, new Date());
}

/** The API's view of a loaded application. */
function present(loaded: Loaded) {
  const { app, criteria, items: rows, files } = loaded;
  const mine = evidenceIn(loaded);
  const baseCodes = new Set(criteria.categories.flatMap((c) => c.items.map((i) => i.code)));
  const items = [...itemsByCode(criteria).values()].map((item) => {
    const row = rows.find((r) => r.itemCode === item.code);
    return {
      itemCode: item.code,
      selfPoints: row?.selfPoints ?? null,
      selfGrade: row?.selfGrade ?? null,
      note: row?.note ?? "",
      links: row ? (JSON.parse(row.links) as string[]) : [],
      measureKeys: row ? (JSON.parse(row.measureKeys) as string[]) : [],
      recordIds: row ? (JSON.parse(row.recordIds) as string[]) : [],
      files: files.filter((f) => f.itemCode === item.code).map(({ itemCode: _, applicationId: __, ...f }) => f),
      gaps: baseCodes.has(item.code) ? itemGaps(item, mine.get(item.code)) : [],
    };
  });
  const scores = new Map(items.map((i) => [i.itemCode, { points: i.selfPoints, grade: i.selfGrade }]));
  return {
    id: app.id,
    roundId: app.roundId,
    unit: { id: app.unitId, name: app.unitName },
    channel: app.channel,
    channelSectorId: app.channelSectorId,
    status: app.status,
    returnReason: app.returnReason,
    submittedAt: app.submittedAt,
    version: app.version,
    selfTotal: totalScore(criteria, scores).total,
    completeness: completeness(criteria, mine),
    items,
  };
}

async function load(db: Db, scope: Scope, id: string): Promise<Loaded> {
  const ref = applicationRef(db, scope, id);
  return loadedFrom(ref, await db.batch(loadStatements(db, ref)));
}

async function view(db: Db, scope: Scope, id: string) {
  return present(await load(db, scope, id));
}

/**
 * A guarded change of the application and its audit event, with the application read again at the end of
 * the same batch: the answer, or the current state for a 409 when another tab changed it first.
 */
async function changed(db: Db, loaded: Loaded, event: AuditEvent, options: AuditedOptions) {
  const { applied, read } = await runAuditedThenRead(db, [], event, options, loadStatements(db, loaded.ref));
  const now = present(loadedFrom(loaded.ref, read));
  if (!applied) throw new ApiError("stale_version", { current: now });
  return now;
}

const audit = (
  scope: Scope,
  action: AuditAction,
  targetId: string,
  extra: { before?: unknown; after?: unknown; reason?: string | null } = {},
) => auditEvent(scope, { action, targetType: "application", targetId, ...extra });

export const applicationRoutes = createRouter()
  .openapi(apply, async (c) => {
    const { db, scope } = c.var;
    const { roundId } = c.req.valid("param");
    const body = c.req.valid("json");
    const ref = unitRef(db, scope, scope.unitId ?? "");
    const [roundRows, unitRows, held, existing] = await db.batch([
      roundLookup(db, scope, roundId),
      unitLookup(db, ref),
      awardsOfUnit(db, ref),
      findApplicationOf(db, ref, roundId),
    ]);
    const round = roundFound(roundRows);
    if (scope.role !== "unit_staff" || !scope.unitId) throw new ApiError("forbidden");
    const unit = unitFound(unitRows);
    writableFacts(scope, unit);
    requirePhase("apply", round.phase);
    if (body.channel === "sector" && !round.settings.sectorChannels.includes(body.channelSectorId ?? "")) {
      throw invalidFields({ channelSectorId: ["本评选未开放该系统渠道 / this round offers no such sector channel"] });
    }
    const standing = eligibilityIn(round, held);
    if (!standing.eligible) {
      // The message names no title (the catalog is fixed); the field says which one, in both languages.
      const required = standing.requirement ? [`${standing.requirement.zh} / ${standing.requirement.en}`] : [];
      throw new ApiError("not_eligible", { fields: { requiresTitle: required }, current: standing });
    }
    if (!(await hasPublishedProgram(db, ref, round.year))) throw new ApiError("no_published_program");
    if (existing[0]) throw new ApiError("application_exists");
    const { id, statement } = applicationInsert(db, scope, {
      roundId,
      unitId: unit.id,
      jurisdictionPath: unit.jurisdictionPath,
      channel: body.channel,
      channelSectorId: body.channel === "sector" ? (body.channelSectorId ?? null) : null,
    });
    try {
      await runAudited(db, [statement], audit(scope, "application.create", id, { after: body }));
    } catch (error) {
      if (isUniqueViolation(error, "applications.round_id")) {
        throw new ApiError("application_exists");
      }
      throw error;
    }
    return c.json(await view(db, scope, id), 201);
  })
  .openapi(eligibility, async (c) => {
    const { db, scope } = c.var;
    const { roundId } = c.req.valid("param");
    const unitId = c.req.valid("query").unitId ?? scope.unitId;
    if (!unitId) throw invalidFields({ unitId: ["请指定单位 / name a unit"] });
    const ref = unitRef(db, scope, unitId);
    const [roundRows, unitRows, held] = await db.batch([
      roundLookup(db, scope, roundId),
      unitLookup(db, ref),
      awardsOfUnit(db, ref),
    ]);
    const round = roundFound(roundRows);
    unitFound(unitRows);
    return c.json(eligibilityIn(round, held), 200);
  })
  .openapi(list, async (c) => {
    const { db, scope } = c.var;
    const { roundId } = c.req.valid("param");
    const { page, pageSize, ...filters } = c.req.valid("query");
    const paged = paging(page, pageSize);
    const listed = listApplications(db, scope, roundId, filters, paged);
    const [roundRows, systemRows, pageRows, itemRows, fileCounts] = await db.batch([
      roundLookup(db, scope, roundId),
      roundCriteria(db, scope, roundId),
      ...listed.statements,
    ]);
    roundFound(roundRows);
    const system = criteriaParsed(systemRows);
    const { rows, total } = await listed.page(pageRows);
    const evidence = evidenceOf(itemRows, fileCounts);
    const items = rows.map((r) => ({
      id: r.id,
      unit: { id: r.unitId, name: r.unitName },
      city: r.cityId && r.cityName ? { id: r.cityId, name: r.cityName } : null,
      sector: r.sectorId && r.sectorName ? { id: r.sectorId, name: r.sectorName } : null,
      kind: r.kindId && r.kindName ? { id: r.kindId, name: r.kindName } : null,
      channel: r.channel,
      status: r.status,
      submittedAt: r.submittedAt,
      completeness: system ? completeness(system.doc, evidence.get(r.id) ?? new Map()) : { complete: 0, required: 0 },
    }));
    return c.json({ items, total, page: paged.page, pageSize: paged.pageSize }, 200);
  })
  .openapi(read, async (c) => c.json(await view(c.var.db, c.var.scope, c.req.valid("param").id), 200))
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
      after: [itemUpsert(db, scope, loaded.app, code, values)],
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
    const applied = await storeUpload(
      db,
      c.env.FILES,
      { key, bytes, contentType: sniffed },
      file.statement,
      audit(scope, "application.add_file", id, { after: { code, key, name } }),
    );
    if (!applied) throw new ApiError("too_many_evidence_files");
    return c.json(await view(db, scope, id), 201);
  })
  .openapi(removeFile, async (c) => {
    const { db, scope } = c.var;
    const { id, fileId } = c.req.valid("param");
    const loaded = await load(db, scope, id);
    editable(scope, loaded);
    checkVersion(loaded.app, c.req.valid("json").version);
    const [file] = await evidenceFileById(db, scope, fileId);
    if (!file || file.applicationId !== id) throw new ApiError("not_found");
    await runAudited(
      db,
      [evidenceFileDelete(db, loaded.ref, fileId)],
      audit(scope, "application.remove_file", id, { before: file }),
    );
    await c.env.FILES.delete(file.key);
    return c.json(await view(db, scope, id), 200);
  })
  .openapi(download, async (c) => {
    const [file] = await evidenceFileById(c.var.db, c.var.scope, c.req.valid("param").id);
    const { body, headers } = await storedFile(c.env.FILES, file);
    return c.body(body, 200, headers);
  })
  .openapi(submit, async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    const loaded = await load(db, scope, id);
    editable(scope, loaded);
    checkVersion(loaded.app, c.req.valid("json").version);
    const missing = missingEvidence(loaded.criteria, evidenceIn(loaded));
    if (Object.keys(missing).length > 0) throw new ApiError("evidence_incomplete", { fields: missing });
    const submitted = await changed(
      db,
      loaded,
      audit(scope, "application.submit", id, { before: { status: loaded.app.status } }),
      { guard: applicationUpdate(db, scope, loaded.app, { status: "submitted", submittedAt: nowIso() }) },
    );
    return c.json(submitted, 200);
  })
  .openapi(withdraw, async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    const loaded = await load(db, scope, id);
    writableOwn(scope, loaded.app);
    requirePhase("withdraw_application", loaded.round.phase);
    if (!["draft", "submitted"].includes(loaded.app.status)) throw lockedError(loaded.app);
    checkVersion(loaded.app, c.req.valid("json").version);
    const withdrawn = await changed(
      db,
      loaded,
      audit(scope, "application.withdraw", id, { before: { status: loaded.app.status } }),
      { guard: applicationUpdate(db, scope, loaded.app, { status: "withdrawn" }) },
    );
    return c.json(withdrawn, 200);
  })
  .openapi(returnRoute, async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const loaded = await load(db, scope, id);
    requirePhase("return_application", loaded.round.phase);
    if (loaded.app.status !== "submitted") throw lockedError(loaded.app);
    checkVersion(loaded.app, body.version);
    const returned = await changed(
      db,
      loaded,
      audit(scope, "application.return", id, {
        before: { status: "submitted" },
        after: { status: "city_returned" },
        reason: body.reason,
      }),
      { guard: applicationUpdate(db, scope, loaded.app, { status: "city_returned", returnReason: body.reason }) },
    );
    return c.json(returned, 200);
  });
