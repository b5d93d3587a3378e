// What the flow tests share: a signed-in session, the tenant API with that session for setup steps the flow does
// not test in the browser, a round of their own made like a demo round, an application with every item filled,
// and the phone-width check.
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { launchBrowser } from "./browser.ts";
import { openSession, type Session, signIn } from "./helpers.ts";

/** A phone as WeChat's built-in browser presents it. */
export const PHONE = { width: 390, height: 844 };
export const PHONE_CONTEXT: BrowserContextOptions = {
  viewport: PHONE,
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
};

/** A one-pixel PNG: an evidence photo. */
export const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

export interface CriteriaItemView {
  code: string;
  title: string;
  maxPoints: number;
  mode: "points" | "graded";
  grades: { grade: string; share: number }[];
  evidence: { minFiles: number };
}

export interface RoundView {
  id: string;
  title: string;
  level: string;
  kind: string;
  year: number;
  criteriaSystemId: string;
  version: number;
  phase: string;
  settings: { review: Record<string, unknown> } & Record<string, unknown>;
}

export type TenantApi = ReturnType<typeof tenantApi>;

/** The tenant API with the page's own session. */
export function tenantApi(page: Page, tenant: string) {
  const origin = new URL(page.url()).origin;
  const base = `${origin}/api/t/${tenant}`;
  const headers = { origin };
  return {
    async get<T>(path: string): Promise<T> {
      const res = await page.request.get(`${base}${path}`);
      expect(res.status(), `GET ${path}`).toBe(200);
      return (await res.json()) as T;
    },
    async send<T>(method: "post" | "put", path: string, data: unknown, status = 200): Promise<T> {
      const res = await page.request[method](`${base}${path}`, { data, headers });
      expect(res.status(), `${method.toUpperCase()} ${path}: ${await res.text()}`).toBe(status);
      return (await res.json()) as T;
    },
    async upload(path: string, name: string): Promise<void> {
      const res = await page.request.post(`${base}${path}?name=${encodeURIComponent(name)}`, {
        data: PNG,
        headers: { ...headers, "content-type": "image/png" },
      });
      expect(res.status(), `upload ${path}`).toBe(201);
    },
  };
}

/** A signed-in session that has landed on the tenant's home. */
export async function tenantSession(
  browser: Browser,
  tenant: string,
  email: string,
  options: BrowserContextOptions = {},
): Promise<Session> {
  const s = await openSession(browser, options);
  await signIn(s.page, email);
  await s.page.waitForURL(`**/t/${tenant}`);
  return s;
}

/** Clicks a dialog's button (antd spaces out two-character labels: "推 荐"). */
export async function confirmIn(page: Page, dialog: string, okText: string): Promise<void> {
  const name = new RegExp(`^${[...okText].join("\\s*")}$`);
  await page.locator(`${dialog}:visible`).getByRole("button", { name }).click();
}

/**
 * A round of the test's own (the database is shared by every browser test file of a run, and the demo rounds are
 * other tests' fixtures) made like a demo round and opened for applications, with its criteria items.
 */
export async function openRoundLike(
  admin: TenantApi,
  templateId: string,
  title: string,
  settings: (template: RoundView["settings"]) => RoundView["settings"] = (s) => s,
): Promise<{ round: RoundView; items: CriteriaItemView[] }> {
  const template = await admin.get<RoundView>(`/rounds/${templateId}`);
  const system = await admin.get<{ categories: { items: CriteriaItemView[] }[] }>(
    `/criteria-systems/${template.criteriaSystemId}`,
  );
  const { level, kind, year, criteriaSystemId } = template;
  const created = await admin.send<RoundView>(
    "post",
    "/rounds",
    { title, level, kind, year, criteriaSystemId, settings: settings(template.settings) },
    201,
  );
  const round = await admin.send<RoundView>("post", `/rounds/${created.id}/advance`, { version: created.version });
  return { round, items: system.categories.flatMap((c) => c.items) };
}

/** The unit applies and fills every item with its evidence (the items' own journey is round-application.test.ts). */
export async function applyWithEveryItem(
  unit: TenantApi,
  roundId: string,
  items: readonly CriteriaItemView[],
): Promise<{ appId: string; version: number }> {
  const applied = await unit.send<{ id: string; version: number }>(
    "post",
    `/rounds/${roundId}/applications`,
    { channel: "city" },
    201,
  );
  const appId = applied.id;
  for (const item of items) {
    for (let n = 0; n < item.evidence.minFiles; n++)
      await unit.upload(`/applications/${appId}/items/${item.code}/files`, `photo-${n}.png`);
  }
  // Uploads move the version on: the batch save goes with the current one.
  const { version } = await unit.get<{ version: number }>(`/applications/${appId}`);
  const saved = await unit.send<{ version: number }>("put", `/applications/${appId}/items`, {
    version,
    items: items.map((item) => ({
      code: item.code,
      note: `${item.title}：已落实。`,
      ...(item.mode === "graded" ? { selfGrade: item.grades[0]?.grade } : { selfPoints: item.maxPoints }),
    })),
  });
  return { appId, version: saved.version };
}

/**
 * Shows one category of the application form (only that one's items are on the page): the side list on a
 * desktop, the select at the top on a phone. `label` is the category's code and title, e.g. "A1 组织领导".
 */
export async function openSection(page: Page, label: string): Promise<void> {
  await page.getByTestId("application-summary").waitFor();
  const select = page.getByTestId("application-nav-select");
  if (await select.isVisible()) {
    await select.click();
    await page
      .locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title^="${label}（"]`)
      .click();
  } else {
    await page.getByTestId("application-nav-item").filter({ hasText: label }).click();
  }
}

/** Elements sticking out past the phone's right edge that no scrolling container of their own holds. */
export function overflowing(page: Page): Promise<{ document: number; culprits: string[] }> {
  return page.evaluate(() => {
    const viewport = window.innerWidth;
    const clipped = (element: Element): boolean => {
      for (let parent = element.parentElement; parent; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflowX !== "visible")
          return parent !== document.body && parent !== document.documentElement;
      }
      return false;
    };
    const culprits: string[] = [];
    for (const element of document.body.querySelectorAll("*")) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.right <= viewport + 1 || clipped(element)) continue;
      culprits.push(
        `${element.tagName.toLowerCase()}.${String(element.className).split(/\s+/)[0]} right=${Math.round(box.right)}`,
      );
      if (culprits.length >= 8) break;
    }
    return { document: document.documentElement.scrollWidth - viewport, culprits };
  });
}

/** Nothing sticks out past the phone's right edge unless a scrolling container of its own holds it. */
export async function fitsThePhone(page: Page, where: string): Promise<void> {
  const measured = await overflowing(page);
  expect(measured, `${where} overflows`).toMatchObject({ culprits: [] });
  expect(measured.document).toBeLessThanOrEqual(0);
}

/** A full-page screenshot when SCREENSHOT_DIR is set (to look at a flow by eye). */
export async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

/**
 * A browser for the describe block this is called in, and the sessions its tests open (push them), closed after
 * the block.
 */
export function browserForSuite() {
  let browser: Browser | undefined;
  const sessions: Session[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const s of sessions) await s.context.close();
    await browser?.close();
  });
  return {
    get browser(): Browser {
      if (!browser) throw new Error("the suite's browser is launched in beforeAll");
      return browser;
    },
    sessions,
  };
}
