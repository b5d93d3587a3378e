import { join, resolve } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./browser.ts";
import { firstLoadJs } from "./bundle.ts";
import { baseUrl, openSession, skip } from "./helpers.ts";

const EXPECTED_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

describe.skipIf(skip)("public pages", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("lists the live civilization offices, without console errors under the CSP", async () => {
    const { page, errors, context } = await openSession(browser);
    await page.goto("/");
    const list = page.getByTestId("tenant-list");
    await list.getByText("四川省文明办").waitFor();
    await list.getByText("湖北省文明办").waitFor();
    expect(await page.getByTestId("sign-in-link").textContent()).toBe("登录");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("serves the HTML with the static security headers, on / and on SPA routes", async () => {
    for (const path of ["/", "/t/sichuan"]) {
      const res = await fetch(`${baseUrl}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/html");
      expect(res.headers.get("content-security-policy")).toBe(EXPECTED_CSP);
      expect(res.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    }
  });

  it("keeps the public page's first-load JavaScript under 250 KB gzip", () => {
    const { files, gzipBytes } = firstLoadJs(join(resolve(import.meta.dirname, "../.."), "dist/web"));
    console.info(`public page first-load JS: ${(gzipBytes / 1024).toFixed(1)} KB gzip in ${files.length} files`);
    expect(gzipBytes).toBeLessThan(250 * 1024);
  });
});
