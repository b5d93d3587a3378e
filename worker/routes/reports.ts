// The unit's report (汇报材料) on an application: read, save, locked with the application.
import { createRoute, type z } from "@hono/zod-openapi";
import type { BatchResponse } from "drizzle-orm/batch";
import { applicationFound, applicationLookup, applicationUpdate, criteriaOfApplication } from "../data/applications.ts";
import { runAuditedThenRead } from "../data/audit.ts";
import { coverageRefresh } from "../data/coverage.ts";
import { criteriaFound } from "../data/criteria.ts";
import type { Db } from "../data/db.ts";
import { reportLinksOf, reportOf, reportSave } from "../data/reports.ts";
import { roundFound, roundOfApplication } from "../data/rounds.ts";
import type { Scope } from "../data/scope.ts";
import { synonymList } from "../data/synonyms.ts";
import { type ApplicationRef, applicationRef } from "../data/unit-access.ts";
import { itemsByCode } from "../domain/criteria.ts";
import { criteriaMatcher } from "../domain/criteria-match.ts";
import { placeholdersIn } from "../domain/report/placeholders.ts";
import { distinctLinks, paragraphsOf, reportProblems, savedReportLength } from "../domain/saved-report.ts";
import { ApiError, invalidFields } from "../errors.ts";
import { createRouter } from "../router.ts";
import { ApplicationParams } from "../schemas/applications.ts";
import { errorResponses, jsonBody, jsonResponse } from "../schemas/common.ts";
import type { CriteriaDocument } from "../schemas/criteria.ts";
import { MAX_REPORT_CHARACTERS, ReportContent, ReportFigure, ReportView, SaveReportBody } from "../schemas/reports.ts";
import { audit, checkVersion, editable } from "./application-context.ts";

const read = createRoute({
  method: "get",
  path: "/applications/{id}/report",
  tags: ["reports"],
  summary: "The unit's report on an application, its links to criteria items and suggested items per paragraph",
  request: { params: ApplicationParams },
  responses: { 200: jsonResponse("The report", ReportView), ...errorResponses(401, 404) },
});

const save = createRoute({
  method: "put",
  path: "/applications/{id}/report",
  tags: ["reports"],
  summary:
    "Save the report (the unit's own staff while the application is editable; a draft may exceed the round's length)",
  request: { params: ApplicationParams, body: jsonBody(SaveReportBody) },
  responses: { 200: jsonResponse("Saved", ReportView), ...errorResponses(400, 401, 403, 404, 409, 415) },
});

/** Everything the view needs, as statements of one batch: read alone, or at the end of a save's batch. */
function viewStatements(db: Db, scope: Scope, ref: ApplicationRef) {
  return [
    applicationLookup(db, ref),
    roundOfApplication(db, ref),
    criteriaOfApplication(db, ref),
    reportOf(db, ref),
    reportLinksOf(db, ref),
    synonymList(db, scope),
  ] as const;
}

type ViewRows = BatchResponse<ReturnType<typeof viewStatements>>;

function facts([app, round, criteria]: readonly [ViewRows[0], ViewRows[1], ViewRows[2], ...unknown[]]) {
  return { app: applicationFound(app), round: roundFound(round), criteria: criteriaFound(criteria).doc };
}

/** Whether the caller may change the report now: the same rule as saving it, without the error. */
function mayEdit(scope: Scope, loaded: Parameters<typeof editable>[1]): boolean {
  try {
    editable(scope, loaded);
    return true;
  } catch (error) {
    if (error instanceof ApiError) return false;
    throw error;
  }
}

/** Suggested criteria items for each paragraph with text of its own, from the items' titles and guidance. */
function suggestionsFor(content: z.output<typeof ReportContent>, criteria: CriteriaDocument, synonyms: ViewRows[5]) {
  const items = [...itemsByCode(criteria).values()].map((i) => ({
    code: i.code,
    title: i.title,
    guidance: i.guidance,
  }));
  const match = criteriaMatcher(items, synonyms);
  return paragraphsOf(content)
    .filter((p) => !p.empty)
    .map((p) => ({ paragraphId: p.id, items: match(`${p.heading}\n${p.text}`) }));
}

/** The stored report as the API shows it, with the placeholders (xx县, 20xx年) its text still carries. */
function reportFrom(stored: NonNullable<ViewRows[3][number]>, links: ViewRows[4]) {
  const content = ReportContent.parse(JSON.parse(stored.content));
  const text = [content.title, ...paragraphsOf(content).flatMap((p) => [p.heading, p.text])].join("\n");
  return {
    content,
    figures: ReportFigure.array().parse(JSON.parse(stored.figures)),
    links,
    length: stored.length,
    placeholders: placeholdersIn(text),
    updatedAt: stored.updatedAt,
  };
}

function present(scope: Scope, rows: ViewRows) {
  const loaded = facts(rows);
  const [, , , [stored], links, synonyms] = rows;
  const report = stored ? reportFrom(stored, links) : null;
  const { maxChars, required } = loaded.round.settings.report;
  return {
    applicationId: loaded.app.id,
    applicationVersion: loaded.app.version,
    editable: mayEdit(scope, loaded),
    maxChars,
    required,
    report,
    suggestions: report ? suggestionsFor(report.content, loaded.criteria, synonyms) : [],
  };
}

export const reportRoutes = createRouter()
  .openapi(read, async (c) => {
    const { db, scope } = c.var;
    const ref = applicationRef(db, scope, c.req.valid("param").id);
    return c.json(present(scope, await db.batch(viewStatements(db, scope, ref))), 200);
  })
  .openapi(save, async (c) => {
    const { db, scope } = c.var;
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const ref = applicationRef(db, scope, id);
    const [app, round, criteria] = await db.batch([
      applicationLookup(db, ref),
      roundOfApplication(db, ref),
      criteriaOfApplication(db, ref),
    ]);
    const loaded = facts([app, round, criteria]);
    editable(scope, loaded);
    checkVersion(loaded.app, body.version);
    const codes = new Set(itemsByCode(loaded.criteria).keys());
    const problems = reportProblems(body.content, body.figures, body.links, codes);
    if (Object.keys(problems).length > 0) throw invalidFields(problems);
    const length = savedReportLength(body.content);
    if (length > MAX_REPORT_CHARACTERS) {
      throw invalidFields({
        content: [`汇报材料不超过 ${MAX_REPORT_CHARACTERS} 字 / at most ${MAX_REPORT_CHARACTERS} characters`],
      });
    }
    const links = distinctLinks(body.links);
    const values = { content: body.content, figures: body.figures, length, links };
    const { applied, read: rows } = await runAuditedThenRead(
      db,
      [],
      audit(scope, "application.save_report", id, { after: values }),
      {
        guard: applicationUpdate(db, scope, loaded.app, {}),
        after: [...reportSave(db, ref, loaded.app, scope.userId, values), coverageRefresh(db, ref)],
      },
      viewStatements(db, scope, ref),
    );
    const view = present(scope, rows);
    if (!applied) throw new ApiError("stale_version", { current: view });
    return c.json(view, 200);
  });
