import { createRoute } from "@hono/zod-openapi";
import { auditEvent, runAuditedThenRead } from "../data/audit.ts";
import type { Db } from "../data/db.ts";
import { newId } from "../data/db.ts";
import {
  draftUpdate,
  getVersion,
  listPrograms,
  listVersions,
  type ProgramRecord,
  programInsert,
  programLookup,
  programOf,
  programSummary,
  publishStatements,
  versionOf,
} from "../data/programs.ts";
import type { Scope } from "../data/scope.ts";
import { unitFound, unitLookup, unitRef, writableFacts, writableUnit } from "../data/unit-access.ts";
import { diffPrograms, withIds } from "../domain/program-document.ts";
import { parseProgramText } from "../domain/program-parser.ts";
import { ApiError } from "../errors.ts";
import { createRouter } from "../router.ts";
import { errorResponses, jsonBody, jsonResponse, TenantParams } from "../schemas/common.ts";
import {
  DiffParams,
  ParseBody,
  ParsedProgramSchema,
  ProgramContent,
  ProgramDiff,
  ProgramList,
  ProgramParams,
  ProgramVersionList,
  ProgramVersionView,
  ProgramView,
  PublishBody,
  SaveProgramBody,
  UnitParams,
  VersionParams,
} from "../schemas/programs.ts";

const list = createRoute({
  method: "get",
  path: "/units/{unitId}/programs",
  tags: ["programs"],
  summary: "A unit's creation programs (创建工作方案)",
  request: { params: UnitParams },
  responses: { 200: jsonResponse("Programs", ProgramList), ...errorResponses(401, 404) },
});

const create = createRoute({
  method: "post",
  path: "/units/{unitId}/programs",
  tags: ["programs"],
  summary: "Start a program as a draft (the unit's own staff)",
  request: { params: UnitParams, body: jsonBody(ProgramContent) },
  responses: { 201: jsonResponse("Created", ProgramView), ...errorResponses(400, 401, 403, 404, 413, 415) },
});

const read = createRoute({
  method: "get",
  path: "/programs/{id}",
  tags: ["programs"],
  summary: "A program with its working copy",
  request: { params: ProgramParams },
  responses: { 200: jsonResponse("The program", ProgramView), ...errorResponses(401, 404) },
});

