import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./browser.ts";
import { fitsThePhone, overflowing, PHONE, PHONE_CONTEXT } from "./flow.ts";
import { openSession, type Session, signIn, skip, tableSettled } from "./helpers.ts";

const WECHAT_UA =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) " +
  "Mobile/15E148 MicroMessenger/8.0.50(0x1800322d) NetType/WIFI Language/zh_CN";
/** Screenshots for a person to look at; not compared by the test. */
const SHOTS = "/tmp/phone-layout";

/** A phone as WeChat's built-in browser presents it: 390 CSS px wide, touch, a mobile user agent. */
function openPhone(browser: Browser): Promise<Session> {
  return openSession(browser, { ...PHONE_CONTEXT, userAgent: WECHAT_UA });
}

async function expectNoOverflow(page: Page, shot: string): Promise<void> {
  // A menu drawer still sliding away stands past the right edge until its animation ends.
  await page.locator(".ant-drawer-panel-motion-right-leave").waitFor({ state: "detached" });
  await page.screenshot({ path: `${SHOTS}/${shot}.png`, fullPage: true });
  expect(await page.evaluate(() => window.innerWidth)).toBe(PHONE.width);
  await fitsThePhone(page, shot);
}

/** Opens the header's menu and finds the account actions in it. */
async function openMenu(page: Page, shot: string): Promise<void> {
  // At phone width the bar holds no sign-out button of its own: it is in the menu.
  expect(await page.getByTestId("sign-out").count()).toBe(0);
  await page.getByTestId("header-menu").click();
  const signOut = page.getByTestId("sign-out");
  await signOut.waitFor();
  expect(await signOut.textContent()).toBe("退出登录");
  await page.getByTestId("my-account").waitFor();
  await page.getByTestId("lang-switch").waitFor();
  // Let the drawer finish sliding in before the picture.
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${SHOTS}/${shot}-menu.png` });
  expect((await overflowing(page)).document).toBeLessThanOrEqual(0);
}

const ROLES = [
  { email: "platform@wenming.demo", path: "/platform", shot: "platform" },
  { email: "admin@sichuan.demo", path: "/t/sichuan", shot: "admin" },
  { email: "province@sichuan.demo", path: "/t/sichuan", shot: "province" },
  { email: "deyang@sichuan.demo", path: "/t/sichuan", shot: "deyang" },
  { email: "unit@sichuan.demo", path: "/t/sichuan", shot: "unit" },
];

describe.skipIf(skip)("signed-in pages on a 390 px phone", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const role of ROLES) {
    it(`${role.email}: home fits the screen and the menu holds 退出登录`, async () => {
      const { page, context, errors } = await openPhone(browser);
      await signIn(page, role.email);
      await page.waitForURL(`**${role.path}`);
      if (role.shot === "platform") await page.getByText("湖北省文明办").first().waitFor();
      else if (role.shot === "unit") await page.getByTestId("unit-profile").waitFor();
      else await tableSettled(page);
      await expectNoOverflow(page, role.shot);
      await openMenu(page, role.shot);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it("a reviewer's table pages scroll inside their card, not the page, and the menu navigates and signs out", async () => {
    const { page, context, errors } = await openPhone(browser);
    await signIn(page, "deyang@sichuan.demo");
    await page.waitForURL("**/t/sichuan");
    await tableSettled(page);
    // The unit table is wider than the phone: it scrolls sideways inside its own container.
    const table = await page
      .locator(".ant-table-content, .ant-table-body")
      .first()
      .evaluate((element) => ({
        client: element.clientWidth,
        scroll: element.scrollWidth,
        overflowX: getComputedStyle(element).overflowX,
      }));
    expect(table.scroll).toBeGreaterThan(table.client);
    expect(["auto", "scroll"]).toContain(table.overflowX);

    // A unit's profile: the description panel stacks instead of squeezing.
    await page.locator(".ant-table-tbody tr.ant-table-row td:nth-child(1) a").first().click();
    await page.waitForURL("**/t/sichuan/units/**");
    await page.getByTestId("unit-profile").waitFor();
    await expectNoOverflow(page, "deyang-unit-detail");
    const label = await page.locator(".ant-descriptions-item-label").first().boundingBox();
    expect(label?.width ?? 0).toBeGreaterThan(60);

    // The menu carries the office's screens.
    await page.getByTestId("header-menu").click();
    await page.getByTestId("nav-rounds").click();
    await page.waitForURL("**/t/sichuan/rounds");
    await page.locator(".ant-table-wrapper").first().waitFor();
    await page.locator(".ant-spin-spinning").first().waitFor({ state: "detached" });
    await expectNoOverflow(page, "deyang-rounds");

    // English labels are longer; the page still fits.
    await page.getByTestId("header-menu").click();
    await page.getByTestId("lang-switch").click();
    await page.getByTestId("sign-out").getByText("Sign out").waitFor();
    await page.keyboard.press("Escape");
    await page.getByTestId("sign-out").waitFor({ state: "hidden" });
    await expectNoOverflow(page, "deyang-rounds-en");

    await page.getByTestId("header-menu").click();
    await page.getByTestId("sign-out").click();
    await page.waitForURL("**/login");
    await expectNoOverflow(page, "login");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("keeps the desktop bar and tabs at 1366 px", async () => {
    const { page, context, errors } = await openSession(browser);
    await signIn(page, "deyang@sichuan.demo");
    await page.waitForURL("**/t/sichuan");
    await tableSettled(page);
    await page.screenshot({ path: `${SHOTS}/desktop.png` });
    expect(await page.getByTestId("header-menu").count()).toBe(0);
    expect(await page.getByTestId("sign-out").isVisible()).toBe(true);
    expect(await page.getByTestId("my-account").isVisible()).toBe(true);
    expect(await page.getByTestId("current-user").isVisible()).toBe(true);
    expect(await page.getByTestId("nav-rounds").isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
