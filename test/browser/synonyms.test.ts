import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SYNONYMS } from "../../db/seed/synonyms.ts";
import { launchBrowser } from "./browser.ts";
import { openSession, signIn, skip } from "./helpers.ts";

// The 湖北 office: the report and coverage flows rely on 四川's list, which this test leaves alone.
const ADMIN = "admin@hubei.demo";

async function openSettings(page: Page): Promise<void> {
  await signIn(page, ADMIN);
  await page.waitForURL("**/t/hubei");
  await page.goto("/t/hubei/settings");
  await page.getByTestId("synonym-term").first().waitFor();
}

const terms = (page: Page) =>
  page.getByTestId("synonym-term").evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));

describe.skipIf(skip)("the office's synonym list on the settings page", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("an admin adds a pair and saves; a second editor's save over the old version is refused plainly", async () => {
    const first = await openSession(browser);
    const second = await openSession(browser);
    await openSettings(first.page);
    await openSettings(second.page);
    expect(await terms(first.page)).toEqual(DEMO_SYNONYMS.map((s) => s.term));

    const card = first.page.getByTestId("synonyms-card");
    await card.getByTestId("synonyms-add").click();
    const save = card.getByTestId("synonyms-save");
    // An empty row cannot be saved; a term that means itself is flagged before saving.
    expect(await save.isDisabled()).toBe(true);
    await card.getByTestId("synonym-term").last().fill("文明餐桌");
    await card.getByTestId("synonym-means").last().fill("文明餐桌");
    await card.getByText("与词语相同").waitFor();
    expect(await save.isDisabled()).toBe(true);
    await card.getByTestId("synonym-means").last().fill("光盘行动勤俭节约");
    await save.click();
    await first.page.getByText("近义词表已保存").waitFor();

    // The second editor still holds the version before that save.
    const other = second.page.getByTestId("synonyms-card");
    await other.getByRole("button", { name: "删除" }).first().click();
    await other.getByTestId("synonyms-save").click();
    await other.getByTestId("synonyms-stale").waitFor();
    await other.getByRole("button", { name: "载入最新内容" }).click();
    await other.getByTestId("synonyms-stale").waitFor({ state: "detached" });
    await expect.poll(() => terms(second.page)).toEqual([...DEMO_SYNONYMS.map((s) => s.term), "文明餐桌"]);

    // Back to the demo list, for whoever runs next.
    await card.getByRole("button", { name: "删除" }).last().click();
    await save.click();
    await expect.poll(() => terms(first.page)).toEqual(DEMO_SYNONYMS.map((s) => s.term));
    await first.page.getByText("近义词表已保存").first().waitFor();
    expect([...first.errors, ...second.errors.filter((e) => !e.includes("409"))]).toEqual([]);
    await first.context.close();
    await second.context.close();
  });

  it("fits a 390 px phone without sideways scrolling", async () => {
    const { page, context } = await openSession(browser, { viewport: { width: 390, height: 844 }, isMobile: true });
    await openSettings(page);
    await page.getByTestId("synonyms-card").scrollIntoViewIfNeeded();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    // Every row shows both words and its remove button inside the card, none cut off or scrolled away.
    const card = await page.getByTestId("synonyms-card").boundingBox();
    const remove = await page.getByTestId("synonyms-card").getByRole("button", { name: "删除" }).first().boundingBox();
    const means = await page.getByTestId("synonym-means").first().boundingBox();
    expect(card && remove && means).toBeTruthy();
    if (card && remove && means) {
      expect(remove.x + remove.width).toBeLessThanOrEqual(card.x + card.width);
      expect(means.width).toBeGreaterThan(80);
    }
    await context.close();
  });
});
