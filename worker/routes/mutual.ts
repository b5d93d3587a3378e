// 互评: the round owner's settings and peer assignment, each unit's form, and the peers' points per unit.
import { createRoute } from "@hono/zod-openapi";
import type { BatchItem } from "drizzle-orm/batch";
import type { mutualAssessments } from "../../db/schema.ts";
import { applicationFound, applicationLookup, criteriaOfApplication } from "../data/applications.ts";
import { auditEvent, runAuditedThenRead } from "../data/audit.ts";
import { criteriaFound } from "../data/criteria.ts";
import {
  assignmentWrites,
  formSubmit,
  givenScores,
  mutualOfApplication,
  mutualSettingsSave,
  progressPairs,
  progressPoints,
  progressRatees,
  ratees,
  roundAssignmentCount,
  roundMutualScoreExists,
  roundRaters,
  roundScoreFormExists,
  scoresUpsert,
} from "../data/mutual.ts";
import { roundCriteria, roundFound, roundLookup, roundOfApplication } from "../data/rounds.ts";
import type { Scope } from "../data/scope.ts";
import { extraPointsRefresh, mutualPointsRefresh } from "../data/source-points.ts";
import { mutualLookup, surveyLookup } from "../data/source-settings.ts";
import { questionsOf } from "../data/surveys.ts";
import { applicationRef } from "../data/unit-access.ts";
import { assignPeers } from "../domain/mutual-assignment.ts";
import {
  mutualScoreProblems,
  mutualSettingsProblems,
  mutualWindow,
  mutualWindowState,
  unscoredPairs,
} from "../domain/mutual-form.ts";
import type { SourceItem } from "../domain/source-points.ts";
import { ApiError, invalidFields } from "../errors.ts";
import { requireRole } from "../middleware/tenant-scope.ts";
import { createRouter } from "../router.ts";
import { ApplicationParams } from "../schemas/applications.ts";
import { errorResponses, jsonBody, jsonResponse } from "../schemas/common.ts";
import type { CriteriaDocument, CriteriaItemShape } from "../schemas/criteria.ts";
import {
  AssignMutualBody,
  MutualForm,
  MutualProgress,
  MutualSettingsView,
  SaveMutualBody,
  SaveMutualScoresBody,
} from "../schemas/mutual.ts";
import { RoundParams } from "../schemas/rounds.ts";

type MutualRow = typeof mutualAssessments.$inferSelect;

const readSettings = createRoute({
  method: "get",
  path: "/rounds/{id}/mutual",
  tags: ["mutual"],
  summary:
    "The round's mutual-assessment settings (互评): items, peers per unit, grouping, window: admins and reviewers",
  middleware: [requireRole("tenant_admin", "reviewer")],
  request: { params: RoundParams },
  responses: { 200: jsonResponse("The settings", MutualSettingsView), ...errorResponses(401, 403, 404) },
});

