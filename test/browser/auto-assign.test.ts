import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ROUNDS } from "../../db/seed/scoring.ts";
import { launchBrowser } from "./browser.ts";
import { openSession, signIn, skip } from "./helpers.ts";

// 自动分配评审组 from the round page, on a phone: the admin fills the provincial panels of the demo round in
// provincial review and reads how many seats were filled (the demo's panels are mostly full already, so the
// count may be 0; the short panels, if any, link to their review pages).

const TENANT = "sichuan";
const POLL = { timeout: 20_000 };

describe.skipIf(skip)("auto-assigning panels from the round page", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("the admin fills the provincial panels at 390 px and sees the result", async () => {
    const { context, page, errors } = await openSession(browser, {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    try {
      await signIn(page, `admin@${TENANT}.demo`);
      await page.waitForURL(`**/t/${TENANT}`);
      await page.goto(`/t/${TENANT}/rounds/${DEMO_ROUNDS.review(TENANT)}`);
      await page.getByTestId("round-auto-assign").click();
      const stage = page.getByTestId("auto-assign-stage");
      await stage.waitFor(POLL);
      // In 省级评审 only the provincial panels may be filled, and that stage is chosen.
      expect(await stage.locator(".ant-radio-button-wrapper").allInnerTexts()).toEqual(["省级评审"]);
      expect(await stage.locator(".ant-radio-button-wrapper-checked").textContent()).toBe("省级评审");
      await page.getByTestId("auto-assign-confirm").click();
      const result = page.getByTestId("auto-assign-result");
      await result.waitFor(POLL);
      expect(await result.textContent()).toMatch(/已分配 \d+ 个评审席位/);
      const short = page.getByTestId("auto-assign-short");
      if ((await short.count()) > 0) {
        expect(await short.first().locator("a").getAttribute("href")).toMatch(
          new RegExp(`/t/${TENANT}/applications/[^/]+/review$`),
        );
      }
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(390);
      await page.getByTestId("auto-assign-close").click();
      await result.waitFor({ state: "detached" });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
