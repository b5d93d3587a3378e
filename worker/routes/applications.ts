import { createRoute } from "@hono/zod-openapi";
import {
  applicationInsert,
  applicationUpdate,
  evidenceOf,
  findApplicationOf,
  listApplications,
} from "../data/applications.ts";
import { runAuditedThenRead } from "../data/audit.ts";
import { awardsOfUnit } from "../data/awards.ts";
import { criteriaParsed } from "../data/criteria.ts";
import { nowIso } from "../data/db.ts";
import { publishedProgramFor } from "../data/programs.ts";
import { reportLengthOf } from "../data/reports.ts";
import { roundCriteria, roundFound, roundLookup, roundYear } from "../data/rounds.ts";
import { isUniqueViolation } from "../data/unique-violation.ts";
import { applicationRef, unitFound, unitLookup, unitRef, writableFacts } from "../data/unit-access.ts";
import { completeness, missingEvidence } from "../domain/evidence-rules.ts";
import { paging } from "../domain/paging.ts";
import { ApiError, invalidFields } from "../errors.ts";
import { requireRole } from "../middleware/tenant-scope.ts";
import { createRouter } from "../router.ts";
import {
  ApplicationListQuery,
  ApplicationPage,
  ApplicationParams,
  ApplicationView,
  ApplyBody,
  ReturnBody,
  RoundIdParams,
  VersionBody,
} from "../schemas/applications.ts";
import { EligibilityQuery, EligibilityView } from "../schemas/awards.ts";
import { errorResponses, jsonBody, jsonResponse } from "../schemas/common.ts";
import {
  audit,
  changed,
  checkVersion,
  editable,
  eligibilityIn,
  evidenceIn,
  load,
  loadedFrom,
  loadStatements,
  lockedError,
  present,
  view,
  writableOwn,
} from "./application-context.ts";
import { requirePhase } from "./rounds.ts";

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

export const applicationRoutes = createRouter()
  .openapi(apply, async (c) => {
    const { db, scope } = c.var;
    const { roundId } = c.req.valid("param");
    const body = c.req.valid("json");
    const ref = unitRef(db, scope, scope.unitId ?? "");
    const [roundRows, unitRows, held, existing, program] = await db.batch([
      roundLookup(db, scope, roundId),
      unitLookup(db, ref),
      awardsOfUnit(db, ref),
      findApplicationOf(db, ref, roundId),
      publishedProgramFor(db, ref, roundYear(db, scope, roundId)),
    ]);
    const round = roundFound(roundRows);
    if (scope.role !== "unit_staff" || !scope.unitId) throw new ApiError("forbidden");
    const unit = unitFound(unitRows);
    writableFacts(scope, unit);
    // A re-check enrols the current holders itself when it opens (worker/data/recheck.ts).
    if (round.kind === "recheck") throw new ApiError("recheck_enrolment_only");
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
    if (program.length === 0) throw new ApiError("no_published_program");
    if (existing[0]) throw new ApiError("application_exists");
    const { id, statement } = applicationInsert(db, scope, {
      roundId,
      unitId: unit.id,
      jurisdictionPath: unit.jurisdictionPath,
      channel: body.channel,
      channelSectorId: body.channel === "sector" ? (body.channelSectorId ?? null) : null,
    });
    const created = applicationRef(db, scope, id);
    try {
      const { read } = await runAuditedThenRead(
        db,
        [statement],
        audit(scope, "application.create", id, { after: body }),
        {},
        loadStatements(db, created),
      );
      return c.json(present(loadedFrom(created, read)), 201);
    } catch (error) {
      if (isUniqueViolation(error, "applications.round_id")) {
        throw new ApiError("application_exists");
      }
      throw error;
    }
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
  .openapi(submit, async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    const ref = applicationRef(db, scope, id);
    const [app, round, criteria, items, files, [report]] = await db.batch([
      ...loadStatements(db, ref),
      reportLengthOf(db, ref),
    ]);
    const loaded = loadedFrom(ref, [app, round, criteria, items, files]);
    editable(scope, loaded);
    checkVersion(loaded.app, c.req.valid("json").version);
    const missing = missingEvidence(loaded.criteria, evidenceIn(loaded));
    if (Object.keys(missing).length > 0) throw new ApiError("evidence_incomplete", { fields: missing });
    // The round's report rule (a draft may run over the length; submitting may not).
    const { maxChars, required } = loaded.round.settings.report;
    if (!report && required) throw new ApiError("report_missing");
    if (report && report.length > maxChars)
      throw new ApiError("report_too_long", { current: { length: report.length, maxChars } });
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
