import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./browser.ts";
import { openSession, type Session, signIn, skip } from "./helpers.ts";

// The demo round in provincial review leaves two applications on the provincial demo reviewer's panel without
// a form (db/seed/scoring.ts: `pending`): this file scores one and races two tabs on the other.
const REVIEWER = "province@sichuan.demo";
const SCORED = "sichuan-app-26";
const RACED = "sichuan-app-27";
const reviewUrl = (id: string) => `/t/sichuan/applications/${id}/review`;

/** Opens an application's review page and waits until every item (they render in chunks) is on it. */
async function openReview(page: Page, id: string): Promise<void> {
  await page.goto(reviewUrl(id));
  await page.getByTestId("review-document").waitFor();
  await page.getByTestId("score-bar").or(page.getByTestId("score-side")).first().waitFor();
  await page.getByTestId("review-item-pending").first().waitFor({ state: "detached" });
}

const totalText = async (page: Page) =>
  (await page.getByTestId("score-total").locator(".ant-statistic-content-value").textContent()) ?? "";

/** The item whose score field holds the focus, and whether the focus is on a grade (a radio). */
const focusedField = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement as HTMLInputElement | null;
    return {
      item: active?.closest("[data-kind]")?.getAttribute("data-testid") ?? null,
      radio: active?.type === "radio",
    };
  });

async function saved(page: Page): Promise<void> {
  await page.locator('[data-testid=save-state][data-state="saved"]').waitFor({ timeout: 15_000 });
}

/** Whether an item's score field holds a score: a chosen grade, or points typed. */
const scoredIn = (field: Locator) =>
  field.evaluate(
    (element) =>
      element.querySelector("input[type=radio]:checked") !== null ||
      [...element.querySelectorAll<HTMLInputElement>("input:not([type=radio])")].some((input) => input.value !== ""),
  );

/** How far the page is wider than the viewport, and what sticks out (as in phone-layout.test.ts). */
function overflow(page: Page) {
  return page.evaluate(() => {
    const viewport = window.innerWidth;
    const clipped = (element: Element): boolean => {
      for (let parent = element.parentElement; parent; parent = parent.parentElement) {
        const overflowX = getComputedStyle(parent).overflowX;
        if (overflowX !== "visible") return parent !== document.body && parent !== document.documentElement;
      }
      return false;
    };
    const culprits: string[] = [];
    for (const element of document.body.querySelectorAll("*")) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.right <= viewport + 1 || clipped(element)) continue;
      culprits.push(`${element.tagName.toLowerCase()} right=${Math.round(box.right)}`);
      if (culprits.length >= 8) break;
    }
    return { viewport, document: document.documentElement.scrollWidth, culprits };
  });
}

