import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ROUNDS } from "../../db/seed/scoring.ts";
import { launchBrowser } from "./browser.ts";
import { openSession, type Session, signIn, skip } from "./helpers.ts";

// Coverage at phone width on a round of its own (the database is shared by every browser test file of a run):
// the demo unit applies, logs a record named like an item, opens its application's coverage from the
// application page, links the suggested record in one click and sees the item turn from 空白 to 薄弱; 德阳市's
// reviewer opens the round's coverage: the chart of the least covered items and the table.

const TENANT = "sichuan";
const SUFFIX = Date.now().toString(36);
const POLL = { timeout: 20_000 };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const FLOW_TIMEOUT = 180_000;
const SHOTS = process.env.SCREENSHOT_DIR;

interface RoundView {
  id: string;
  level: string;
  kind: string;
  year: number;
  criteriaSystemId: string;
  version: number;
  settings: Record<string, unknown>;
}

/** The tenant API with the page's own session, for the setup the flow does not test in the browser. */
function api(page: Page) {
  const origin = new URL(page.url()).origin;
  const base = `${origin}/api/t/${TENANT}`;
  const headers = { origin };
  return {
    async get<T>(path: string): Promise<T> {
      const res = await page.request.get(`${base}${path}`);
      expect(res.status(), `GET ${path}`).toBe(200);
      return (await res.json()) as T;
    },
    async send<T>(path: string, data: unknown, status = 200): Promise<T> {
      const res = await page.request.post(`${base}${path}`, { data, headers });
      expect(res.status(), `POST ${path}: ${await res.text()}`).toBe(status);
      return (await res.json()) as T;
    },
  };
}

async function session(browser: Browser, email: string): Promise<Session> {
  const s = await openSession(browser, PHONE);
  await signIn(s.page, email);
  await s.page.waitForURL(`**/t/${TENANT}`);
  return s;
}

/** Nothing sticks out past the phone's right edge unless a scrolling container of its own holds it. */
async function fitsThePhone(page: Page, where: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${where}.png`, fullPage: true });
  const measured = await page.evaluate(() => {
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
  expect(measured, `${where} overflows`).toMatchObject({ culprits: [] });
  expect(measured.document).toBeLessThanOrEqual(0);
}

describe.skipIf(skip)("coverage on a phone", () => {
  let browser: Browser;
  const sessions: Session[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const s of sessions) await s.context.close();
    await browser?.close();
  });

  it(
    "the unit links a suggested record from its coverage page; the reviewer sees the round's chart and table",
    async () => {
      // 1. Setup through the API: a round like the demo's open one, open for applications; the unit applies and
      //    logs a record named like the system's first item.
      const admin = await session(browser, `admin@${TENANT}.demo`);
      sessions.push(admin);
      const adminApi = api(admin.page);
      const template = await adminApi.get<RoundView>(`/rounds/${DEMO_ROUNDS.open(TENANT)}`);
      const system = await adminApi.get<{ categories: { items: { code: string; title: string }[] }[] }>(
        `/criteria-systems/${template.criteriaSystemId}`,
      );
      const target = system.categories[0]?.items[0];
      if (!target) throw new Error("the demo criteria system has no items");
      const created = await adminApi.send<RoundView>(
        "/rounds",
        {
          title: `覆盖情况测试评选${SUFFIX}`,
          level: template.level,
          kind: template.kind,
          year: template.year,
          criteriaSystemId: template.criteriaSystemId,
          settings: template.settings,
        },
        201,
      );
      await adminApi.send(`/rounds/${created.id}/advance`, { version: created.version });

      const unit = await session(browser, `unit@${TENANT}.demo`);
      sessions.push(unit);
      const unitApi = api(unit.page);
      const applied = await unitApi.send<{ id: string; unit: { id: string } }>(
        `/rounds/${created.id}/applications`,
        { channel: "city" },
        201,
      );
      const recordTitle = `${target.title}专题活动`;
      await unitApi.send(
        `/units/${applied.unit.id}/records`,
        { date: new Date().toISOString().slice(0, 10), kind: "activity", title: recordTitle },
        201,
      );

      // 2. On the phone: from the application to its coverage; every item is empty so far.
      const page = unit.page;
      await page.goto(`/t/${TENANT}/applications/${applied.id}`);
      await page.getByTestId("application-coverage-link").click();
      await page.waitForURL(`**/applications/${applied.id}/coverage`);
      await page.getByTestId("coverage-summary").waitFor(POLL);
      const card = page.locator(`[data-item="${target.code}"]`);
      await card.getByTestId("coverage-status-empty").waitFor(POLL);
      await fitsThePhone(page, "coverage-unit");

      // 3. The record is suggested for the item with the words that matched; one click links it.
      const suggestion = card.getByTestId("coverage-suggestion").filter({ hasText: recordTitle });
      expect(await suggestion.locator(".ant-tag").count()).toBeGreaterThan(0);
      await suggestion.getByTestId("coverage-link").click();
      await card.getByTestId("coverage-status-thin").waitFor(POLL);
      expect(await card.textContent()).toContain(recordTitle);
      const saved = await unitApi.get<{ items: { itemCode: string; recordIds: string[] }[] }>(
        `/applications/${applied.id}`,
      );
      expect(saved.items.find((i) => i.itemCode === target.code)?.recordIds).toHaveLength(1);

      // 4. 德阳市's reviewer: the round's coverage from the round page, chart and table, at phone width.
      const reviewer = await session(browser, `deyang@${TENANT}.demo`);
      sessions.push(reviewer);
      await reviewer.page.goto(`/t/${TENANT}/rounds/${created.id}`);
      await reviewer.page.getByTestId("round-coverage-link").click();
      await reviewer.page.waitForURL(`**/rounds/${created.id}/coverage`);
      await reviewer.page.getByTestId("round-coverage-chart").waitFor(POLL);
      const rows = reviewer.page.getByTestId("round-coverage").locator(".ant-table-tbody tr.ant-table-row");
      await rows.first().waitFor(POLL);
      expect(await rows.count()).toBeGreaterThan(0);
      await fitsThePhone(reviewer.page, "coverage-round");
    },
    FLOW_TIMEOUT,
  );
});
