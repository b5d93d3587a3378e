import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { inject } from "vitest";

export const DEMO_PASSWORD = "wenming-demo";

/** The server under test, or why there is none (then every suite skips). */
export const baseUrl = inject("baseUrl");
export const skipReason = inject("browserSkipReason");
export const skip = skipReason !== "";

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors, e.g. CSP violations or React crashes. */
  errors: string[];
}

/** A fresh context (own cookies and localStorage) with one page that records its errors; a desktop unless told. */
export async function openSession(browser: Browser, options: BrowserContextOptions = {}): Promise<Session> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1366, height: 900 }, ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  return { context, page, errors };
}

/** Signs in through the login form, as a user would. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByTestId("login-email").fill(email);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
}

/** Text of one column of the unit table's visible rows (1-based, as in the table). */
export async function columnTexts(page: Page, column: number): Promise<string[]> {
  return page.locator(`.ant-table-tbody tr.ant-table-row td:nth-child(${column})`).allInnerTexts();
}

/** Waits until the unit table shows rows and no loading overlay. */
export async function tableSettled(page: Page): Promise<void> {
  await page.locator(".ant-table-tbody tr.ant-table-row").first().waitFor();
  await page.locator(".ant-table-wrapper .ant-spin-spinning").waitFor({ state: "detached" });
}
