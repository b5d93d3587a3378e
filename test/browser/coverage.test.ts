import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ROUNDS } from "../../db/seed/scoring.ts";
import { launchBrowser } from "./browser.ts";
import { fitsThePhone, openRoundLike, PHONE_CONTEXT, shot, tenantApi, tenantSession } from "./flow.ts";
import { type Session, skip } from "./helpers.ts";

// Coverage at phone width on a round of its own (the database is shared by every browser test file of a run):
// the demo unit applies, logs a record named like an item, opens its application's coverage from the
// application page, links the suggested record in one click and sees the item turn from 空白 to 薄弱; 德阳市's
// reviewer opens the round's coverage: the chart of the least covered items and the table.

const TENANT = "sichuan";
const SUFFIX = Date.now().toString(36);
const POLL = { timeout: 20_000 };
const FLOW_TIMEOUT = 180_000;

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
      const admin = await tenantSession(browser, TENANT, `admin@${TENANT}.demo`, PHONE_CONTEXT);
      sessions.push(admin);
      const { round, items } = await openRoundLike(
        tenantApi(admin.page, TENANT),
        DEMO_ROUNDS.open(TENANT),
        `覆盖情况测试评选${SUFFIX}`,
      );
      const target = items[0];
      if (!target) throw new Error("the demo criteria system has no items");

      const unit = await tenantSession(browser, TENANT, `unit@${TENANT}.demo`, PHONE_CONTEXT);
      sessions.push(unit);
      const unitApi = tenantApi(unit.page, TENANT);
      const applied = await unitApi.send<{ id: string; unit: { id: string } }>(
        "post",
        `/rounds/${round.id}/applications`,
        { channel: "city" },
        201,
      );
      const recordTitle = `${target.title}专题活动`;
      await unitApi.send(
        "post",
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
      await shot(page, "coverage-unit");
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
      const reviewer = await tenantSession(browser, TENANT, `deyang@${TENANT}.demo`, PHONE_CONTEXT);
      sessions.push(reviewer);
      await reviewer.page.goto(`/t/${TENANT}/rounds/${round.id}`);
      await reviewer.page.getByTestId("round-coverage-link").click();
      await reviewer.page.waitForURL(`**/rounds/${round.id}/coverage`);
      await reviewer.page.getByTestId("round-coverage-chart").waitFor(POLL);
      const rows = reviewer.page.getByTestId("round-coverage").locator(".ant-table-tbody tr.ant-table-row");
      await rows.first().waitFor(POLL);
      expect(await rows.count()).toBeGreaterThan(0);
      await shot(reviewer.page, "coverage-round");
      await fitsThePhone(reviewer.page, "coverage-round");
    },
    FLOW_TIMEOUT,
  );
});
