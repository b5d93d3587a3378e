import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import { HTTPException } from "hono/http-exception";
import { createDb } from "./data/db.ts";
import { RequestD1, StaleSessionHint } from "./data/request-d1.ts";
import type { AppEnv } from "./env.ts";
import { ApiError, errorBody } from "./errors.ts";
import { noStore } from "./middleware/no-store.ts";
import { sameOriginJson } from "./middleware/same-origin-json.ts";
import { securityHeaders } from "./middleware/security-headers.ts";
import { session } from "./middleware/session.ts";
import { tenantScope } from "./middleware/tenant-scope.ts";
import { createRouter } from "./router.ts";
import { accountRoutes } from "./routes/account.ts";
import { adminTenantRoutes } from "./routes/admin-tenants.ts";
import { applicationItemRoutes } from "./routes/application-items.ts";
import { applicationRoutes } from "./routes/applications.ts";
import { auditRoutes } from "./routes/audit.ts";
import { authRoutes } from "./routes/auth.ts";
import { awardRoutes } from "./routes/awards.ts";
import { coverageRoutes } from "./routes/coverage.ts";
import { criteriaRoutes } from "./routes/criteria.ts";
import { decisionRoutes } from "./routes/decisions.ts";
import { directoryRoutes } from "./routes/directory.ts";
import { mutualRoutes } from "./routes/mutual.ts";
import { noticeRoutes } from "./routes/notice.ts";
import { panelRoutes } from "./routes/panels.ts";
import { peopleRoutes } from "./routes/people.ts";
import { programRoutes } from "./routes/programs.ts";
import { publicRoutes } from "./routes/public.ts";
import { publicSiteRoutes } from "./routes/public-site.ts";
import { publicSurveyRoutes } from "./routes/public-survey.ts";
import { rankingRoutes } from "./routes/ranking.ts";
import { recordRoutes } from "./routes/records.ts";
import { registrationRoutes } from "./routes/registration.ts";
import { reportParseRoutes } from "./routes/report-parse.ts";
import { reportRoutes } from "./routes/reports.ts";
import { rollupRoutes } from "./routes/rollups.ts";
import { roundRoutes } from "./routes/rounds.ts";
import { scoreChangeRoutes } from "./routes/score-changes.ts";
import { scoreFormRoutes } from "./routes/score-forms.ts";
import { settingsRoutes } from "./routes/settings.ts";
import { signoffRoutes } from "./routes/signoffs.ts";
import { surveyRoutes } from "./routes/survey.ts";
import { surveyResultRoutes } from "./routes/survey-results.ts";
import { synonymRoutes } from "./routes/synonyms.ts";
import { titleRoutes } from "./routes/titles.ts";
import { todoRoutes } from "./routes/todo.ts";
import { unitReviewRoutes } from "./routes/unit-review.ts";
import { unitRoutes } from "./routes/units.ts";
import { surveyPage } from "./survey-page.ts";
import { uploadRouteFor } from "./uploads.ts";

/** JSON bodies are capped (a long creation program is ~100 KB of UTF-8); uploads have their own limits. */
export const MAX_JSON_BODY_BYTES = 256 * 1024;

/** Marks the answer of a request that ran on a stale session hint; worker/index.ts runs it again. */
export const RERUN_HEADER = "x-wenming-rerun";

/** One D1 view per request: it counts the round trips (reported in Server-Timing) and checks hinted sessions. */
const database = createMiddleware<AppEnv>(async (c, next) => {
  const d1 = new RequestD1(c.env.DB);
  c.set("d1", d1);
  c.set("db", createDb(d1.asBinding()));
  await next();
  c.header("Server-Timing", `d1-round-trips;desc="${d1.roundTrips}"`, { append: true });
  // What a write left for after the response (sealing its audit event) runs past it, on no counted trip.
  d1.startDeferred((work) => c.executionCtx.waitUntil(work));
});

/** Uploads get their own limit; every other body is capped at the JSON limit. */
const bodySize = createMiddleware<AppEnv>((c, next) =>
  bodyLimit({
    maxSize: uploadRouteFor(c.req.method, c.req.path)?.maxBytes ?? MAX_JSON_BODY_BYTES,
    onError: (c) => c.json(errorBody("payload_too_large"), 413),
  })(c, next),
);

const app = createRouter();

app.use("/api/*", securityHeaders(), noStore(), bodySize, sameOriginJson(), database, session());
app.use("/api/t/:tenant/*", tenantScope());

const routes = app
  .route("/api", publicRoutes)
  .route("/api/public", publicSiteRoutes)
  .route("/api/public", publicSurveyRoutes)
  .route("/api", registrationRoutes)
  .route("/api/auth", authRoutes)
  .route("/api/auth", accountRoutes)
  .route("/api/admin", adminTenantRoutes)
  .route("/api/t/:tenant", directoryRoutes)
  .route("/api/t/:tenant/units", unitRoutes)
  .route("/api/t/:tenant/units", unitReviewRoutes)
  .route("/api/t/:tenant/units", awardRoutes)
  .route("/api/t/:tenant/people", peopleRoutes)
  .route("/api/t/:tenant", settingsRoutes)
  .route("/api/t/:tenant/audit-events", auditRoutes)
  .route("/api/t/:tenant", programRoutes)
  .route("/api/t/:tenant", recordRoutes)
  .route("/api/t/:tenant/rollups", rollupRoutes)
  .route("/api/t/:tenant/criteria-systems", criteriaRoutes)
  .route("/api/t/:tenant/rounds", roundRoutes)
  .route("/api/t/:tenant", applicationRoutes)
  .route("/api/t/:tenant", applicationItemRoutes)
  .route("/api/t/:tenant", panelRoutes)
  .route("/api/t/:tenant", scoreFormRoutes)
  .route("/api/t/:tenant", scoreChangeRoutes)
  .route("/api/t/:tenant", decisionRoutes)
  .route("/api/t/:tenant", signoffRoutes)
  .route("/api/t/:tenant", rankingRoutes)
  .route("/api/t/:tenant", todoRoutes)
  .route("/api/t/:tenant", noticeRoutes)
  .route("/api/t/:tenant", titleRoutes)
  .route("/api/t/:tenant", reportParseRoutes)
  .route("/api/t/:tenant", reportRoutes)
  .route("/api/t/:tenant", coverageRoutes)
  .route("/api/t/:tenant", synonymRoutes)
  .route("/api/t/:tenant", surveyRoutes)
  .route("/api/t/:tenant", surveyResultRoutes)
  .route("/api/t/:tenant", mutualRoutes);

// A unit's survey link opens the questionnaire's own page (not part of the API document).
app.route("/", surveyPage);

app.doc31("/api/openapi.json", {
  openapi: "3.1.0",
  info: {
    title: "Wenming 文明创建云 API",
    version: "0.1.0",
    description:
      "Civilized-unit creation and assessment. Tenant routes live under /api/t/{tenant}; the session cookie authenticates; writes must be same-origin application/json.",
  },
});

app.notFound((c) => c.json(errorBody("not_found"), 404));

app.onError((error, c) => {
  if (StaleSessionHint.behind(error)) return c.body(null, 503, { [RERUN_HEADER]: "1" });
  if (error instanceof ApiError) {
    for (const [name, value] of Object.entries(error.headers ?? {})) c.header(name, value);
    return c.json(errorBody(error.code, error.fields, error.current), error.status);
  }
  if (error instanceof HTTPException && error.status === 400) return c.json(errorBody("bad_request"), 400);
  console.error("unhandled error", error);
  return c.json(errorBody("internal"), 500);
});

export type AppType = typeof routes;
export { app };
