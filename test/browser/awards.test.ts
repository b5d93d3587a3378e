import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./browser.ts";
import { openSession, signIn, skip } from "./helpers.ts";

// Unique per run: the database is shared by every browser test file of a run.
const SUFFIX = Date.now().toString(36);
const YEAR = new Date().getFullYear();
/** 德阳市教育局: its only title, a 市级 one, ran out with the last term (db/seed/demo.ts). */
const EXPIRED_UNIT = "sichuan-u-deyang-education";
const POLL = { timeout: 15_000 };
const SHOTS = process.env.SCREENSHOT_DIR;

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/** Creates and opens a round through the API with the page's own admin session; returns its id. */
async function openRoundRequiring(page: Page, level: string, title: string): Promise<string> {
  const origin = new URL(page.url()).origin;
  const headers = { origin };
  const systems = (await (await page.request.get("/api/t/sichuan/criteria-systems")).json()) as {
    items: Array<{ id: string }>;
  };
  const created = await page.request.post("/api/t/sichuan/rounds", {
    headers,
    data: {
      title,
      level: "province",
      kind: "selection",
      year: YEAR,
      criteriaSystemId: systems.items[0]?.id,
      settings: { eligibility: { requiresTitle: level } },
    },
  });
  expect(created.status()).toBe(201);
  const round = (await created.json()) as { id: string; version: number };
  const opened = await page.request.post(`/api/t/sichuan/rounds/${round.id}/advance`, {
    headers,
    data: { version: round.version },
  });
  expect(opened.status()).toBe(200);
  return round.id;
}

describe.skipIf(skip)("titles held by units and round eligibility", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("an admin records a held title on a unit's page; a unit without the required title is told why", async () => {
    // 1. The tenant admin sees the unit's expired title and records the one it holds now.
    const admin = await openSession(browser);
    let page = admin.page;
    await signIn(page, "admin@sichuan.demo");
    await page.waitForURL("**/t/sichuan");
    await page.goto(`/t/sichuan/units/${EXPIRED_UNIT}`);
    const card = page.getByTestId("unit-awards");
    await expect.poll(() => card.getByTestId("award-row").count(), POLL).toBe(1);
    expect(await card.getByTestId("award-held").count()).toBe(0);
    expect(await card.getByTestId("award-status").textContent()).toBe("已期满");
    await card.getByTestId("award-record").click();
    await page.getByTestId("award-start").fill(String(YEAR - 1));
    await page.getByTestId("award-named-on").click();
    await page.getByTestId("award-named-on").fill(`${YEAR - 2}-12-28`);
    await page.keyboard.press("Enter");
    await shot(page, "award-form");
    await page.getByTestId("award-submit").click();
    await expect.poll(() => card.getByTestId("award-row").count(), POLL).toBe(2);
    expect(await card.getByTestId("award-held").count()).toBe(1);
    expect(await card.getByTestId("award-level").first().textContent()).toBe("市级文明单位");
    await shot(page, "unit-awards");

    const roundId = await openRoundRequiring(page, "province", `省级标兵评选${SUFFIX}`);
    expect(admin.errors).toEqual([]);
    await admin.context.close();

    // 2. The demo unit holds a 市级 title, not the 省级 one the round asks for: no apply button, the reason instead.
    const unit = await openSession(browser);
    page = unit.page;
    await signIn(page, "unit@sichuan.demo");
    await page.waitForURL("**/t/sichuan");
    const own = page.getByTestId("unit-awards");
    await expect.poll(() => own.getByTestId("award-held").count(), POLL).toBe(1);
    expect(await own.getByTestId("award-record").count()).toBe(0);
    await page.goto(`/t/sichuan/rounds/${roundId}`);
    await page.getByTestId("not-eligible").waitFor();
    expect(await page.getByTestId("round-requirement").textContent()).toBe("须持有有效的省级文明单位称号");
    expect(await page.getByTestId("ineligible-reason").getAttribute("data-code")).toBe("title_missing");
    expect(await page.getByTestId("apply").count()).toBe(0);
    await shot(page, "round-not-eligible");
    expect(unit.errors).toEqual([]);
    await unit.context.close();
  });
});
