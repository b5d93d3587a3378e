import type { QueryClient } from "@tanstack/react-query";
import { createRootRouteWithContext, createRoute, createRouter, lazyRouteComponent } from "@tanstack/react-router";
import { validateAuditSearch } from "../api/audit-search.ts";
import { validatePeopleSearch } from "../api/people-search.ts";
import { validateRecordSearch } from "../api/record-search.ts";
import { type UnitSearch, validateUnitSearch } from "../api/unit-search.ts";
import { NotFound } from "../components/NotFound.tsx";
import { validateProgramPrintSearch } from "../components/print/print-search.ts";
import { RouteError } from "../components/RouteError.tsx";
import { validateRankingSearch } from "../components/ranking/ranking-search.ts";
import { requireMe, safeRedirect } from "./guards.ts";
import { PublicHome } from "./PublicHome.tsx";
import { validatePublicAwardSearch } from "./public/award-search.ts";
import { RootLayout } from "./RootLayout.tsx";

export interface RouterContext {
  queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: RootLayout,
  notFoundComponent: NotFound,
});

// The public page is the only eager route: it carries no antd, so first load stays light.
const publicRoute = createRoute({ getParentRoute: () => rootRoute, path: "/", component: PublicHome });

// Public pages of an office (no login, no UI kit): its titled units, notices and objections.
const officeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/offices/$tenant",
  component: lazyRouteComponent(() => import("./public/OfficePage.tsx"), "OfficePage"),
});

const officeAwardsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/offices/$tenant/awards",
  validateSearch: validatePublicAwardSearch,
  component: lazyRouteComponent(() => import("./public/AwardsPage.tsx"), "AwardsPage"),
});

const officeUnitRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/offices/$tenant/units/$unitId",
  component: lazyRouteComponent(() => import("./public/PublicUnitPage.tsx"), "PublicUnitPage"),
});

const noticeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/offices/$tenant/notices/$roundId",
  component: lazyRouteComponent(() => import("./public/NoticePage.tsx"), "NoticePage"),
});

const objectionFormRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/offices/$tenant/notices/$roundId/objection",
  validateSearch: (raw: Record<string, unknown>): { entry?: string } =>
    typeof raw.entry === "string" && raw.entry.length <= 64 ? { entry: raw.entry } : {},
  component: lazyRouteComponent(() => import("./public/ObjectionFormPage.tsx"), "ObjectionFormPage"),
});

const objectionLookupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/objections",
  validateSearch: (raw: Record<string, unknown>): { reference?: string } =>
    typeof raw.reference === "string" && raw.reference.length <= 20 ? { reference: raw.reference } : {},
  component: lazyRouteComponent(() => import("./public/ObjectionLookupPage.tsx"), "ObjectionLookupPage"),
});

// The list an office embeds in its own website (an iframe): no header, no navigation.
const embedAwardsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/embed/$tenant/awards",
  validateSearch: validatePublicAwardSearch,
  component: lazyRouteComponent(() => import("./public/EmbedAwardsPage.tsx"), "EmbedAwardsPage"),
});

