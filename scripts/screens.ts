// Screenshots of each role's home at desktop and phone width, for docs/screens/: `npm run screens`.
// It starts the browser tests' server (SPA built, a fresh demo D1, wrangler dev on a free port), signs in as each
// demo account and saves docs/screens/<role>-desktop.png (the 1366×900 viewport) and <role>-phone.png (390 px, the
// whole page). The demo's dates are relative to today, so the pictures show what a user sees on the day they run.
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { launchBrowser } from "../test/browser/browser.ts";
import { startServer } from "../test/browser/global-setup.ts";

const OUT = resolve(import.meta.dirname, "../docs/screens");
const PASSWORD = "wenming-demo";

const ROLES = [
  { role: "platform", email: "platform@wenming.demo", home: "/platform", ready: "platform-offices" },
  { role: "admin", email: "admin@sichuan.demo", home: "/t/sichuan", ready: "todo-card" },
  { role: "province", email: "province@sichuan.demo", home: "/t/sichuan", ready: "todo-card" },
  { role: "deyang", email: "deyang@sichuan.demo", home: "/t/sichuan", ready: "todo-card" },
  { role: "unit", email: "unit@sichuan.demo", home: "/t/sichuan", ready: "todo-card" },
] as const;

const WIDTHS: Array<{ name: string; fullPage: boolean; context: BrowserContextOptions }> = [
  { name: "desktop", fullPage: false, context: { viewport: { width: 1366, height: 900 } } },
  {
    name: "phone",
    fullPage: true,
    context: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 },
  },
];

/** Signs in through the API (the login form is the browser tests' business) and opens the role's home. */
async function openHome(page: Page, baseUrl: string, email: string, home: string): Promise<void> {
  const res = await page.request.post(`${baseUrl}/api/auth/login`, {
    data: { email, password: PASSWORD },
    headers: { origin: baseUrl },
  });
  if (!res.ok()) throw new Error(`sign-in as ${email}: ${res.status()} ${await res.text()}`);
  await page.goto(`${baseUrl}${home}`);
}

/** Waits for the home's data: its marker shown, no skeleton or spinner left, fonts and images settled. */
async function settled(page: Page, ready: string): Promise<void> {
  // Generous: the machine may be busy building or testing at the same time.
  await page.getByTestId(ready).waitFor({ timeout: 120_000 });
  await page.locator(".ant-skeleton").first().waitFor({ state: "detached", timeout: 120_000 });
  await page.locator(".ant-spin-spinning").first().waitFor({ state: "detached", timeout: 120_000 });
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(300);
}

async function shoot(browser: Browser, baseUrl: string): Promise<string[]> {
  const saved: string[] = [];
  for (const { role, email, home, ready } of ROLES) {
    for (const width of WIDTHS) {
      const context = await browser.newContext({ ...width.context, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
      try {
        const page = await context.newPage();
        const errors: string[] = [];
        page.on("pageerror", (error) => errors.push(error.message));
        await openHome(page, baseUrl, email, home);
        await settled(page, ready).catch((error: unknown) => {
          throw new Error(`${role} at ${width.name} width on ${page.url()}: ${String(error)} ${errors.join("; ")}`);
        });
        const path = join(OUT, `${role}-${width.name}.png`);
        await page.screenshot({ path, fullPage: width.fullPage, animations: "disabled" });
        saved.push(path);
      } finally {
        await context.close();
      }
    }
  }
  return saved;
}

mkdirSync(OUT, { recursive: true });
const server = await startServer();
try {
  const browser = await launchBrowser();
  try {
    for (const path of await shoot(browser, server.baseUrl)) console.log(path);
  } finally {
    await browser.close();
  }
} finally {
  await server.stop();
}
