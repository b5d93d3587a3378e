// Every route of the SPA (web/src/routes/tree.tsx), each opened as the demo account that normally uses it, with
// real demo ids resolved once per run through the API: the list the whole-app browser tests walk (the phone
// layout, the wording scan).
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchBrowser } from "./browser.ts";
import { tenantApi } from "./flow.ts";
import { openSession, type Session, signIn } from "./helpers.ts";

export type DemoEmail =
  | "platform@wenming.demo"
  | "admin@sichuan.demo"
  | "province@sichuan.demo"
  | "deyang@sichuan.demo"
  | "unit@sichuan.demo";

/** The demo records the routes open; every one exists in the demo seed and is read, never changed. */
export interface DemoIds {
  /** The unit account's own unit. */
  unitId: string;
  /** A program of that unit with a published version. */
  programId: string;
  programVersion: number;
  /** The round in provincial review, one of its applications, and the one the province reviewer scores. */
  roundId: string;
  applicationId: string;
  reviewApplicationId: string;
  /** The round whose notice (公示) is out. */
  noticeRoundId: string;
  criteriaId: string;
  /** A titled unit on the office's public pages. */
  publicUnitId: string;
}

export interface AppRoute {
  name: string;
  /** Who opens it; null for a page anyone may open without signing in. */
  role: DemoEmail | null;
  path: (ids: DemoIds) => string;
  /** Waits for what shows the page has its data, beyond `settle`. */
  ready?: (page: Page) => Promise<void>;
}

const T = "/t/sichuan";
const ADMIN = "admin@sichuan.demo";
const PROVINCE = "province@sichuan.demo";
const UNIT = "unit@sichuan.demo";
const CITY = "deyang@sichuan.demo";

const testId = (id: string) => (page: Page) => page.getByTestId(id).first().waitFor();

