import { createRoute, z } from "@hono/zod-openapi";
import { auditEvent, runAuditedThenRead } from "../data/audit.ts";
import {
  criteriaFound,
  criteriaInsert,
  criteriaLookup,
  criteriaUpdate,
  criteriaView,
  getCriteriaSystem,
  listCriteriaSystems,
  type StoredCriteria,
} from "../data/criteria.ts";
import type { Db } from "../data/db.ts";
import type { Scope } from "../data/scope.ts";
import type { AuditAction } from "../domain/audit-actions.ts";
import { criteriaProblems } from "../domain/criteria.ts";
import { criteriaFromXlsx, criteriaToXlsx } from "../domain/criteria-xlsx.ts";
import { ApiError, invalidFields } from "../errors.ts";
import { requireRole } from "../middleware/tenant-scope.ts";
import { createRouter, fieldErrors } from "../router.ts";
import { errorResponses, jsonBody, jsonResponse, TenantParams } from "../schemas/common.ts";
import {
  CopyCriteriaBody,
  CriteriaContent,
  type CriteriaDocument,
  CriteriaParams,
  CriteriaSystemList,
  CriteriaSystemView,
  SaveCriteriaBody,
  XLSX_TYPE,
} from "../schemas/criteria.ts";

const adminOnly = [requireRole("tenant_admin")];

const list = createRoute({
  method: "get",
  path: "/",
  tags: ["criteria"],
  summary: "The office's criteria systems (测评体系)",
  request: { params: TenantParams },
  responses: { 200: jsonResponse("Systems", CriteriaSystemList), ...errorResponses(401, 404) },
});

const read = createRoute({
  method: "get",
  path: "/{id}",
  tags: ["criteria"],
  summary: "A criteria system: categories → items, bonus and deduction items apart, vetoes, method shares",
  request: { params: CriteriaParams },
  responses: { 200: jsonResponse("The system", CriteriaSystemView), ...errorResponses(401, 404) },
});

const create = createRoute({
  method: "post",
  path: "/",
  tags: ["criteria"],
  summary: "Create a criteria system (also the JSON import)",
  middleware: adminOnly,
  request: { params: TenantParams, body: jsonBody(CriteriaContent) },
  responses: { 201: jsonResponse("Created", CriteriaSystemView), ...errorResponses(400, 401, 403, 404, 413, 415) },
});

