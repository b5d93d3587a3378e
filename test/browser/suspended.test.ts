import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./browser.ts";
import { baseUrl, openSession, signIn, skip } from "./helpers.ts";

describe.skipIf(skip)("a suspended office", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("disappears from the public list and its registration page says it is unavailable", async () => {
    const admin = await openSession(browser);
    await signIn(admin.page, "platform@wenming.demo");
    await admin.page.waitForURL("**/platform");
    const post = (action: string) =>
      admin.page.request.post(`${baseUrl}/api/admin/tenants/hubei/${action}`, {
        data: {},
        headers: { origin: baseUrl },
      });
    expect((await post("suspend")).status()).toBe(200);
    // Browser test files run one after another, so the office is resumed before any other file looks.
    try {
      const visitor = await openSession(browser);
      await visitor.page.goto("/");
      await visitor.page.getByTestId("tenant-list").getByText("四川省文明办").waitFor();
      expect(await visitor.page.getByTestId("tenant-list").getByText("湖北省文明办").count()).toBe(0);
      await visitor.page.goto("/t/hubei/register");
      const notice = visitor.page.getByTestId("register-unavailable");
      await notice.getByText("湖北省文明办暂停服务，暂不可用").waitFor();
      await visitor.context.close();
    } finally {
      expect((await post("resume")).status()).toBe(200);
    }
    await admin.context.close();
  });
});