const saveSettings = createRoute({
  method: "put",
  path: "/rounds/{id}/mutual",
  tags: ["mutual"],
  summary:
    "Saves the settings (version 0 creates them); the items must be base items no questionnaire question maps to, and cannot change once reviewers have scored the round: tenant admins",
  middleware: [requireRole("tenant_admin")],
  request: { params: RoundParams, body: jsonBody(SaveMutualBody) },
  responses: {
    200: jsonResponse("The saved settings", MutualSettingsView),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

const assign = createRoute({
  method: "post",
  path: "/rounds/{id}/mutual/assign",
  tags: ["mutual"],
  summary:
    "Assigns each non-withdrawn application its peers (never itself, no org-tree conflict, load spread evenly), replacing an earlier assignment until any peer has scored: tenant admins",
  middleware: [requireRole("tenant_admin")],
  request: { params: RoundParams, body: jsonBody(AssignMutualBody) },
  responses: {
    200: jsonResponse("The settings after assigning", MutualSettingsView),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

const progress = createRoute({
  method: "get",
  path: "/rounds/{id}/mutual/progress",
  tags: ["mutual"],
  summary:
    "Per unit in the caller's scope: peers assigned and submitted, the peers' mean per item; who scored whom only once the window has closed: admins and reviewers",
  middleware: [requireRole("tenant_admin", "reviewer")],
  request: { params: RoundParams },
  responses: { 200: jsonResponse("The progress", MutualProgress), ...errorResponses(401, 403, 404) },
});

const readForm = createRoute({
  method: "get",
  path: "/applications/{id}/mutual",
  tags: ["mutual"],
  summary:
    "The application's mutual-assessment form: its assigned peers and the points it gave; its unit's staff (admins and reviewers in scope read it)",
  middleware: [requireRole("tenant_admin", "reviewer", "unit_staff")],
  request: { params: ApplicationParams },
  responses: { 200: jsonResponse("The form", MutualForm), ...errorResponses(401, 403, 404) },
});

const saveForm = createRoute({
  method: "put",
  path: "/applications/{id}/mutual",
  tags: ["mutual"],
  summary:
    "Saves the unit's points for its peers (a draft counts for nothing); submit needs every peer × item scored and moves the peers' points into the ranking: the unit's staff while the window is open",
  middleware: [requireRole("tenant_admin", "reviewer", "unit_staff")],
  request: { params: ApplicationParams, body: jsonBody(SaveMutualScoresBody) },
  responses: { 200: jsonResponse("The form", MutualForm), ...errorResponses(400, 401, 403, 404, 409) },
});

/** The system's base items (the categories' items, not bonus or deduction ones) by code, in the system's order. */
function baseItems(doc: CriteriaDocument): Map<string, CriteriaItemShape> {
  return new Map(doc.categories.flatMap((c) => c.items).map((item) => [item.code, item]));
}

/** The mutual items as SourceItems, in the system's order (those a system no longer has are left out). */
function mutualItems(doc: CriteriaDocument, codes: readonly string[]): CriteriaItemShape[] {
  const chosen = new Set(codes);
  return [...baseItems(doc).values()].filter((item) => chosen.has(item.code));
}

const asSource = ({ code, maxPoints, mode, grades }: CriteriaItemShape): SourceItem => ({
  code,
  maxPoints,
  mode,
  grades,
});

const itemCodesOf = (row: Pick<MutualRow, "itemCodes">) => JSON.parse(row.itemCodes) as string[];

/** The items the round's questionnaire (if any) scores. */
const surveyItemsOf = (rows: ReadonlyArray<{ questions: string }>) =>
  new Set((rows[0] ? questionsOf(rows[0]) : []).map((q) => q.itemCode));

function settingsView(
  scope: Scope,
  roundId: string,
  doc: CriteriaDocument,
  row: MutualRow | undefined,
  assignments: number,
  surveyItems: ReadonlySet<string>,
  now: Date,
) {
  const state = row ? mutualWindowState(row, now) : null;
  const codes = row ? itemCodesOf(row) : [];
  return {
    roundId,
    configured: row !== undefined,
    version: row?.version ?? 0,
    editable: scope.role === "tenant_admin",
    itemCodes: codes,
    peers: row?.peers ?? 5,
    groupBy: row?.groupBy ?? "sector",
    opensOn: row?.opensOn ?? null,
    closesOn: row?.closesOn ?? null,
    open: state === "open",
    closed: state === "closed",
    assignedAt: row?.assignedAt ?? null,
    assignments,
    items: mutualItems(doc, codes).map((item) => ({ code: item.code, title: item.title, maxPoints: item.maxPoints })),
    baseItems: [...baseItems(doc).values()].map((item) => ({
      code: item.code,
      title: item.title,
      maxPoints: item.maxPoints,
      survey: surveyItems.has(item.code),
    })),
  };
}

type FormReads = readonly [
  Awaited<ReturnType<typeof mutualOfApplication>>,
  Awaited<ReturnType<typeof ratees>>,
  Awaited<ReturnType<typeof givenScores>>,
];

function formView(scope: Scope, app: { id: string; unitId: string }, doc: CriteriaDocument, reads: FormReads) {
  const [settingsRows, peerRows, scoreRows] = reads;
  const settings = settingsRows[0];
  const items = settings ? mutualItems(doc, itemCodesOf(settings)) : [];
  const open = settings !== undefined && mutualWindowState(settings, new Date()) === "open";
  const submitted = peerRows.some((p) => p.submittedAt !== null);
  const given = new Map(scoreRows.map((s) => [JSON.stringify([s.rateeApplicationId, s.itemCode]), s.points]));
  return {
    applicationId: app.id,
    configured: settings !== undefined,
    open,
    editable: open && !submitted && scope.role === "unit_staff" && scope.unitId === app.unitId,
    closesOn: settings?.closesOn ?? null,
    items: items.map((item) => ({
      code: item.code,
      title: item.title,
      maxPoints: item.maxPoints,
      guidance: item.guidance,
    })),
    peers: peerRows.map((peer) => ({
      applicationId: peer.applicationId,
      unitName: peer.unitName,
      submitted: peer.submittedAt !== null,
      scores: items.map((item) => ({
        itemCode: item.code,
        points: given.get(JSON.stringify([peer.applicationId, item.code])) ?? null,
      })),
    })),
  };
}

export const mutualRoutes = createRouter()
  .openapi(readSettings, async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    const [round, criteria, survey, settings, assigned] = await db.batch([
      roundLookup(db, scope, id),
      roundCriteria(db, scope, id),
      surveyLookup(db, scope.tenantId, id),
      mutualLookup(db, scope.tenantId, id),
      roundAssignmentCount(db, scope, id),
    ]);
    roundFound(round);
    const doc = criteriaFound(criteria).doc;
    const view = settingsView(scope, id, doc, settings[0], assigned[0]?.n ?? 0, surveyItemsOf(survey), new Date());
    return c.json(view, 200);
  })
  .openapi(saveSettings, async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    const { version, ...body } = c.req.valid("json");
    const [round, criteria, survey, settings, assigned, scored] = await db.batch([
      roundLookup(db, scope, id),
      roundCriteria(db, scope, id),
      surveyLookup(db, scope.tenantId, id),
      mutualLookup(db, scope.tenantId, id),
      roundAssignmentCount(db, scope, id),
      roundScoreFormExists(db, scope, id),
    ]);
    roundFound(round);
    const doc = criteriaFound(criteria).doc;
    const current = settings[0];
    const surveyItems = surveyItemsOf(survey);
    const viewNow = () => settingsView(scope, id, doc, current, assigned[0]?.n ?? 0, surveyItems, new Date());
    if ((current?.version ?? 0) !== version) throw new ApiError("stale_version", { current: viewNow() });
    const problems = mutualSettingsProblems(body, baseItems(doc), surveyItems);
    if (Object.keys(problems).length > 0) throw invalidFields(problems);
    // Reviewers' forms refuse points on sourced items: once one exists, the set of those items is fixed.
    const before = new Set(current ? itemCodesOf(current) : []);
    const sameItems = before.size === new Set(body.itemCodes).size && body.itemCodes.every((code) => before.has(code));
    if (scored.length > 0 && !sameItems) throw new ApiError("sources_locked", { current: viewNow() });
    const fields = { ...body, ...mutualWindow(body.opensOn, body.closesOn) };
    const { applied, read } = await runAuditedThenRead(
      db,
      [],
      auditEvent(scope, {
        action: "mutual.save",
        targetType: "round",
        targetId: id,
        before: current ?? null,
        after: fields,
      }),
      { guard: mutualSettingsSave(db, scope, id, version, fields) },
      [mutualLookup(db, scope.tenantId, id), roundAssignmentCount(db, scope, id)] as const,
    );
    const [rows, count] = read;
    const view = settingsView(scope, id, doc, rows[0], count[0]?.n ?? 0, surveyItems, new Date());
    if (!applied) throw new ApiError("stale_version", { current: view });
    return c.json(view, 200);
  })
  .openapi(assign, async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    const { version } = c.req.valid("json");
    const [round, criteria, survey, settings, assigned, raters, scored] = await db.batch([
      roundLookup(db, scope, id),
      roundCriteria(db, scope, id),
      surveyLookup(db, scope.tenantId, id),
      mutualLookup(db, scope.tenantId, id),
      roundAssignmentCount(db, scope, id),
      roundRaters(db, scope, id),
      roundMutualScoreExists(db, scope, id),
    ]);
    roundFound(round);
    const doc = criteriaFound(criteria).doc;
    const current = settings[0];
    const surveyItems = surveyItemsOf(survey);
    const viewNow = () => settingsView(scope, id, doc, current, assigned[0]?.n ?? 0, surveyItems, new Date());
    if (!current || current.version !== version) throw new ApiError("stale_version", { current: viewNow() });
    if (scored.length > 0) throw new ApiError("mutual_scored", { current: viewNow() });
    const pairs = assignPeers(raters, { peers: current.peers, groupBy: current.groupBy, seed: id });
    const { applied, read } = await runAuditedThenRead(
      db,
      [],
      auditEvent(scope, {
        action: "mutual.assign",
        targetType: "round",
        targetId: id,
        before: { assignedAt: current.assignedAt, pairs: assigned[0]?.n ?? 0 },
        after: { applications: raters.length, pairs: pairs.length, peers: current.peers, groupBy: current.groupBy },
      }),
      assignmentWrites(db, scope, id, version, pairs),
      [
        mutualLookup(db, scope.tenantId, id),
        roundAssignmentCount(db, scope, id),
        roundMutualScoreExists(db, scope, id),
      ] as const,
    );
    const [rows, count, scoredNow] = read;
    const view = settingsView(scope, id, doc, rows[0], count[0]?.n ?? 0, surveyItems, new Date());
    if (!applied) throw new ApiError(scoredNow.length > 0 ? "mutual_scored" : "stale_version", { current: view });
    return c.json(view, 200);
  })
  .openapi(progress, async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    const [round, criteria, settings, rateeRows, pairRows, pointRows] = await db.batch([
      roundLookup(db, scope, id),
      roundCriteria(db, scope, id),
      mutualLookup(db, scope.tenantId, id),
      progressRatees(db, scope, id),
      progressPairs(db, scope, id),
      progressPoints(db, scope, id),
    ]);
    roundFound(round);
    const row = settings[0];
    const items = row ? mutualItems(criteriaFound(criteria).doc, itemCodesOf(row)) : [];
    // Who scored whom stays hidden while units are still scoring: a unit could otherwise learn its raters.
    const closed = row !== undefined && mutualWindowState(row, new Date()) === "closed";
    const points = new Map(pointRows.map((p) => [JSON.stringify([p.applicationId, p.itemCode]), p]));
    const rows = rateeRows.map((ratee) => {
      const raters = pairRows.filter((p) => p.rateeApplicationId === ratee.applicationId);
      const perItem = items.map((item) => {
        const stored = points.get(JSON.stringify([ratee.applicationId, item.code]));
        return {
          itemCode: item.code,
          answers: stored?.answers ?? 0,
          rate: stored?.rate ?? null,
          points: stored?.points ?? 0,
        };
      });
      return {
        ...ratee,
        assigned: raters.length,
        scored: raters.filter((r) => r.submittedAt !== null).length,
        points: Math.round(perItem.reduce((sum, i) => sum + i.points, 0) * 100) / 100,
        items: perItem,
        raters: closed
          ? raters.map((r) => ({
              applicationId: r.raterApplicationId,
              unitName: r.raterName,
              submitted: r.submittedAt !== null,
            }))
          : null,
      };
    });
    return c.json({ closed, rows }, 200);
  })
  .openapi(readForm, async (c) => {
    const { db, scope } = c.var;
    const ref = applicationRef(db, scope, c.req.valid("param").id);
    const [app, criteria, ...reads] = await db.batch([
      applicationLookup(db, ref),
      criteriaOfApplication(db, ref),
      mutualOfApplication(db, ref),
      ratees(db, ref),
      givenScores(db, ref),
    ]);
    const found = applicationFound(app);
    return c.json(formView(scope, found, criteriaFound(criteria).doc, reads), 200);
  })
  .openapi(saveForm, async (c) => {
    const { db, scope } = c.var;
    const ref = applicationRef(db, scope, c.req.valid("param").id);
    const body = c.req.valid("json");
    const [app, criteria, round, settingsRows, peerRows, scoreRows] = await db.batch([
      applicationLookup(db, ref),
      criteriaOfApplication(db, ref),
      roundOfApplication(db, ref),
      mutualOfApplication(db, ref),
      ratees(db, ref),
      givenScores(db, ref),
    ]);
    const found = applicationFound(app);
    const doc = criteriaFound(criteria).doc;
    const reads: FormReads = [settingsRows, peerRows, scoreRows];
    const settings = settingsRows[0];
    if (scope.role !== "unit_staff" || scope.unitId !== found.unitId) throw new ApiError("forbidden");
    const viewNow = () => formView(scope, found, doc, reads);
    if (!settings || mutualWindowState(settings, new Date()) !== "open") {
      throw new ApiError("mutual_closed", { current: viewNow() });
    }
    if (peerRows.some((p) => p.submittedAt !== null)) throw new ApiError("mutual_submitted", { current: viewNow() });
    const items = mutualItems(doc, itemCodesOf(settings));
    const peers = peerRows.map((p) => p.applicationId);
    const problems = mutualScoreProblems(body.scores, new Set(peers), items);
    if (Object.keys(problems).length > 0) throw invalidFields(problems);
    const statements = scoresUpsert(db, ref, body.scores);
    const options: { guard?: BatchItem<"sqlite">; after?: BatchItem<"sqlite">[] } = {};
    if (body.submit) {
      const missing = unscoredPairs(peers, items, [...scoreRows, ...body.scores]);
      if (missing.length > 0 || peers.length === 0) {
        throw new ApiError("form_incomplete", { current: { form: viewNow(), missing } });
      }
      const aggregation = roundFound(round).settings.review.aggregation;
      const sources = items.map(asSource);
      options.guard = formSubmit(db, ref);
      // Each peer's points now include this form: its source points, then its results (the ranking reads them).
      options.after = peers.flatMap((applicationId) => {
        const target = { tenantId: scope.tenantId, roundId: settings.roundId, applicationId };
        return [mutualPointsRefresh(db, target, sources), ...extraPointsRefresh(db, target, aggregation)];
      });
    }
    const { applied, read } = await runAuditedThenRead(
      db,
      statements,
      auditEvent(scope, {
        action: body.submit ? "mutual.submit" : "mutual.score",
        targetType: "application",
        targetId: found.id,
        after: body,
      }),
      options,
      [mutualOfApplication(db, ref), ratees(db, ref), givenScores(db, ref)] as const,
    );
    const view = formView(scope, found, doc, read);
    if (!applied) throw new ApiError("mutual_submitted", { current: view });
    return c.json(view, 200);
  });
