import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./browser.ts";
import { openSession, signIn, skip, tableSettled } from "./helpers.ts";

describe.skipIf(skip)("signing in and out", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("shows the API's message for a wrong password, in the chosen language", async () => {
    const { page, context } = await openSession(browser);
    await signIn(page, "dazhou@sichuan.demo", "not-the-password");
    const alert = page.getByTestId("login-error");
    await alert.getByText("邮箱或密码错误").waitFor();
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.getByTestId("lang-switch").click();
    await alert.getByText("Wrong email or password").waitFor();
    await context.close();
  });

  it("stores the __Host- session cookie over plain http://localhost and uses it", async () => {
    const { page, context, errors } = await openSession(browser);
    await signIn(page, "deyang@sichuan.demo");
    await page.waitForURL("**/t/sichuan");
    const cookie = (await context.cookies()).find((c) => c.name === "__Host-wm_session");
    expect(cookie).toMatchObject({ domain: "localhost", path: "/", secure: true, httpOnly: true, sameSite: "Lax" });
    // A reload must be let in by the cookie alone.
    await page.reload();
    await tableSettled(page);
    expect(new URL(page.url()).pathname).toBe("/t/sichuan");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("sends a signed-out visitor to the login page and back where they were going", async () => {
    const { page, context } = await openSession(browser);
    await page.goto("/t/sichuan?status=active");
    await page.waitForURL("**/login?**");
    expect(new URL(page.url()).searchParams.get("redirect")).toBe("/t/sichuan?status=active");
    await page.getByTestId("login-email").fill("deyang@sichuan.demo");
    await page.getByTestId("login-password").fill("wenming-demo");
    await page.getByTestId("login-submit").click();
    await page.waitForURL("**/t/sichuan?status=active");
    await tableSettled(page);
    await context.close();
  });

  it("signs out, after which tenant pages ask for sign-in again", async () => {
    const { page, context } = await openSession(browser);
    await signIn(page, "province@sichuan.demo");
    await page.waitForURL("**/t/sichuan");
    await page.getByTestId("sign-out").click();
    await page.waitForURL("**/login");
    expect((await context.cookies()).some((c) => c.name === "__Host-wm_session")).toBe(false);
    await page.goto("/t/sichuan");
    await page.waitForURL("**/login?**");
    await context.close();
  });

  it("hands over to the login page when the session ends mid-use", async () => {
    const { page, context } = await openSession(browser);
    await signIn(page, "province@sichuan.demo");
    await page.waitForURL("**/t/sichuan");
    await tableSettled(page);
    await context.clearCookies();
    await page.locator(".ant-table-tbody tr.ant-table-row td:nth-child(1) a").first().click();
    await page.waitForURL("**/login?**");
    expect(new URL(page.url()).searchParams.get("redirect")).toMatch(/^\/t\/sichuan\/units\//);
    await context.close();
  });

  it("takes a platform admin without memberships to the platform page", async () => {
    const { page, context } = await openSession(browser);
    await signIn(page, "platform@wenming.demo");
    await page.waitForURL("**/platform");
    expect(await page.getByTestId("user-role").textContent()).toBe("平台管理员");
    await page.getByText("湖北省文明办").waitFor();
    await context.close();
  });
});
