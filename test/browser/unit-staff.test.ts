import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./browser.ts";
import { openSession, signIn, skip } from "./helpers.ts";

describe.skipIf(skip)("unit staff home", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("shows the staff member's own unit profile and its status", async () => {
    const { page, context, errors } = await openSession(browser);
    await signIn(page, "unit@sichuan.demo");
    await page.waitForURL("**/t/sichuan");
    const profile = page.getByTestId("unit-profile");
    await profile.waitFor();
    expect(await profile.getByTestId("unit-name").textContent()).toBe("德阳市科学技术协会");
    expect(await profile.getByTestId("unit-status").textContent()).toMatch(/^(待审核|正常|已暂停|未通过)$/);
    expect(await page.getByTestId("user-role").textContent()).toBe("单位工作人员");
    expect(await page.getByTestId("tenant-name").textContent()).toBe("四川省文明办");
    // Staff get no cross-unit list.
    expect(await page.locator(".ant-table").count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
