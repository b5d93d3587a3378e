import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./browser.ts";
import { openSession, signIn, skip } from "./helpers.ts";

/** The message antd shows under the office display name's input. */
const displayNameError = (page: Page) =>
  page
    .locator(".ant-form-item", { has: page.getByTestId("settings-display-name") })
    .locator(".ant-form-item-explain-error");

/** A name pasted from a spreadsheet brings the cell's tab along: the browser keeps it, the API refuses it. */
async function saveDisplayNameWithTab(page: Page): Promise<void> {
  const input = page.getByTestId("settings-display-name");
  await input.waitFor();
  await input.fill("四川省\t文明办");
  await page.getByTestId("settings-save").click();
}

describe.skipIf(skip)("field messages from the API under the field", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("a bad display name shows the Chinese message in a Chinese UI and the English one in an English UI", async () => {
    const { page, context, errors } = await openSession(browser);
    await signIn(page, "admin@sichuan.demo");
    await page.waitForURL("**/t/sichuan");
    await page.goto("/t/sichuan/settings");

    await saveDisplayNameWithTab(page);
    await expect.poll(() => displayNameError(page).textContent()).toBe("不能包含控制字符（如换行、NUL）");
    // The message sits under its field, not in a summary alert.
    expect(await page.getByTestId("settings-error").count()).toBe(0);

    await page.evaluate(() => localStorage.setItem("wm.lang", "en"));
    await page.reload();
    await saveDisplayNameWithTab(page);
    await expect
      .poll(() => displayNameError(page).textContent())
      .toBe("must not contain control characters (such as line breaks or NUL)");

    // Only the refused saves' own 400s reached the console.
    expect(errors.filter((e) => !e.includes("status of 400"))).toEqual([]);
    await page.evaluate(() => localStorage.removeItem("wm.lang"));
    await context.close();
  });
});
