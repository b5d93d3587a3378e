import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./browser.ts";
import { openSession, signIn, skip } from "./helpers.ts";

// Unique per run: the database is shared by every browser test file of a run.
const SUFFIX = Date.now().toString(36);
const SLUG = `zhejiang-${SUFFIX}`;
const TENANT_NAME = "浙江省文明办";
const ADMIN_EMAIL = `admin-${SUFFIX}@zhejiang.test`;
const REVIEWER_EMAIL = `hz-${SUFFIX}@zhejiang.test`;
const PASSWORD = "Qiantang-Tide-2026";
const PNG_1X1 = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==",
  "base64",
);

/** Picks a path in an antd cascader (e.g. 浙江省 → 杭州市), then closes it. */
async function pickCascader(page: Page, testId: string, labels: string[]): Promise<void> {
  await page.getByTestId(testId).click();
  for (const [level, label] of labels.entries()) {
    await page
      .locator(`.ant-cascader-dropdown:visible .ant-cascader-menu:nth-child(${level + 1}) [title="${label}"]`)
      .click();
  }
  await page.keyboard.press("Escape");
}

/** Opens a one-time link in a fresh context and sets the password there; returns the signed-in page. */
async function activate(browser: Browser, link: string, fill: (page: Page) => Promise<void>) {
  const session = await openSession(browser);
  // The link carries the server's origin; the token is in the fragment, never in the query.
  expect(new URL(link).search).toBe("");
  expect(new URL(link).hash).toMatch(/^#token=/);
  await session.page.goto(link);
  await fill(session.page);
  await session.page.getByTestId("activate-password").fill(PASSWORD);
  await session.page.getByTestId("activate-confirm").fill(PASSWORD);
  await session.page.getByTestId("activate-submit").click();
  return session;
}

describe.skipIf(skip)("tenant onboarding", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("platform admin opens 浙江省文明办; its admin activates and adds a 杭州市 reviewer who sees only 杭州市", async () => {
    // 1. The platform admin creates the tenant and reads the first admin's one-time link.
    const platform = await openSession(browser);
    await signIn(platform.page, "platform@wenming.demo");
    await platform.page.waitForURL("**/platform");
    await platform.page.getByTestId("create-tenant").click();
    await pickCascader(platform.page, "tenant-root", ["浙江省"]);
    await platform.page.getByTestId("tenant-name-input").fill(TENANT_NAME);
    await platform.page.getByTestId("tenant-slug").fill(SLUG);
    await platform.page.getByTestId("create-tenant-submit").click();
    const adminLink = (await platform.page.getByTestId("activation-link").textContent())?.trim() ?? "";
    await expect.poll(() => platform.page.getByText("72 小时内有效").count()).toBeGreaterThan(0);
    await platform.page.getByTestId("create-tenant-done").click();
    await platform.page.getByTestId("platform-tenants").getByText(SLUG).waitFor();
    expect(platform.errors).toEqual([]);
    await platform.context.close();

    // 2. The new tenant admin activates in a fresh browser: no email yet, so they choose one.
    const admin = await activate(browser, adminLink, async (page) => {
      await page.getByTestId("activate-for").getByText(TENANT_NAME).waitFor();
      await page.getByTestId("activate-email").fill(ADMIN_EMAIL);
      await page.getByTestId("activate-name").fill("浙江省文明办管理员");
    });
    await admin.page.waitForURL(`**/t/${SLUG}`);
    expect(await admin.page.getByTestId("tenant-name").textContent()).toBe(TENANT_NAME);
    expect(await admin.page.getByTestId("user-role").textContent()).toBe("文明办管理员");

    // 3. They add a city reviewer for 杭州市 and read the link from the page.
    await admin.page.getByTestId("nav-people").click();
    await admin.page.waitForURL(`**/t/${SLUG}/people`);
    await admin.page.getByTestId("people-table").getByText(ADMIN_EMAIL).waitFor();
    await admin.page.getByTestId("create-person").click();
    await admin.page.getByTestId("person-name").fill("杭州市审核员");
    await admin.page.getByTestId("person-email").fill(REVIEWER_EMAIL);
    await pickCascader(admin.page, "person-scope", ["浙江省", "杭州市"]);
    await admin.page.getByTestId("create-person-submit").click();
    const reviewerLink = (await admin.page.getByTestId("activation-link").textContent())?.trim() ?? "";
    await admin.page.getByTestId("create-person-done").click();
    const row = admin.page.locator(".ant-table-row", { hasText: REVIEWER_EMAIL });
    await row.waitFor();
    expect(await row.textContent()).toContain("杭州市");
    expect(await row.textContent()).toContain("待激活");
    expect(admin.errors).toEqual([]);
    await admin.context.close();

    // 4. The reviewer activates (email fixed by the admin), lands home and sees 杭州市's districts only.
    const reviewer = await activate(browser, reviewerLink, async (page) => {
      expect(await page.getByTestId("activate-email-fixed").inputValue()).toBe(REVIEWER_EMAIL);
    });
    await reviewer.page.waitForURL(`**/t/${SLUG}`);
    const tree = reviewer.page.getByTestId("jurisdiction-tree");
    await tree.getByText("西湖区").waitFor();
    for (const district of ["杭州市", "上城区", "拱墅区"]) {
      expect(await tree.getByText(district, { exact: true }).count()).toBeGreaterThan(0);
    }
    await reviewer.page.getByText("您的管辖范围内还没有单位。").waitFor();
    const text = await reviewer.page.locator("body").textContent();
    for (const foreign of ["德阳市", "四川", "宁波市", "湖北"]) expect(text).not.toContain(foreign);
    expect(reviewer.errors).toEqual([]);
    await reviewer.context.close();
  });
});

describe.skipIf(skip)("tenant settings", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("lets the sichuan admin change the notice days (kept across a reload) and upload a logo", async () => {
    const { page, context, errors } = await openSession(browser);
    await signIn(page, "admin@sichuan.demo");
    await page.waitForURL("**/t/sichuan");
    await page.getByTestId("nav-settings").click();
    await page.waitForURL("**/t/sichuan/settings");
    const days = page.getByTestId("settings-notice-days");
    await days.waitFor();
    const before = Number(await days.inputValue());
    const after = before === 12 ? 9 : 12;
    await days.fill(String(after));
    await page.getByTestId("settings-save").click();
    await page.getByText("设置已保存").waitFor();

    await page.reload();
    await page.getByTestId("settings-notice-days").waitFor();
    await expect.poll(() => page.getByTestId("settings-notice-days").inputValue()).toBe(String(after));

    // The logo goes up as a raw image body and comes back as the settings' logo URL.
    await page.locator("input[type=file]").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: PNG_1X1 });
    await page.getByTestId("logo-upload").click();
    await page.getByText("标识已更新").waitFor();
    await expect.poll(() => page.getByTestId("logo-preview").getAttribute("src")).not.toMatch(/^blob:/);
    expect(errors).toEqual([]);
    await context.close();
  });
});
