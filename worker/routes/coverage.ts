// Coverage of a criteria system by a unit's program measures, records and report paragraphs.
import { createRoute } from "@hono/zod-openapi";
import { applicationFound, applicationLookup, criteriaOfApplication } from "../data/applications.ts";
import {
  coverageItemRows,
  linkedRecordsOf,
  recentRecordsOf,
  roundCoverageSummaries,
  unitMeasuresOf,
} from "../data/coverage.ts";
import { criteriaFound } from "../data/criteria.ts";
import { reportLinksOf, reportOf } from "../data/reports.ts";
import { roundCriteria, roundFound, roundLookup } from "../data/rounds.ts";
import { synonymList } from "../data/synonyms.ts";
import { applicationRef } from "../data/unit-access.ts";
import { applicationCoverage, coverageItems, roundRollup } from "../domain/coverage.ts";
import { criteriaMatcher } from "../domain/criteria-match.ts";
import { paragraphsOf } from "../domain/saved-report.ts";
import { requireRole } from "../middleware/tenant-scope.ts";
import { createRouter } from "../router.ts";
import { ApplicationParams, RoundIdParams } from "../schemas/applications.ts";
import { errorResponses, jsonResponse } from "../schemas/common.ts";
import { ApplicationCoverage, ReportContent, RoundCoverage } from "../schemas/reports.ts";

const ofApplication = createRoute({
  method: "get",
  path: "/applications/{id}/coverage",
  tags: ["coverage"],
  summary:
    "Each criteria item of the application's round against the unit's linked measures, records and report paragraphs (covered, thin, empty), with unlinked measures and records that look like they fit: whoever may read the application",
  request: { params: ApplicationParams },
  responses: { 200: jsonResponse("The application's coverage", ApplicationCoverage), ...errorResponses(401, 404) },
});

const ofRound = createRoute({
  method: "get",
  path: "/rounds/{roundId}/coverage",
  tags: ["coverage"],
  summary:
    "Per criteria item, how many of the round's applications in the caller's scope cover it, thinly or not at all, least covered first: the office and reviewers",
  middleware: [requireRole("tenant_admin", "reviewer")],
  request: { params: RoundIdParams },
  responses: { 200: jsonResponse("The round's coverage", RoundCoverage), ...errorResponses(401, 403, 404) },
});

/** A stored report's paragraphs; a report that no longer reads as one has none to show. */
function storedParagraphs(rows: ReadonlyArray<{ content: string }>) {
  const stored = rows[0];
  if (!stored) return [];
  const content = ReportContent.safeParse(JSON.parse(stored.content));
  return content.success ? paragraphsOf(content.data).map((p) => ({ id: p.id, heading: p.heading || p.section })) : [];
}

export const coverageRoutes = createRouter()
  .openapi(ofApplication, async (c) => {
    const { db, scope } = c.var;
    const ref = applicationRef(db, scope, c.req.valid("param").id);
    const [app, criteria, itemRows, links, report, measures, linkedRecords, recentRecords, synonyms] = await db.batch([
      applicationLookup(db, ref),
      criteriaOfApplication(db, ref),
      coverageItemRows(db, ref),
      reportLinksOf(db, ref),
      reportOf(db, ref),
      unitMeasuresOf(db, ref),
      linkedRecordsOf(db, ref),
      recentRecordsOf(db, ref),
      synonymList(db, scope),
    ]);
    const found = applicationFound(app);
    const system = criteriaFound(criteria);
    const items = coverageItems(system.doc);
    const records = new Map([...recentRecords, ...linkedRecords].map((r) => [r.id, r]));
    const measureByKey = new Map(measures.map((m) => [m.key, m]));
    const coverage = applicationCoverage({
      items,
      itemLinks: itemRows.map((row) => ({
        itemCode: row.itemCode,
        measureKeys: JSON.parse(row.measureKeys) as string[],
        recordIds: JSON.parse(row.recordIds) as string[],
      })),
      reportLinks: links,
      paragraphs: storedParagraphs(report),
      measures: [...measureByKey.values()],
      records: [...records.values()],
      rate: criteriaMatcher(items, synonyms),
    });
    return c.json({ applicationId: found.id, criteriaSystemId: system.id, ...coverage }, 200);
  })
  .openapi(ofRound, async (c) => {
    const { db, scope } = c.var;
    const { roundId } = c.req.valid("param");
    const [round, criteria, summaries] = await db.batch([
      roundLookup(db, scope, roundId),
      roundCriteria(db, scope, roundId),
      roundCoverageSummaries(db, scope, roundId),
    ]);
    roundFound(round);
    const coverage = summaries.map((s) => s.coverage);
    const items = roundRollup(coverageItems(criteriaFound(criteria).doc), coverage);
    return c.json({ roundId, applications: coverage.length, items }, 200);
  });
