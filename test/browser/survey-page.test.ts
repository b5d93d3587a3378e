import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { DEMO_ROUNDS } from "../../db/seed/scoring.ts";
import { seriousViolations } from "./axe.ts";
import { firstLoadJs } from "./bundle.ts";
import {
  applyWithEveryItem,
  browserForSuite,
  fitsThePhone,
  openRoundLike,
  shot,
  tenantApi,
  tenantSession,
} from "./flow.ts";
import { openSession, skip } from "./helpers.ts";

// A respondent opens a unit's survey link on a small phone in WeChat's in-app browser: the questionnaire's own page
// (not the SPA), answered as staff, the thank-you, and the same device refused on reload. Set up through the API on
// a round of the test's own (the database is shared by every browser test file of a run).

const TENANT = "sichuan";
const SUFFIX = Date.now().toString(36);
const POLL = { timeout: 20_000 };
/** A small Android phone, as WeChat's in-app browser (XWeb) presents itself. */
const WECHAT = {
  viewport: { width: 360, height: 740 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
  userAgent:
    "Mozilla/5.0 (Linux; Android 12; V2118A Build/SP1A.210812.003; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/111.0.5563.116 Mobile Safari/537.36 XWEB/1110005 MMWEBSDK/20231002 MMWEBID/1234 MicroMessenger/8.0.43.2480(0x28002B37) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64",
};

interface Question {
  id: string;
  audience: "staff" | "public";
}

describe("the survey page's size", () => {
  it.skipIf(skip)("loads under 100 KB of gzip JavaScript (its own entry, no antd)", () => {
    const { files, gzipBytes } = firstLoadJs(join(resolve(import.meta.dirname, "../.."), "dist/web"), "survey.html");
    expect(files.some((f) => /antd|AppShell/i.test(f))).toBe(false);
    expect(gzipBytes).toBeLessThan(100 * 1024);
  });
});

describe.skipIf(skip)("the survey page on a phone in WeChat", () => {
  const suite = browserForSuite();

  it("a respondent answers a unit's questionnaire as staff, sees the thank-you, and is told on reload it already answered", async () => {
    // 1. Setup through the API: a round like the demo's open one, the demo unit's application, the default
    //    questionnaire saved with a window open today, and the unit's link.
    const admin = await tenantSession(suite.browser, TENANT, `admin@${TENANT}.demo`);
    suite.sessions.push(admin);
    const adminApi = tenantApi(admin.page, TENANT);
    const { round, items } = await openRoundLike(adminApi, DEMO_ROUNDS.open(TENANT), `问卷调查测试评选${SUFFIX}`);
    const unit = await tenantSession(suite.browser, TENANT, `unit@${TENANT}.demo`);
    suite.sessions.push(unit);
    const { appId } = await applyWithEveryItem(tenantApi(unit.page, TENANT), round.id, items);
    const survey = await adminApi.get<{
      questions: Question[];
      minAnswers: number;
      belowMinimum: string;
      gradeBands: number[];
    }>(`/rounds/${round.id}/survey`);
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const inAWeek = new Date(Date.now() + 8 * 3_600_000 + 7 * 86_400_000).toISOString().slice(0, 10);
    await adminApi.send("put", `/rounds/${round.id}/survey`, {
      version: 0,
      questions: survey.questions,
      minAnswers: survey.minAnswers,
      belowMinimum: survey.belowMinimum,
      gradeBands: survey.gradeBands,
      opensOn: today,
      closesOn: inAWeek,
    });
    const linkOf = async () => {
      const links = await adminApi.get<{ items: { applicationId: string; path: string; counted: number }[] }>(
        `/rounds/${round.id}/survey/links?pageSize=100`,
      );
      const found = links.items.find((l) => l.applicationId === appId);
      if (!found) throw new Error("the unit's application has no survey link");
      return found;
    };
    const link = await linkOf();
    expect(link.counted).toBe(0);
    const staffQuestions = survey.questions.filter((q) => q.audience === "staff").length;
    expect(staffQuestions).toBeGreaterThan(0);

    // 2. The respondent's phone: the questionnaire's own page under the public pages' CSP, never cached.
    const respondent = await openSession(suite.browser, WECHAT);
    suite.sessions.push(respondent);
    const { page, errors } = respondent;
    const served = await page.goto(link.path);
    expect(served?.status()).toBe(200);
    expect(served?.headers()["content-security-policy"]).toContain("script-src 'self'");
    expect(served?.headers()["cache-control"]).toBe("no-store");
    await page.getByRole("heading", { level: 1 }).waitFor(POLL);
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
    await page.getByText("您的身份").waitFor(POLL);
    expect(await page.locator("[class*='ant-']").count()).toBe(0);

    // 3. Identity first, then that audience's questions as large radio groups.
    await page.getByLabel("本单位职工").check();
    const questions = page.getByTestId("survey-question");
    await questions.first().waitFor(POLL);
    expect(await questions.count()).toBe(staffQuestions);
    const opened = Date.now();
    for (let i = 0; i < staffQuestions; i++) await questions.nth(i).getByText("满意", { exact: true }).click();
    const tapTarget = await questions.first().locator("label").first().boundingBox();
    expect(tapTarget?.height ?? 0).toBeGreaterThanOrEqual(44);
    await shot(page, "survey-form");
    await fitsThePhone(page, "survey form");
    expect(await seriousViolations(page)).toEqual([]);
    // Answer like a person (two seconds a question, five at least), or the answer is kept but not counted.
    const least = Math.max(5, 2 * staffQuestions) * 1000 + 500;
    await page.waitForTimeout(Math.max(0, least - (Date.now() - opened)));
    await page.getByTestId("survey-submit").click();

    // 4. The thank-you; the answer counts for the unit.
    await page.getByRole("heading", { name: "感谢您的参与" }).waitFor(POLL);
    await fitsThePhone(page, "survey thank-you");
    expect(await seriousViolations(page)).toEqual([]);
    expect((await linkOf()).counted).toBe(1);

    // 5. The same phone again: already answered, nothing to fill.
    await page.reload();
    await page.getByRole("heading", { name: "您已填写过本问卷" }).waitFor(POLL);
    expect(await page.getByTestId("survey-submit").count()).toBe(0);
    await fitsThePhone(page, "survey answered");
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  }, 180_000);
});