/** Everything behind sign-in (and the sign-in page) renders inside the antd shell, loaded on demand. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: "_app",
  component: lazyRouteComponent(() => import("./AppShell.tsx"), "AppShell"),
});

const loginRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/login",
  validateSearch: (raw: Record<string, unknown>): { redirect?: string } => {
    const target = safeRedirect(raw.redirect);
    return target ? { redirect: target } : {};
  },
  component: lazyRouteComponent(() => import("./LoginPage.tsx"), "LoginPage"),
});

// A one-time link lands here; the token stays in the fragment (#token=…), never in a query string.
const activateRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/activate",
  component: lazyRouteComponent(() => import("./ActivatePage.tsx"), "ActivatePage"),
});

const accountRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/account",
  beforeLoad: ({ context, location }) => requireMe(context.queryClient, location.href),
  component: lazyRouteComponent(() => import("./AccountPage.tsx"), "AccountPage"),
});

const chooseRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/choose",
  beforeLoad: ({ context, location }) => requireMe(context.queryClient, location.href),
  component: lazyRouteComponent(() => import("./PickerPage.tsx"), "PickerPage"),
});

const platformRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/platform",
  beforeLoad: ({ context, location }) => requireMe(context.queryClient, location.href),
  component: lazyRouteComponent(() => import("./PlatformPage.tsx"), "PlatformPage"),
});

// Public, but in the antd shell: a unit registers itself with one office.
const registerRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/t/$tenant/register",
  component: lazyRouteComponent(() => import("./RegisterPage.tsx"), "RegisterPage"),
});

const tenantRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/t/$tenant",
  beforeLoad: ({ context, location }) => requireMe(context.queryClient, location.href),
  component: lazyRouteComponent(() => import("./TenantLayout.tsx"), "TenantLayout"),
});

const tenantHomeRoute = createRoute({
  getParentRoute: () => tenantRoute,
  path: "/",
  validateSearch: validateUnitSearch,
  component: lazyRouteComponent(() => import("./TenantHome.tsx"), "TenantHome"),
});

const unitRoute = createRoute({
  getParentRoute: () => tenantRoute,
  path: "/units/$id",
  component: lazyRouteComponent(() => import("./UnitDetailPage.tsx"), "UnitDetailPage"),
});

const unitProgramsRoute = createRoute({
  getParentRoute: () => tenantRoute,
  path: "/units/$id/programs",
  component: lazyRouteComponent(() => import("./ProgramsPage.tsx"), "ProgramsPage"),
});

const programImportRoute = createRoute({
  getParentRoute: () => tenantRoute,
  path: "/units/$id/programs/import",
  component: lazyRouteComponent(() => import("./ProgramImportPage.tsx"), "ProgramImportPage"),
});

const unitRecordsRoute = createRoute({
  getParentRoute: () => tenantRoute,
  path: "/units/$id/records",
  validateSearch: validateRecordSearch,
  component: lazyRouteComponent(() => import("./RecordsPage.tsx"), "RecordsPage"),
});

const unitProgressRoute = createRoute({
  getParentRoute: () => tenantRoute,
  path: "/units/$id/progress",
  component: lazyRouteComponent(() => import("./ProgressPage.tsx"), "ProgressPage"),
});

const programRoute = createRoute({
  getParentRoute: () => tenantRoute,
  path: "/programs/$programId",
  component: lazyRouteComponent(() => import("./ProgramPage.tsx"), "ProgramPage"),
});

const programVersionRoute = createRoute({
  getParentRoute: () => tenantRoute,
  path: "/programs/$programId/versions/$number",
  component: lazyRouteComponent(() => import("./ProgramVersionPage.tsx"), "ProgramVersionPage"),
});

const programCompareRoute = createRoute({
  getParentRoute: () => tenantRoute,
  path: "/programs/$programId/compare",
  validateSearch: (raw: Record<string, unknown>): { from: number; to: number } => ({
    from: Math.max(1, Math.trunc(Number(raw.from)) || 1),
    to: Math.max(1, Math.trunc(Number(raw.to)) || 1),
  }),
  component: lazyRouteComponent(() => import("./ProgramComparePage.tsx"), "ProgramComparePage"),
});

// Print views: one clean A4 document each (the app's header and navigation stay off paper), with 导出 Word.
const programPrintRoute = createRoute({
  getParentRoute: () => tenantRoute,
  path: "/programs/$programId/print",
  validateSearch: validateProgramPrintSearch,
  component: lazyRouteComponent(() => import("../components/print/ProgramPrintPage.tsx"), "ProgramPrintPage"),
});

const applicationPrintRoute = createRoute({
  getParentRoute: () => tenantRoute,
  path: "/applications/$applicationId/print",
  component: lazyRouteComponent(() => import("../components/print/ApplicationPrintPage.tsx"), "ApplicationPrintPage"),
});

const rankingPrintRoute = createRoute({
  getParentRoute: () => tenantRoute,
  path: "/rounds/$roundId/ranking/print",
  validateSearch: validateRankingSearch,
  component: lazyRouteComponent(() => import("../components/print/RankingPrintPage.tsx"), "RankingPrintPage"),
});

const statsRoute = createRoute({
  getParentRoute: () => tenantRoute,
  path: "/stats",
  component: lazyRouteComponent(() => import("./StatsPage.tsx"), "StatsPage"),
});

const peopleRoute = createRoute({
  getParentRoute: () => tenantRoute,
  path: "/people",
  validateSearch: validatePeopleSearch,
  component: lazyRouteComponent(() => import("./PeoplePage.tsx"), "PeoplePage"),
});

const settingsRoute = createRoute({
  getParentRoute: () => tenantRoute,
  path: "/settings",
  component: lazyRouteComponent(() => import("./SettingsPage.tsx"), "SettingsPage"),
});

const historyRoute = createRoute({
  getParentRoute: () => tenantRoute,
  path: "/history",
  validateSearch: validateAuditSearch,
  component: lazyRouteComponent(() => import("./HistoryPage.tsx"), "HistoryPage"),
});

const criteriaListRoute = createRoute({
  getParentRoute: () => tenantRoute,
  path: "/criteria",
  component: lazyRouteComponent(() => import("./CriteriaListPage.tsx"), "CriteriaListPage"),
});

const criteriaRoute = createRoute({
  getParentRoute: () => tenantRoute,
  path: "/criteria/$criteriaId",
  component: lazyRouteComponent(() => import("./CriteriaPage.tsx"), "CriteriaPage"),
});

const roundsRoute = createRoute({
  getParentRoute: () => tenantRoute,
  path: "/rounds",
  component: lazyRouteComponent(() => import("./RoundsPage.tsx"), "RoundsPage"),
});

const roundRoute = createRoute({
  getParentRoute: () => tenantRoute,
  path: "/rounds/$roundId",
  component: lazyRouteComponent(() => import("./RoundPage.tsx"), "RoundPage"),
});

const rankingRoute = createRoute({
  getParentRoute: () => tenantRoute,
  path: "/rounds/$roundId/ranking",
  validateSearch: validateRankingSearch,
  component: lazyRouteComponent(() => import("./RankingPage.tsx"), "RankingPage"),
});

const applicationRoute = createRoute({
  getParentRoute: () => tenantRoute,
  path: "/applications/$applicationId",
  component: lazyRouteComponent(() => import("./ApplicationPage.tsx"), "ApplicationPage"),
});

const reviewRoute = createRoute({
  getParentRoute: () => tenantRoute,
  path: "/applications/$applicationId/review",
  validateSearch: (raw: Record<string, unknown>): { stage?: "city" | "province" } =>
    raw.stage === "city" || raw.stage === "province" ? { stage: raw.stage } : {},
  component: lazyRouteComponent(() => import("./ReviewApplicationPage.tsx"), "ReviewApplicationPage"),
});

const roundNoticeRoute = createRoute({
  getParentRoute: () => tenantRoute,
  path: "/rounds/$roundId/notice",
  component: lazyRouteComponent(() => import("./RoundNoticePage.tsx"), "RoundNoticePage"),
});

const recheckRoute = createRoute({
  getParentRoute: () => tenantRoute,
  path: "/rounds/$roundId/recheck",
  component: lazyRouteComponent(() => import("./RecheckPage.tsx"), "RecheckPage"),
});

const reportRoute = createRoute({
  getParentRoute: () => tenantRoute,
  path: "/applications/$applicationId/report",
  component: lazyRouteComponent(() => import("./ReportPage.tsx"), "ReportPage"),
});

const coverageRoute = createRoute({
  getParentRoute: () => tenantRoute,
  path: "/applications/$applicationId/coverage",
  component: lazyRouteComponent(() => import("./CoveragePage.tsx"), "CoveragePage"),
});

const roundCoverageRoute = createRoute({
  getParentRoute: () => tenantRoute,
  path: "/rounds/$roundId/coverage",
  component: lazyRouteComponent(() => import("./RoundCoveragePage.tsx"), "RoundCoveragePage"),
});

const roundSurveyRoute = createRoute({
  getParentRoute: () => tenantRoute,
  path: "/rounds/$roundId/survey",
  component: lazyRouteComponent(() => import("./RoundSurveyPage.tsx"), "RoundSurveyPage"),
});

const surveyResultsRoute = createRoute({
  getParentRoute: () => tenantRoute,
  path: "/rounds/$roundId/survey/results",
  component: lazyRouteComponent(() => import("./SurveyResultsPage.tsx"), "SurveyResultsPage"),
});

const roundMutualRoute = createRoute({
  getParentRoute: () => tenantRoute,
  path: "/rounds/$roundId/mutual",
  component: lazyRouteComponent(() => import("./RoundMutualPage.tsx"), "RoundMutualPage"),
});

const applicationSurveyRoute = createRoute({
  getParentRoute: () => tenantRoute,
  path: "/applications/$applicationId/survey",
  component: lazyRouteComponent(() => import("./ApplicationSurveyPage.tsx"), "ApplicationSurveyPage"),
});

const surveyPosterRoute = createRoute({
  getParentRoute: () => tenantRoute,
  path: "/applications/$applicationId/survey/poster",
  component: lazyRouteComponent(() => import("./SurveyPosterPage.tsx"), "SurveyPosterPage"),
});

const mutualFormRoute = createRoute({
  getParentRoute: () => tenantRoute,
  path: "/applications/$applicationId/mutual",
  component: lazyRouteComponent(() => import("./MutualFormPage.tsx"), "MutualFormPage"),
});

const routeTree = rootRoute.addChildren([
  publicRoute,
  officeRoute,
  officeAwardsRoute,
  officeUnitRoute,
  noticeRoute,
  objectionFormRoute,
  objectionLookupRoute,
  embedAwardsRoute,
  appRoute.addChildren([
    loginRoute,
    activateRoute,
    accountRoute,
    chooseRoute,
    platformRoute,
    registerRoute,
    tenantRoute.addChildren([
      tenantHomeRoute,
      unitRoute,
      unitProgramsRoute,
      programImportRoute,
      unitRecordsRoute,
      unitProgressRoute,
      programRoute,
      programVersionRoute,
      programCompareRoute,
      statsRoute,
      peopleRoute,
      settingsRoute,
      historyRoute,
      criteriaListRoute,
      criteriaRoute,
      roundsRoute,
      roundRoute,
      rankingRoute,
      applicationRoute,
      reviewRoute,
      roundNoticeRoute,
      recheckRoute,
      reportRoute,
      coverageRoute,
      roundCoverageRoute,
      roundSurveyRoute,
      surveyResultsRoute,
      roundMutualRoute,
      applicationSurveyRoute,
      surveyPosterRoute,
      mutualFormRoute,
      programPrintRoute,
      applicationPrintRoute,
      rankingPrintRoute,
    ]),
  ]),
]);

export function buildRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultErrorComponent: RouteError,
    defaultPreload: "intent",
    // Queries own freshness; the router should not cache loader results on top.
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
  });
}

declare module "@tanstack/react-router" {
  interface Register {
    router: ReturnType<typeof buildRouter>;
  }
  interface HistoryState {
    unitListSearch?: UnitSearch;
  }
}