const save = createRoute({
  method: "put",
  path: "/{id}",
  tags: ["criteria"],
  summary: "Edit a criteria system that no round uses yet",
  middleware: adminOnly,
  request: { params: CriteriaParams, body: jsonBody(SaveCriteriaBody) },
  responses: { 200: jsonResponse("Saved", CriteriaSystemView), ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
});

const copy = createRoute({
  method: "post",
  path: "/{id}/copy",
  tags: ["criteria"],
  summary: "Copy a system (e.g. to make next year's): the copy is editable",
  middleware: adminOnly,
  request: { params: CriteriaParams, body: jsonBody(CopyCriteriaBody) },
  responses: { 201: jsonResponse("The copy", CriteriaSystemView), ...errorResponses(400, 401, 403, 404, 415) },
});

const exportJson = createRoute({
  method: "get",
  path: "/{id}/export.json",
  tags: ["criteria"],
  summary: "Download a system as JSON (importable with POST /criteria-systems)",
  request: { params: CriteriaParams },
  responses: { 200: jsonResponse("The document", CriteriaContent), ...errorResponses(401, 404) },
});

const exportXlsx = createRoute({
  method: "get",
  path: "/{id}/export.xlsx",
  tags: ["criteria"],
  summary: "Download a system as an XLSX workbook with Chinese headers",
  request: { params: CriteriaParams },
  responses: {
    200: {
      description: "The workbook",
      content: { [XLSX_TYPE]: { schema: z.string().openapi({ format: "binary" }) } },
    },
    ...errorResponses(401, 404),
  },
});

const importXlsx = createRoute({
  method: "post",
  path: "/import.xlsx",
  tags: ["criteria"],
  summary: "Create a system from an XLSX workbook in the export's layout (raw body); row problems are listed",
  middleware: adminOnly,
  request: {
    params: TenantParams,
    body: { content: { [XLSX_TYPE]: { schema: z.string().openapi({ format: "binary" }) } }, required: true },
  },
  responses: { 201: jsonResponse("Created", CriteriaSystemView), ...errorResponses(400, 401, 403, 404, 413, 415) },
});

async function systemInTenant(db: Db, scope: Scope, id: string): Promise<StoredCriteria> {
  const system = await getCriteriaSystem(db, scope, id);
  if (!system) throw new ApiError("not_found");
  return system;
}

/** The rules a schema cannot check (totals, unique codes…), as a 400 naming the fields. */
function assertSound(doc: CriteriaDocument) {
  const problems = criteriaProblems(doc);
  if (Object.keys(problems).length > 0) throw invalidFields(problems);
}

async function createSystem(db: Db, scope: Scope, doc: CriteriaDocument, action: AuditAction) {
  assertSound(doc);
  const { id, statement } = criteriaInsert(db, scope, doc);
  const { read } = await runAuditedThenRead(
    db,
    [statement],
    auditEvent(scope, {
      action,
      targetType: "criteria_system",
      targetId: id,
      after: doc,
    }),
    {},
    [criteriaLookup(db, scope, id)] as const,
  );
  return criteriaView(criteriaFound(read[0]));
}

export const criteriaRoutes = createRouter()
  .openapi(list, async (c) => c.json({ items: await listCriteriaSystems(c.var.db, c.var.scope) }, 200))
  .openapi(read, async (c) =>
    c.json(criteriaView(await systemInTenant(c.var.db, c.var.scope, c.req.valid("param").id)), 200),
  )
  .openapi(create, async (c) =>
    c.json(await createSystem(c.var.db, c.var.scope, c.req.valid("json"), "criteria.create"), 201),
  )
  .openapi(save, async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    const { rev, content } = c.req.valid("json");
    const system = await systemInTenant(db, scope, id);
    if (system.frozen) throw new ApiError("criteria_frozen");
    if (system.rev !== rev) throw new ApiError("stale_version", { current: criteriaView(system) });
    assertSound(content);
    const { applied, read } = await runAuditedThenRead(
      db,
      [],
      auditEvent(scope, {
        action: "criteria.update",
        targetType: "criteria_system",
        targetId: id,
        before: system.doc,
        after: content,
      }),
      { guard: criteriaUpdate(db, scope, id, rev, content) },
      [criteriaLookup(db, scope, id)] as const,
    );
    const current = criteriaFound(read[0]);
    if (!applied)
      throw new ApiError(current.frozen ? "criteria_frozen" : "stale_version", { current: criteriaView(current) });
    return c.json(criteriaView(current), 200);
  })
  .openapi(copy, async (c) => {
    const { db, scope } = c.var;
    const source = await systemInTenant(db, scope, c.req.valid("param").id);
    const doc = { ...source.doc, ...c.req.valid("json") };
    return c.json(await createSystem(db, scope, doc, "criteria.copy"), 201);
  })
  .openapi(exportJson, async (c) => {
    const system = await systemInTenant(c.var.db, c.var.scope, c.req.valid("param").id);
    c.header("Content-Disposition", `attachment; filename*=UTF-8''${encodeURIComponent(`${system.doc.name}.json`)}`);
    return c.json(system.doc, 200);
  })
  .openapi(exportXlsx, async (c) => {
    const system = await systemInTenant(c.var.db, c.var.scope, c.req.valid("param").id);
    const bytes = new Uint8Array(await criteriaToXlsx(system.doc));
    return c.body(bytes, 200, {
      "Content-Type": XLSX_TYPE,
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(`${system.doc.name}.xlsx`)}`,
    });
  })
  .openapi(importXlsx, async (c) => {
    const { db, scope } = c.var;
    const { doc, problems } = await criteriaFromXlsx(await c.req.arrayBuffer());
    if (problems.length > 0) {
      const bySheet: Record<string, string[]> = {};
      for (const p of problems) bySheet[p.sheet] = [...(bySheet[p.sheet] ?? []), p.message];
      throw invalidFields(bySheet);
    }
    const parsed = CriteriaContent.safeParse(doc);
    if (!parsed.success) throw invalidFields(fieldErrors(parsed.error));
    return c.json(await createSystem(db, scope, parsed.data, "criteria.import"), 201);
  });