export const ROUTES: readonly AppRoute[] = [
  // Public pages, no sign-in.
  { name: "public home", role: null, path: () => "/" },
  { name: "office page", role: null, path: () => "/offices/sichuan" },
  { name: "office awards", role: null, path: () => "/offices/sichuan/awards" },
  { name: "public unit", role: null, path: (ids) => `/offices/sichuan/units/${ids.publicUnitId}` },
  { name: "public notice", role: null, path: (ids) => `/offices/sichuan/notices/${ids.noticeRoundId}` },
  { name: "objection form", role: null, path: (ids) => `/offices/sichuan/notices/${ids.noticeRoundId}/objection` },
  { name: "objection lookup", role: null, path: () => "/objections" },
  { name: "embedded awards", role: null, path: () => "/embed/sichuan/awards" },
  { name: "login", role: null, path: () => "/login", ready: testId("login-submit") },
  { name: "activate", role: null, path: () => "/activate" },
  { name: "unit registration", role: null, path: () => `${T}/register` },
  // Signed in.
  { name: "platform", role: "platform@wenming.demo", path: () => "/platform" },
  { name: "office picker", role: ADMIN, path: () => "/choose" },
  { name: "account", role: UNIT, path: () => "/account" },
  { name: "unit home", role: UNIT, path: () => T, ready: testId("unit-profile") },
  { name: "office home", role: ADMIN, path: () => T },
  { name: "city home", role: CITY, path: () => T },
  { name: "unit detail", role: CITY, path: (ids) => `${T}/units/${ids.unitId}`, ready: testId("unit-profile") },
  { name: "unit programs", role: UNIT, path: (ids) => `${T}/units/${ids.unitId}/programs` },
  { name: "program import", role: UNIT, path: (ids) => `${T}/units/${ids.unitId}/programs/import` },
  { name: "unit records", role: UNIT, path: (ids) => `${T}/units/${ids.unitId}/records` },
  { name: "unit progress", role: UNIT, path: (ids) => `${T}/units/${ids.unitId}/progress` },
  { name: "program", role: UNIT, path: (ids) => `${T}/programs/${ids.programId}` },
  {
    name: "program version",
    role: UNIT,
    path: (ids) => `${T}/programs/${ids.programId}/versions/${ids.programVersion}`,
  },
  {
    name: "program compare",
    role: UNIT,
    path: (ids) => `${T}/programs/${ids.programId}/compare?from=1&to=${ids.programVersion}`,
  },
  { name: "stats", role: ADMIN, path: () => `${T}/stats` },
  { name: "people", role: ADMIN, path: () => `${T}/people` },
  { name: "settings", role: ADMIN, path: () => `${T}/settings` },
  { name: "history", role: ADMIN, path: () => `${T}/history` },
  { name: "criteria list", role: ADMIN, path: () => `${T}/criteria` },
  { name: "criteria", role: ADMIN, path: (ids) => `${T}/criteria/${ids.criteriaId}` },
  { name: "rounds", role: ADMIN, path: () => `${T}/rounds` },
  { name: "round", role: ADMIN, path: (ids) => `${T}/rounds/${ids.roundId}` },
  { name: "ranking", role: PROVINCE, path: (ids) => `${T}/rounds/${ids.roundId}/ranking` },
  { name: "application", role: ADMIN, path: (ids) => `${T}/applications/${ids.applicationId}` },
  {
    name: "review",
    role: PROVINCE,
    path: (ids) => `${T}/applications/${ids.reviewApplicationId}/review?stage=province`,
    ready: testId("review-document"),
  },
  { name: "round notice", role: ADMIN, path: (ids) => `${T}/rounds/${ids.noticeRoundId}/notice` },
  { name: "recheck", role: ADMIN, path: (ids) => `${T}/rounds/${ids.noticeRoundId}/recheck` },
  { name: "report", role: ADMIN, path: (ids) => `${T}/applications/${ids.applicationId}/report` },
  { name: "coverage", role: ADMIN, path: (ids) => `${T}/applications/${ids.applicationId}/coverage` },
  { name: "round coverage", role: ADMIN, path: (ids) => `${T}/rounds/${ids.roundId}/coverage` },
  { name: "round survey", role: ADMIN, path: (ids) => `${T}/rounds/${ids.roundId}/survey` },
  { name: "survey results", role: ADMIN, path: (ids) => `${T}/rounds/${ids.roundId}/survey/results` },
  { name: "round mutual", role: ADMIN, path: (ids) => `${T}/rounds/${ids.roundId}/mutual` },
  { name: "application survey", role: ADMIN, path: (ids) => `${T}/applications/${ids.applicationId}/survey` },
  {
    name: "survey poster",
    role: ADMIN,
    path: (ids) => `${T}/applications/${ids.applicationId}/survey/poster`,
  },
  { name: "mutual form", role: ADMIN, path: (ids) => `${T}/applications/${ids.applicationId}/mutual` },
  {
    name: "program print",
    role: UNIT,
    path: (ids) => `${T}/programs/${ids.programId}/print`,
    ready: testId("print-doc"),
  },
  {
    name: "application print",
    role: ADMIN,
    path: (ids) => `${T}/applications/${ids.applicationId}/print`,
    ready: testId("print-doc"),
  },
  {
    name: "ranking print",
    role: PROVINCE,
    path: (ids) => `${T}/rounds/${ids.roundId}/ranking/print`,
    ready: testId("print-doc"),
  },
];

/** The demo accounts the routes use, each once. */
export const ROLES: readonly DemoEmail[] = [...new Set(ROUTES.flatMap((r) => (r.role ? [r.role] : [])))];

/**
 * Waits until the page has loaded what it asked for: no spinner, no skeleton, and no request finished for 300 ms
 * (counted in the page, so it also holds after an in-app navigation, where no load event fires).
 */
