import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO_ROUNDS } from "../../db/seed/scoring.ts";
import {
  browserForSuite,
  type CriteriaItemView,
  fitsThePhone,
  openRoundLike,
  openSection,
  PHONE_CONTEXT,
  shot,
  tenantApi,
  tenantSession,
} from "./flow.ts";
import { skip } from "./helpers.ts";

const TENANT = "sichuan";
const SUFFIX = Date.now().toString(36);
const POLL = { timeout: 15_000 };
/** The acceptance check: the demo application is usable within a second of its data arriving. */
const USABLE_WITHIN_MS = 1000;

interface SystemView {
  categories: { code: string; title: string; items: CriteriaItemView[] }[];
}

/**
 * Opens the application and measures in the page, from the end of the application's GET response (resource
 * timing) to the first item's input being visible and enabled with the summary shown: everything after the data
 * arrived (the round and criteria reads, rendering) counts.
 */
async function openAndTime(page: Page, appId: string): Promise<number> {
  // When the form first appears in the DOM, for the log: rendering apart from waiting.
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (!document.querySelector('[data-testid="item-note"]')) return;
      (window as unknown as { formMounted: number }).formMounted = performance.now();
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(`/t/${TENANT}/applications/${appId}`);
  const usableAt = await page.waitForFunction(
    () => {
      const input = document.querySelector<HTMLTextAreaElement>('[data-testid="item-list"] [data-testid="item-note"]');
      const summary = document.querySelector('[data-testid="application-summary"] [data-testid="self-total"]');
      return input && summary && input.offsetParent !== null && !input.disabled ? performance.now() : null;
    },
    undefined,
    { polling: "raf", timeout: 15_000 },
  );
  const usable = (await usableAt.jsonValue()) as number;
  const { arrived, after } = await page.evaluate((id) => {
    const entries = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
    const own = entries.find((e) => new URL(e.name).pathname === `/api/t/sichuan/applications/${id}`);
    const end = own?.responseEnd ?? Number.NaN;
    // What the page fetched after its data arrived, for the log: where the time went.
    const later = entries
      .filter((e) => e.startTime >= end)
      .map((e) => `${new URL(e.name).pathname} +${Math.round(e.startTime - end)}..${Math.round(e.responseEnd - end)}`);
    const mounted = (window as unknown as { formMounted?: number }).formMounted ?? Number.NaN;
    return { arrived: end, after: [...later, `form in the DOM +${Math.round(mounted - end)}`] };
  }, appId);
  console.log(`after the application's data: ${after.join(", ")}`);
  return usable - arrived;
}