const save = createRoute({
  method: "put",
  path: "/programs/{id}",
  tags: ["programs"],
  summary: "Save the working copy over the version the editor saw",
  request: { params: ProgramParams, body: jsonBody(SaveProgramBody) },
  responses: { 200: jsonResponse("Saved", ProgramView), ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
});

const publish = createRoute({
  method: "post",
  path: "/programs/{id}/publish",
  tags: ["programs"],
  summary: "Publish the working copy as the next numbered version",
  request: { params: ProgramParams, body: jsonBody(PublishBody) },
  responses: { 200: jsonResponse("Published", ProgramView), ...errorResponses(400, 401, 403, 404, 409, 415) },
});

const versions = createRoute({
  method: "get",
  path: "/programs/{id}/versions",
  tags: ["programs"],
  summary: "The published versions of a program",
  request: { params: ProgramParams },
  responses: { 200: jsonResponse("Versions", ProgramVersionList), ...errorResponses(401, 404) },
});

const version = createRoute({
  method: "get",
  path: "/programs/{id}/versions/{number}",
  tags: ["programs"],
  summary: "One published version, read-only",
  request: { params: VersionParams },
  responses: { 200: jsonResponse("The version", ProgramVersionView), ...errorResponses(400, 401, 404) },
});

const diff = createRoute({
  method: "get",
  path: "/programs/{id}/diff/{from}/{to}",
  tags: ["programs"],
  summary: "What changed between two published versions",
  request: { params: DiffParams },
  responses: { 200: jsonResponse("The changes", ProgramDiff), ...errorResponses(400, 401, 404) },
});

const parse = createRoute({
  method: "post",
  path: "/programs/parse",
  tags: ["programs"],
  summary: "Turn pasted program text (from a Word document) into a structured draft to review",
  request: { params: TenantParams, body: jsonBody(ParseBody) },
  responses: { 200: jsonResponse("The draft", ParsedProgramSchema), ...errorResponses(400, 401, 404, 413, 415) },
});

/** The program a lookup found, with its unit, or 404. */
function programFound(rows: Parameters<typeof programOf>[0]) {
  const found = programOf(rows);
  if (!found) throw new ApiError("not_found");
  return found;
}

/** A program the caller may write, at the version they saw: one round trip. */
async function editableProgram(db: Db, scope: Scope, id: string, version: number): Promise<ProgramRecord> {
  const [rows] = await db.batch([programLookup(db, scope, id)]);
  const { program, unit } = programFound(rows);
  writableFacts(scope, unit);
  if (program.version !== version) throw new ApiError("stale_version", { current: program });
  return program;
}

/** The program as a write's batch left it (read at the end of the batch), or 409 with it when stale. */
function staleOr(applied: boolean, rows: Parameters<typeof programOf>[0]): ProgramRecord {
  const { program } = programFound(rows);
  if (!applied) throw new ApiError("stale_version", { current: program });
  return program;
}

/** A version the batch found; a missing one, or one of a program outside the caller's scope, is 404. */
function versionFound(rows: Awaited<ReturnType<typeof getVersion>>) {
  const found = versionOf(rows);
  if (!found) throw new ApiError("not_found");
  return found;
}

export const programRoutes = createRouter()
  .openapi(list, async (c) => {
    const { db, scope } = c.var;
    const ref = unitRef(db, scope, c.req.valid("param").unitId);
    const [unitRows, rows] = await db.batch([unitLookup(db, ref), listPrograms(db, ref)]);
    unitFound(unitRows);
    return c.json({ items: rows.map(programSummary) }, 200);
  })
  .openapi(create, async (c) => {
    const { db, scope } = c.var;
    const { unitId } = c.req.valid("param");
    const unit = await writableUnit(db, scope, unitId);
    const doc = withIds(c.req.valid("json"), newId);
    const { id, statement } = programInsert(db, unit.ref, doc);
    const { read } = await runAuditedThenRead(
      db,
      [statement],
      auditEvent(scope, {
        action: "program.create",
        targetType: "program",
        targetId: id,
        after: doc,
      }),
      {},
      [programLookup(db, scope, id)] as const,
    );
    return c.json(programFound(read[0]).program, 201);
  })
  .openapi(read, async (c) => {
    const { db, scope } = c.var;
    const [rows] = await db.batch([programLookup(db, scope, c.req.valid("param").id)]);
    return c.json(programFound(rows).program, 200);
  })
  .openapi(save, async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    const { version: seen, content } = c.req.valid("json");
    const program = await editableProgram(db, scope, id, seen);
    const doc = withIds(content, newId);
    const { applied, read } = await runAuditedThenRead(
      db,
      [],
      auditEvent(scope, {
        action: "program.save",
        targetType: "program",
        targetId: id,
        before: program.draft,
        after: doc,
      }),
      { guard: draftUpdate(db, scope, id, seen, doc) },
      [programLookup(db, scope, id)] as const,
    );
    return c.json(staleOr(applied, read[0]), 200);
  })
  .openapi(publish, async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    const { version: seen } = c.req.valid("json");
    const program = await editableProgram(db, scope, id, seen);
    const { number, guard, after } = publishStatements(db, scope, program, scope.userId);
    const { applied, read } = await runAuditedThenRead(
      db,
      [],
      auditEvent(scope, {
        action: "program.publish",
        targetType: "program",
        targetId: id,
        after: { number, content: program.draft },
      }),
      { guard, after },
      [programLookup(db, scope, id)] as const,
    );
    return c.json(staleOr(applied, read[0]), 200);
  })
  .openapi(versions, async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    const [programRows, items] = await db.batch([programLookup(db, scope, id), listVersions(db, scope, id)]);
    if (programRows.length === 0) throw new ApiError("not_found");
    return c.json({ items }, 200);
  })
  .openapi(version, async (c) => {
    const { db, scope } = c.var;
    const { id, number } = c.req.valid("param");
    // The version's query carries the program's scope: out of scope and unknown alike find nothing.
    const [rows] = await db.batch([getVersion(db, scope, id, number)]);
    return c.json(versionFound(rows), 200);
  })
  .openapi(diff, async (c) => {
    const { db, scope } = c.var;
    const { id, from, to } = c.req.valid("param");
    const [fromRows, toRows] = await db.batch([getVersion(db, scope, id, from), getVersion(db, scope, id, to)]);
    const [a, b] = [versionFound(fromRows), versionFound(toRows)];
    return c.json({ from, to, ...diffPrograms(a.content, b.content) }, 200);
  })
  .openapi(parse, (c) => c.json(parseProgramText(c.req.valid("json").text), 200));