describe.skipIf(skip)("a reviewer's scoring form", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  // Scoring a 70-item form key by key, with reloads, takes a while on a busy machine.
  it("scores by keyboard with a live total, autosaves, refuses to submit with an item missing, then submits", {
    timeout: 180_000,
  }, async () => {
    const { page, context, errors }: Session = await openSession(browser);
    await signIn(page, REVIEWER);
    await page.waitForURL("**/t/sichuan**");
    await openReview(page, SCORED);
    expect(await page.getByTestId("review-unit").textContent()).not.toBe("");
    // Blind first pass: nobody else's scores before this reviewer submits.
    await page.getByTestId("scores-blind").waitFor();
    expect(await totalText(page)).toBe("0");

    const base = page.locator("[data-kind=base]");
    const baseCount = await base.count();
    expect(baseCount).toBeGreaterThan(30);
    const codes = await base.evaluateAll((els) => els.map((e) => e.getAttribute("data-testid") ?? ""));
    const skipped = codes[1] ?? "";

    // Keyboard only: a score, Enter to the next item's score; the second item is left out on purpose.
    await base.first().locator("input").first().focus();
    let graded = 0;
    for (let i = 0; i < baseCount; i++) {
      const { item, radio } = await focusedField(page);
      expect(item).toBe(codes[i]);
      if (i !== 1) {
        if (radio) {
          // Arrow keys pick a grade (the first arrow press lands on the scale's second grade).
          await page.keyboard.press("ArrowRight");
          graded++;
        } else {
          await page.keyboard.type("0.5");
        }
      }
      if (i === 0) {
        // The total follows the keys at once, before any save.
        await expect.poll(() => totalText(page)).toBe("0.5");
        expect(await page.getByTestId("save-state").getAttribute("data-state")).not.toBe("saved");
      }
      await page.keyboard.press("Enter");
    }
    expect(graded).toBeGreaterThan(0);
    // Enter never submitted anything: the form is still a draft, and it autosaves on its own.
    expect(await page.getByTestId("form-submitted").count()).toBe(0);
    await saved(page);
    const total = await totalText(page);
    expect(Number(total)).toBeGreaterThan(0.5 * (baseCount - 1 - graded));

    // The SPA's live total is the Worker's: the saved form's totals agree.
    const stored = await context.request.get(`/api/t/sichuan/applications/${SCORED}/form?stage=province`);
    expect(stored.status()).toBe(200);
    const form = (await stored.json()) as { totals: { total: number }; missing: string[]; status: string };
    expect(String(form.totals.total)).toBe(total);
    expect(form.missing).toEqual([skipped.replace(/^score-/, "")]);
    expect(form.status).toBe("draft");

    // A reload keeps what was saved.
    await page.reload();
    await openReview(page, SCORED);
    expect(await totalText(page)).toBe(total);
    expect(await scoredIn(base.first())).toBe(true);
    expect(await scoredIn(page.locator(`[data-testid="${skipped}"]`))).toBe(false);

    // Submitting with an item unscored is refused: the missing item is named and gets the focus.
    await page.getByTestId("score-submit").click();
    await page.getByTestId("missing-items").waitFor();
    expect(await page.getByTestId("missing-item").count()).toBe(1);
    expect(await page.getByTestId("missing-item").textContent()).toContain(skipped.replace(/^score-/, ""));
    const focused = await focusedField(page);
    expect(focused.item).toBe(skipped);
    expect(await page.locator(".ant-modal-confirm").count()).toBe(0);

    // Scored, it submits after a confirmation.
    if (focused.radio) await page.keyboard.press("ArrowRight");
    else await page.keyboard.type("0.5");
    await expect.poll(() => page.getByTestId("missing-items").count()).toBe(0);
    await page.getByTestId("score-submit").click();
    await page.locator(".ant-modal-confirm .ant-btn-primary").click();
    await page.getByTestId("form-submitted").waitFor();
    // The others' scores show now that this reviewer's own form is in.
    await page.getByTestId("other-total").first().waitFor();
    expect(await page.getByTestId("other-total").count()).toBeGreaterThan(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a save from a stale tab shows both versions and keeps the reviewer's own on request", {
    timeout: 120_000,
  }, async () => {
    const { page: first, context, errors } = await openSession(browser);
    await signIn(first, REVIEWER);
    await first.waitForURL("**/t/sichuan**");
    await openReview(first, RACED);
    // A second tab opens the same form at the same version.
    const second = await context.newPage();
    second.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
    await openReview(second, RACED);

    const field = (page: Page) => page.locator("[data-kind=base] input:not([type=radio])").first();
    await field(first).fill("1");
    await saved(first);

    await field(second).fill("0.5");
    // Its autosave meets the newer version: a dialog shows mine and the saved value; nothing merges.
    const dialog = second.getByTestId("stale-dialog");
    await dialog.waitFor({ timeout: 15_000 });
    const rows = await second.locator("[data-testid=stale-rows] .ant-table-row").allInnerTexts();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/0\.5\s+1$/);
    expect(await second.getByTestId("save-state").getAttribute("data-state")).toBe("stale");
    // The input is not lost meanwhile.
    expect(await field(second).inputValue()).toBe("0.5");

    await second.getByTestId("stale-keep-mine").click();
    await saved(second);
    await dialog.waitFor({ state: "detached" });

    // The first tab, reloaded, sees the value the second one kept.
    await first.reload();
    await openReview(first, RACED);
    expect(await field(first).inputValue()).toBe("0.5");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("fits a 390 px phone: no horizontal overflow, the total and 提交评分 at hand", async () => {
    const { page, context, errors } = await openSession(browser, {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    await signIn(page, REVIEWER);
    await page.waitForURL("**/t/sichuan**");
    await openReview(page, RACED);
    await page.getByTestId("score-bar").waitFor();
    expect(await page.getByTestId("score-total-bar").textContent()).toMatch(/^总分 /);
    const measured = await overflow(page);
    expect(measured.viewport).toBe(390);
    expect(measured, "the review page overflows").toMatchObject({ culprits: [] });
    expect(measured.document).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
    await context.close();
  });
});