describe.skipIf(skip)("the application page as a long form", () => {
  const suite = browserForSuite();

  it("is usable within a second of its data, saves edits of two categories at once and fits a phone", async () => {
    const admin = await tenantSession(suite.browser, TENANT, `admin@${TENANT}.demo`);
    suite.sessions.push(admin);
    const { round } = await openRoundLike(
      tenantApi(admin.page, TENANT),
      DEMO_ROUNDS.open(TENANT),
      `长表单测试评选${SUFFIX}`,
    );
    const system = await tenantApi(admin.page, TENANT).get<SystemView>(`/criteria-systems/${round.criteriaSystemId}`);
    const [first, second] = system.categories;
    const one = first?.items.find((i) => i.mode === "points");
    const two = second?.items.find((i) => i.mode === "points");
    if (!first || !second || !one || !two) throw new Error("the demo system needs points items in two categories");

    const unit = await tenantSession(suite.browser, TENANT, `unit@${TENANT}.demo`);
    suite.sessions.push(unit);
    const page = unit.page;
    const unitApi = tenantApi(page, TENANT);
    const app = await unitApi.send<{ id: string }>(
      "post",
      `/rounds/${round.id}/applications`,
      { channel: "city" },
      201,
    );

    // 1. Usable within a second of the data arriving; what the page holds, for the record.
    const ms = await openAndTime(page, app.id);
    const size = await page.evaluate(() => ({
      elements: document.querySelectorAll("*").length,
      height: document.documentElement.scrollHeight,
    }));
    const itemCount = system.categories.reduce((n, c) => n + c.items.length, 0);
    console.log(
      `application page (${itemCount} items): usable ${Math.round(ms)} ms after its data, ${size.elements} elements, ${size.height} px tall`,
    );
    expect(ms).toBeGreaterThan(0);
    expect(ms).toBeLessThan(USABLE_WITHIN_MS);
    // The first cards paint at once, the rest of the first category right after; other categories never mount.
    await expect.poll(() => page.locator('[data-testid^="item-"][id^="item-"]').count(), POLL).toBe(first.items.length);

    // 2. Edits in two categories survive switching between them and go in one save.
    await openSection(page, `${first.code} ${first.title}`);
    await page.getByTestId(`item-${one.code}`).getByTestId("item-points").fill("1.5");
    await page.getByTestId(`item-${one.code}`).getByTestId("item-note").fill("已制定年度创建工作计划。");
    await openSection(page, `${second.code} ${second.title}`);
    await page.getByTestId(`item-${two.code}`).getByTestId("item-points").fill("1");
    await page.getByTestId(`item-${two.code}`).getByTestId("item-note").fill("组织道德讲堂四期。");
    await openSection(page, `${first.code} ${first.title}`);
    expect(await page.getByTestId(`item-${one.code}`).getByTestId("item-note").inputValue()).toBe(
      "已制定年度创建工作计划。",
    );
    const save = page.getByTestId("application-save");
    expect(await save.textContent()).toBe("保存修改（2）");
    expect(await page.getByTestId("application-submit").isDisabled()).toBe(true);
    await shot(page, "application-form-unsaved");
    const saving = page.waitForResponse(
      (r) => r.request().method() === "PUT" && new URL(r.url()).pathname.endsWith(`/applications/${app.id}/items`),
    );
    await save.click();
    expect((await saving).status()).toBe(200);
    await expect.poll(() => save.isDisabled(), POLL).toBe(true);
    expect(await save.textContent()).toBe("保存修改（0）");

    await page.reload();
    await page.getByTestId("application-summary").waitFor();
    expect(await page.getByTestId("self-total").textContent()).toContain("2.5");
    await openSection(page, `${second.code} ${second.title}`);
    expect(await page.getByTestId(`item-${two.code}`).getByTestId("item-note").inputValue()).toBe("组织道德讲堂四期。");
    expect(await page.getByTestId(`item-${two.code}`).getByTestId("item-points").inputValue()).toBe("1.0"); // steps of 0.5: one decimal
    await openSection(page, `${first.code} ${first.title}`);
    expect(await page.getByTestId(`item-${one.code}`).getByTestId("item-points").inputValue()).toBe("1.5");
    expect(unit.errors).toEqual([]);

    // 3. On a phone: nothing sticks out, and the actions sit under the title instead of over it.
    const phone = await tenantSession(suite.browser, TENANT, `unit@${TENANT}.demo`, PHONE_CONTEXT);
    suite.sessions.push(phone);
    await phone.page.goto(`/t/${TENANT}/applications/${app.id}`);
    await phone.page.getByTestId("item-list").waitFor(POLL);
    await shot(phone.page, "application-form-phone");
    await fitsThePhone(phone.page, "application form");
    const header = phone.page.getByTestId("application-header");
    const title = await header.locator(".ant-card-head-title").boundingBox();
    const withdraw = await header.getByTestId("application-withdraw").boundingBox();
    if (!title || !withdraw) throw new Error("the header shows a title and the withdraw action");
    expect(withdraw.y).toBeGreaterThanOrEqual(title.y + title.height);
    await openSection(phone.page, `${second.code} ${second.title}`);
    await phone.page.getByTestId(`item-${two.code}`).waitFor();
    await fitsThePhone(phone.page, "application form, second category");
    expect(phone.errors).toEqual([]);
  });
});
