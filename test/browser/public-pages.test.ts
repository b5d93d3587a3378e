import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_NOTICE, DEMO_NOTICE_LISTED } from "../../db/seed/notice.ts";
import { DEMO_TITLE_CASES } from "../../db/seed/titles.ts";
import { seriousViolations } from "./axe.ts";
import { launchBrowser } from "./browser.ts";
import { baseUrl, openSession, type Session, skip } from "./helpers.ts";

const PHONE = { width: 390, height: 844 };
const TENANT = "sichuan";
const NOTICE_PATH = `/offices/${TENANT}/notices/${DEMO_NOTICE.roundId(TENANT)}`;
/** Screenshots for a person to look at; not compared by the test. */
const SHOTS = "/tmp/public-pages";

function openPhone(browser: Browser): Promise<Session> {
  return openSession(browser, { viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
}

/** What every public page must be on a phone: no console errors, nothing wider than the screen, no serious axe finding. */
async function expectPhoneReady({ page, errors }: Session, shot: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/${shot}.png`, fullPage: true });
  const width = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
  expect(width).toBeLessThanOrEqual(PHONE.width);
  expect(await seriousViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
}

describe.skipIf(skip)("public pages on a phone", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("the landing page lists the offices with their headline numbers and links to each office's page", async () => {
    const session = await openPhone(browser);
    const { page, context } = session;
    await page.goto("/");
    const list = page.getByTestId("tenant-list");
    await list.getByText("四川省文明办").waitFor();
    expect(Number(await list.getByTestId("stat-current").first().textContent())).toBeGreaterThan(0);
    await page.getByTestId(`register-${TENANT}`).waitFor();
    await expectPhoneReady(session, "landing");
    await page.getByTestId(`office-${TENANT}`).click();
    await page.getByTestId("office-name").waitFor();
    expect(page.url()).toBe(`${baseUrl}/offices/${TENANT}`);
    await context.close();
  });

  it("the office page charts current titles by level and city; a bar opens the list filtered to it", async () => {
    const session = await openPhone(browser);
    const { page, context } = session;
    await page.goto(`/offices/${TENANT}`);
    expect(await page.getByTestId("office-name").textContent()).toBe("四川省文明办");
    const levelBars = page.getByTestId("chart-level").getByRole("link");
    await levelBars.first().waitFor();
    await page.getByTestId("chart-city").getByRole("link").first().waitFor();
    await page.getByTestId("office-notice-link").first().waitFor();
    await expectPhoneReady(session, "office");
    await page.getByTestId("lang-switch").click();
    await page.getByRole("heading", { name: "Current titles by level" }).waitFor();
    await page.getByTestId("lang-switch").click();
    await page.getByRole("heading", { name: "有效称号（按级别）" }).waitFor();

    const provinceBar = page.getByTestId("chart-level").getByRole("link", { name: /省级文明单位(?!标兵)/ });
    const count = Number((await provinceBar.locator(".wm-bar-count").textContent()) ?? "");
    await provinceBar.click();
    await page.getByTestId("award-row").first().waitFor();
    expect(new URL(page.url()).searchParams.get("level")).toBe("province");
    expect(await page.getByTestId("awards-total").textContent()).toContain(String(count));
    await context.close();
  });

  it("the awarded list finds a unit by its pinyin initials, shows a warned title's badge and keeps filters in the URL", async () => {
    const session = await openPhone(browser);
    const { page, context } = session;
    await page.goto(`/offices/${TENANT}/awards`);
    await page.getByTestId("award-row").first().waitFor();
    await expectPhoneReady(session, "awards");

    // 德阳市科学技术协会: d-y-k-x is a subsequence of its initials dysxjsxh.
    await page.getByTestId("awards-search").fill("dykx");
    await page.getByTestId("awards-search-submit").click();
    await page.getByTestId("award-row").getByText("德阳市科学技术协会").first().waitFor();
    expect(new URL(page.url()).searchParams.get("q")).toBe("dykx");

    const warned = DEMO_TITLE_CASES[TENANT].warned;
    await page.getByTestId("awards-search").fill(warned);
    await page.getByTestId("awards-search-submit").click();
    const row = page.getByTestId("award-row").filter({ hasText: warned }).filter({ hasText: "省级" });
    await row.getByTestId("title-status-warned").waitFor();
    expect(await row.getByTestId("title-status-warned").textContent()).toBe("黄牌警告");

    // A revoked title is not current: it shows only with past titles included.
    const revoked = DEMO_TITLE_CASES[TENANT].revoked;
    await page.getByTestId("awards-search").fill(revoked);
    await page.getByTestId("awards-search-submit").click();
    await page.getByTestId("awards-include-past").check();
    await page.getByTestId("award-row").getByTestId("title-status-revoked").first().waitFor();
    expect(new URL(page.url()).searchParams.get("status")).toBe("all");
    await context.close();
  });

  it("a unit's page shows its titles with their standing and its history", async () => {
    const session = await openPhone(browser);
    const { page, context } = session;
    const warned = DEMO_TITLE_CASES[TENANT].warned;
    await page.goto(`/offices/${TENANT}/awards?q=${encodeURIComponent(warned)}`);
    await page.getByTestId("award-row").getByRole("link", { name: warned }).first().click();
    await page.getByTestId("unit-name").waitFor();
    expect(await page.getByTestId("unit-name").textContent()).toBe(warned);
    const title = page.getByTestId("unit-title").filter({ has: page.getByTestId("title-status-warned") });
    expect(await title.textContent()).toContain("整改期限");
    await page.getByTestId("unit-history").locator("li").first().waitFor();
    await expectPhoneReady(session, "unit");
    await context.close();
  });

  it("the notice reads as an official document, hides the bar when printed and offers objections while open", async () => {
    const session = await openPhone(browser);
    const { page, context } = session;
    await page.goto(NOTICE_PATH);
    const rows = page.getByTestId("notice-row");
    await rows.first().waitFor();
    expect(await rows.count()).toBe(DEMO_NOTICE_LISTED[TENANT].length);
    expect(await rows.first().textContent()).toContain(DEMO_NOTICE_LISTED[TENANT][0]);
    const text = (await page.getByTestId("notice-document").textContent()) ?? "";
    expect(text).toContain("予以公示");
    expect(text).toMatch(/公示期为\d{4}年\d{1,2}月\d{1,2}日至\d{4}年\d{1,2}月\d{1,2}日/);
    expect(text).not.toMatch(/分数|得分|score/i);
    await page.getByTestId("notice-object").waitFor();
    await expectPhoneReady(session, "notice");

    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".wm-topbar").isVisible()).toBe(false);
    expect(await page.getByTestId("notice-export").isVisible()).toBe(false);
    expect(await page.getByTestId("notice-table").isVisible()).toBe(true);
    await page.emulateMedia({ media: "screen" });

    const download = page.waitForEvent("download");
    await page.getByTestId("notice-export").click();
    expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
    await context.close();
  });

  it("the objection form explains what is missing, then gives a reference the lookup page finds", async () => {
    const session = await openPhone(browser);
    const { page, context } = session;
    const entry = DEMO_NOTICE.entryId(TENANT, 2);
    await page.goto(`${NOTICE_PATH}/objection?entry=${entry}`);
    await page.getByTestId("objection-form").waitFor();
    expect(await page.getByTestId("objection-entryId").inputValue()).toBe(entry);
    // The honeypot is in the form for bots but out of reach for people.
    const trap = page.locator('input[name="website"]');
    expect(await trap.getAttribute("tabindex")).toBe("-1");
    const box = await trap.boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(0);
    expect(await page.locator('[aria-hidden="true"] input[name="website"]').count()).toBe(1);
    await expectPhoneReady(session, "objection-form");

    await page.getByTestId("objection-text").fill("太短");
    await page.getByTestId("objection-submit").click();
    await page.getByTestId("objection-text-error").waitFor();
    await page.getByTestId("objection-contact-error").waitFor();
    expect(await page.getByTestId("objection-text").getAttribute("aria-invalid")).toBe("true");

    await page.getByTestId("objection-text").fill("该单位在创建期间发生多起窗口服务投诉，未见整改，与公示材料不符。");
    await page.getByTestId("objection-name").fill("李群众");
    await page.getByTestId("objection-contact").fill("13800001111");
    await page.getByTestId("objection-as-unit").check();
    await page.getByTestId("objection-submit").click();
    await page.getByTestId("objection-sealStatement-error").waitFor();
    await page.getByTestId("objection-as-unit").uncheck();
    await page.getByTestId("objection-submit").click();

    const reference = page.getByTestId("objection-reference");
    await reference.waitFor();
    const number = (await reference.textContent()) ?? "";
    expect(number).toMatch(/^YY-[0-9A-Z]{10}$/);
    expect(session.errors).toEqual([]);

    await page.getByTestId("objection-lookup").click();
    await page.getByTestId("lookup-status").waitFor();
    expect(await page.getByTestId("lookup-status").textContent()).toBe("已受理");
    expect(new URL(page.url()).searchParams.get("reference")).toBe(number);
    await expectPhoneReady(session, "objection-lookup");
    await context.close();
  });

  it("the lookup page refuses a malformed reference and says when none matches", async () => {
    const session = await openPhone(browser);
    const { page, context } = session;
    await page.goto("/objections");
    await page.getByTestId("lookup-reference").fill("12345");
    await page.getByTestId("lookup-submit").click();
    expect(await page.getByTestId("lookup-reference").getAttribute("aria-invalid")).toBe("true");
    await page.getByTestId("lookup-reference").fill("yy-0000000000");
    await page.getByTestId("lookup-submit").click();
    await page.getByTestId("public-not-found").waitFor();
    // The 404 of an unknown reference is an answer, not a failure: only that one resource error may show.
    session.errors.splice(0, session.errors.length, ...session.errors.filter((e) => !e.includes("404")));
    await expectPhoneReady(session, "lookup-not-found");
    await context.close();
  });

  it("the embed shows the list without the bar, opens units in a new tab, and alone may be framed by other sites", async () => {
    const session = await openPhone(browser);
    const { page, context } = session;
    await page.goto(`/embed/${TENANT}/awards`);
    await page.getByTestId("award-row").first().waitFor();
    expect(await page.locator(".wm-topbar").count()).toBe(0);
    const unitLink = page.getByTestId("award-row").first().getByRole("link");
    expect(await unitLink.getAttribute("target")).toBe("_blank");
    expect(await unitLink.getAttribute("rel")).toBe("noopener");
    await expectPhoneReady(session, "embed");
    await context.close();

    const embed = await fetch(`${baseUrl}/embed/${TENANT}/awards`);
    expect(embed.headers.get("content-security-policy")).toMatch(/frame-ancestors \*$/);
    const office = await fetch(`${baseUrl}/offices/${TENANT}`);
    expect(office.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'$/);
  });
});
