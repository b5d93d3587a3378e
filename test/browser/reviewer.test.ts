import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./browser.ts";
import { columnTexts, openSession, signIn, skip, tableSettled } from "./helpers.ts";

const NAME = 1;
const CITY = 2;
const SECTOR = 4;

async function chooseOption(page: Page, testId: string, label: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`).click();
}

describe.skipIf(skip)("city reviewer's unit list", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("lists only 德阳市's units, pages forward and filters by sector through the URL", async () => {
    const { page, context, errors } = await openSession(browser);
    await signIn(page, "deyang@sichuan.demo");
    await page.waitForURL("**/t/sichuan");
    await tableSettled(page);
    expect(await page.getByTestId("user-role").textContent()).toBe("审核员");
    expect(await page.getByTestId("tenant-name").textContent()).toBe("四川省文明办");

    const firstPage = await columnTexts(page, NAME);
    expect(firstPage).toHaveLength(20);
    expect(new Set(await columnTexts(page, CITY))).toEqual(new Set(["德阳市"]));
    expect(firstPage.join()).not.toContain("达州");

    await page.locator(".ant-pagination-next").click();
    await page.waitForURL((url) => url.searchParams.get("page") === "2");
    await tableSettled(page);
    await expect.poll(() => columnTexts(page, NAME)).not.toEqual(firstPage);
    expect(new Set(await columnTexts(page, CITY))).toEqual(new Set(["德阳市"]));
    expect(await page.locator(".ant-pagination-item-active").textContent()).toBe("2");

    // A new filter starts again at page 1.
    await chooseOption(page, "filter-sector", "教育");
    await page.waitForURL((url) => url.searchParams.has("sector") && !url.searchParams.has("page"));
    await expect.poll(async () => new Set(await columnTexts(page, SECTOR))).toEqual(new Set(["教育"]));
    expect(new Set(await columnTexts(page, CITY))).toEqual(new Set(["德阳市"]));

    // The filtered view is a link: a reload shows the same rows.
    const filtered = await columnTexts(page, NAME);
    await page.reload();
    await tableSettled(page);
    expect(await columnTexts(page, NAME)).toEqual(filtered);

    // A unit opens read-only.
    const name = filtered[0] ?? "";
    await page.locator(".ant-table-tbody tr.ant-table-row td:nth-child(1) a").first().click();
    await page.waitForURL("**/t/sichuan/units/**");
    expect(await page.getByTestId("unit-name").textContent()).toBe(name);
    // …and its back link returns to the filtered list.
    await page.getByTestId("back-to-list").click();
    await page.waitForURL((url) => url.pathname === "/t/sichuan" && url.searchParams.has("sector"));
    await tableSettled(page);
    expect(await columnTexts(page, NAME)).toEqual(filtered);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("switches the UI to English and back, and remembers the choice", async () => {
    const { page, context } = await openSession(browser);
    await signIn(page, "dazhou@sichuan.demo");
    await page.waitForURL("**/t/sichuan");
    await tableSettled(page);
    expect(new Set(await columnTexts(page, CITY))).toEqual(new Set(["达州市"]));
    const signOut = page.getByTestId("sign-out");
    expect(await signOut.textContent()).toBe("退出登录");

    await page.getByTestId("lang-switch").click();
    await page.getByTestId("sign-out").getByText("Sign out").waitFor();
    expect(await page.getByTestId("user-role").textContent()).toBe("Reviewer");
    await page.locator(".ant-table-thead").getByText("Sector").waitFor();
    // antd's own texts follow too: its pagination titles come from the antd locale, not ours.
    expect(await page.locator(".ant-pagination-next").getAttribute("title")).toBe("Next Page");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");

    await page.reload();
    await page.getByTestId("sign-out").getByText("Sign out").waitFor();

    await page.getByTestId("lang-switch").click();
    await page.getByTestId("sign-out").getByText("退出登录").waitFor();
    expect(await page.getByTestId("user-role").textContent()).toBe("审核员");
    expect(await page.locator(".ant-pagination-next").getAttribute("title")).toBe("下一页");
    await context.close();
  });
});