export async function settle(page: Page): Promise<void> {
  await page
    .waitForFunction(
      () => {
        const quiet = window as unknown as { wmSettle?: { requests: number; since: number } };
        if (!quiet.wmSettle) performance.setResourceTimingBufferSize(100_000);
        const requests = performance.getEntriesByType("resource").length;
        const busy = document.querySelector(".ant-spin-spinning, .ant-skeleton-active") !== null;
        const now = performance.now();
        if (busy || quiet.wmSettle?.requests !== requests) {
          quiet.wmSettle = { requests, since: now };
          return false;
        }
        return now - quiet.wmSettle.since > 300;
      },
      undefined,
      { polling: 100, timeout: 20_000 },
    )
    .catch(async (error: unknown) => {
      const busy = await page.evaluate(() =>
        [...document.querySelectorAll(".ant-spin-spinning, .ant-skeleton-active")].map((e) => e.className).join(" | "),
      );
      throw new Error(`${page.url()} did not settle (${busy || "requests kept finishing"}): ${String(error)}`);
    });
  // Fonts change text widths; measure after they are in.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

/**
 * Opens a path with a page load of its own (each route measured alone, nothing left over from the one before)
 * and waits until it has settled.
 */
export async function visit(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await settle(page);
}

/** Signs in as `email` in a fresh desktop context, reads through the API, and closes it. */
async function readAs<T>(browser: Browser, email: DemoEmail, read: (page: Page) => Promise<T>): Promise<T> {
  const session = await openSession(browser);
  try {
    await signIn(session.page, email);
    await session.page.waitForURL("**/t/sichuan");
    return await read(session.page);
  } finally {
    await session.context.close();
  }
}

const first = <T>(items: readonly T[], what: string, pick: (item: T) => boolean = () => true): T => {
  const found = items.find(pick);
  if (!found) throw new Error(`the demo seed has no ${what}`);
  return found;
};

/** The demo ids the routes need, read through the API as the accounts that see them. */
export async function resolveDemoIds(browser: Browser): Promise<DemoIds> {
  const roundId = "sichuan-round-review";
  const noticeRoundId = "sichuan-round-notice";

  const unit = await readAs(browser, UNIT, async (page) => {
    const me = await page.request.get("/api/auth/me");
    const { memberships } = (await me.json()) as { memberships: { unit: { id: string } | null }[] };
    const unitId = first(memberships, "unit membership", (m) => m.unit !== null).unit?.id ?? "";
    const programs = await tenantApi(page, "sichuan").get<{ items: { id: string; publishedVersion: number }[] }>(
      `/units/${unitId}/programs`,
    );
    const program = first(programs.items, "published program", (p) => p.publishedVersion > 0);
    return { unitId, programId: program.id, programVersion: program.publishedVersion };
  });

  const admin = await readAs(browser, ADMIN, async (page) => {
    const api = tenantApi(page, "sichuan");
    const systems = await api.get<{ items: { id: string; frozen: boolean }[] }>("/criteria-systems");
    const applications = await api.get<{ items: { id: string }[] }>(`/rounds/${roundId}/applications`);
    const awards = await page.request.get("/api/public/t/sichuan/awards");
    const titled = ((await awards.json()) as { items: { unitId: string }[] }).items;
    return {
      criteriaId: first(systems.items, "criteria system", (s) => !s.frozen).id,
      applicationId: first(applications.items, "application").id,
      applicationIds: applications.items.map((a) => a.id),
      publicUnitId: first(titled, "titled unit").unitId,
    };
  });

  // The application whose provincial form the province reviewer may open: the one they are seated on.
  const reviewApplicationId = await readAs(browser, PROVINCE, async (page) => {
    for (const id of admin.applicationIds) {
      const form = await page.request.get(`/api/t/sichuan/applications/${id}/form?stage=province`);
      if (form.ok()) return id;
    }
    throw new Error("the province reviewer sits on no panel of the demo round");
  });

  return {
    ...unit,
    roundId,
    applicationId: admin.applicationId,
    reviewApplicationId,
    noticeRoundId,
    criteriaId: admin.criteriaId,
    publicUnitId: admin.publicUnitId,
  };
}

/**
 * For a describe that walks every route: a browser, the demo ids and one context per account (and one signed
 * out) in the given context options, each signed in on first use — a sign-in per account, not per route.
 */
export function routeWalk(context: BrowserContextOptions) {
  let browser: Browser | undefined;
  let ids: DemoIds | undefined;
  const sessions = new Map<DemoEmail | null, Session>();
  beforeAll(async () => {
    browser = await launchBrowser();
    ids = await resolveDemoIds(browser);
  }, 180_000);
  afterAll(async () => {
    for (const session of sessions.values()) await session.context.close();
    await browser?.close();
  });
  return {
    get ids(): DemoIds {
      if (!ids) throw new Error("the demo ids are resolved in beforeAll");
      return ids;
    },
    async sessionOf(role: DemoEmail | null): Promise<Session> {
      const open = sessions.get(role);
      if (open) return open;
      if (!browser) throw new Error("the browser is launched in beforeAll");
      const session = await openSession(browser, context);
      // On a busy machine a first sign-in can take longer than the default 30 s.
      session.page.setDefaultTimeout(90_000);
      if (role) {
        await signIn(session.page, role);
        await session.page.waitForURL((url) => url.pathname !== "/login");
      }
      sessions.set(role, session);
      return session;
    },
  };
}
