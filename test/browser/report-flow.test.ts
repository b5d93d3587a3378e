import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ROUNDS } from "../../db/seed/scoring.ts";
import { launchBrowser } from "./browser.ts";
import {
  applyWithEveryItem,
  confirmIn,
  fitsThePhone,
  openRoundLike,
  PHONE_CONTEXT,
  shot,
  tenantApi,
  tenantSession,
} from "./flow.ts";
import { skip } from "./helpers.ts";

// Issue 12's flow on a round of its own (the database is shared by every browser test file of a run): the demo
// unit pastes its report on a phone, sees what cleaning removed and converted, fills the placeholder, confirms
// the figures, links a paragraph to the item the matcher suggests, saves and submits; 德阳市's reviewer, seated
// on the city panel, sees that paragraph on that item of the scoring form.

const TENANT = "sichuan";
const SUFFIX = Date.now().toString(36);
const YEAR = new Date().getFullYear();
/** The machine runs several suites at once: a 60-item application page may take a while to settle. */
const POLL = { timeout: 30_000 };
/** Sixty items filled through the API, a report imported and saved twice, three sign-ins. */
const FLOW_TIMEOUT = 300_000;

const BREADCRUMB = "位置：首页 > 工作动态 > 正文";
const TRADITIONAL = "（二）深化學雷鋒志願服務。志願服務隊常態化開展便民服務活動。";
const REPORT_TEXT = `${BREADCRUMB}
德阳市科学技术协会${YEAR}年创建文明单位工作总结${SUFFIX}
一、基本情况
本会在编职工128人，设办公室、学会部等5个部室。
二、主要做法
（一）加强思想道德建设。全年组织集体学习24次，举办道德讲堂活动6场，邀请身边好人讲述身边事。
${TRADITIONAL}
三、工作成效
xx县科协协同开展科普进社区活动，累计志愿服务1200小时。`;

describe.skipIf(skip)("the unit's report from a paste to the reviewer's scoring form", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it(
    "the unit imports, cleans, confirms figures, links a paragraph and submits; the reviewer sees it on the item",
    async () => {
      // 1. Setup through the API: a round like the demo's open one, open for applications.
      const admin = await tenantSession(browser, TENANT, `admin@${TENANT}.demo`, PHONE_CONTEXT);
      const adminApi = tenantApi(admin.page, TENANT);
      const { round: opened, items } = await openRoundLike(
        adminApi,
        DEMO_ROUNDS.open(TENANT),
        `汇报材料流程测试评选${SUFFIX}`,
      );
      const target = items.find((i) => i.title.includes("道德讲堂"));
      if (!target) throw new Error("the demo criteria system has no 道德讲堂 item");

      // 2. The demo unit applies and fills every item with its evidence through the API.
      const unit = await tenantSession(browser, TENANT, `unit@${TENANT}.demo`, PHONE_CONTEXT);
      const unitApi = tenantApi(unit.page, TENANT);
      const { appId } = await applyWithEveryItem(unitApi, opened.id, items);

      // 3. On the phone: from the application's 汇报材料 card to the importer; paste and recognise.
      const page = unit.page;
      await page.goto(`/t/${TENANT}/applications/${appId}`);
      await page.getByTestId("report-card-none").waitFor(POLL);
      await page.getByTestId("report-open").click();
      await page.waitForURL(`**/applications/${appId}/report`);
      await page.getByTestId("report-import-start").click();
      await page.getByTestId("import-text").fill(REPORT_TEXT);
      await page.getByTestId("import-parse").click();
      await page.getByTestId("report-cleaning").waitFor(POLL);

      // What cleaning removed (the breadcrumb, with its reason) and converted is shown, never silent.
      const removed = page.getByTestId("removed-line").filter({ hasText: BREADCRUMB });
      expect(await removed.getByTestId("removed-reason").textContent()).toBe("网页导航");
      expect(await page.getByTestId("converted-traditional").textContent()).toMatch(/^繁体转简体 [1-9]\d* 字$/);
      await page
        .getByTestId("report-converted")
        .getByText(/查看改动的/)
        .click();
      const after = page.getByTestId("changed-after").filter({ hasText: "学雷锋志愿服务" });
      await after.first().waitFor(POLL);
      expect(await page.getByTestId("placeholder").allTextContents()).toContain("xx县");
      await fitsThePhone(page, "the cleaning review");
      await shot(page, "report-cleaning");
      await page.getByTestId("report-adopt").click();

      // 4. The editor: the placeholder stays flagged until filled; figures are confirmed one by one.
      await page.getByTestId("report-editor").waitFor();
      expect(await page.getByTestId("open-placeholder").allTextContents()).toEqual(["xx县"]);
      const texts = page.locator("[data-testid$=-paragraph-text]");
      const values = await texts.evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value));
      const withPlaceholder = values.findIndex((v) => v.includes("xx县"));
      expect(withPlaceholder).toBeGreaterThanOrEqual(0);
      await texts.nth(withPlaceholder).fill((values[withPlaceholder] ?? "").replace("xx县", "旌阳区"));
      await page.getByTestId("report-open-placeholders").waitFor({ state: "detached" });

      const figures = page.getByTestId("figure");
      const figureCount = await figures.count();
      expect(figureCount).toBeGreaterThan(0);
      for (let i = 0; i < figureCount; i++) await figures.nth(i).getByTestId("figure-confirm").click();
      expect(await page.getByTestId("figures-confirmed").textContent()).toBe(
        `已确认 ${figureCount} / ${figureCount} 项数据`,
      );
      expect(await page.getByTestId("report-length").textContent()).toMatch(/^\d+ \/ 3000 字$/);
      await fitsThePhone(page, "the report editor");
      await shot(page, "report-editor");

      // 5. Saved, the paragraphs get suggestions with the words that matched; the unit accepts the one for
      //    the 道德讲堂 item and saves again.
      await page.getByTestId("report-save").click();
      await page.getByTestId("report-unsaved").waitFor({ state: "detached", ...POLL });
      const suggestion = page.locator(`[data-testid=link-suggestion][data-code="${target.code}"]`).first();
      await suggestion.waitFor(POLL);
      expect(await suggestion.getByTestId("suggestion-terms").textContent()).toMatch(/^为什么：.*道德讲堂/);
      // The suggestion leaves the paragraph once accepted: find the paragraph by position first.
      const paragraphs = page.locator("[data-testid$=-paragraph]");
      const at = await paragraphs.evaluateAll(
        (els, code) => els.findIndex((e) => e.querySelector(`[data-testid=link-suggestion][data-code="${code}"]`)),
        target.code,
      );
      await suggestion.getByTestId("suggestion-accept").click();
      await expect
        .poll(() => paragraphs.nth(at).getByTestId("paragraph-link-select").textContent(), POLL)
        .toContain(target.code);
      await shot(page, "report-linked");
      await page.getByTestId("report-save").click();
      await page.getByTestId("report-unsaved").waitFor({ state: "detached", ...POLL });
      const stored = await unitApi.get<{
        report: { links: { paragraphId: string; itemCode: string }[]; figures: { confirmed: boolean }[] };
      }>(`/applications/${appId}/report`);
      expect(stored.report.links.map((l) => l.itemCode)).toContain(target.code);
      expect(stored.report.figures.every((f) => f.confirmed)).toBe(true);

      // 6. Back on the application the card sums it up; the unit submits, and the report reads locked.
      await page.getByRole("link", { name: /返回申报/ }).click();
      await page.waitForURL(`**/applications/${appId}`);
      expect(await page.getByTestId("report-card-links").textContent()).toMatch(/^对应条目 [1-9]\d* 处$/);
      await page.getByTestId("application-submit").click();
      await confirmIn(page, ".ant-modal-confirm", "提交申报");
      await expect.poll(() => page.getByTestId("application-status").textContent(), POLL).toBe("已提交");
      await page.getByTestId("report-open").click();
      await page.getByTestId("report-document").waitFor(POLL);
      expect(await page.getByTestId("report-editor").count()).toBe(0);
      await fitsThePhone(page, "the read-only report");
      await shot(page, "report-read-only");
      expect(unit.errors).toEqual([]);
      await unit.context.close();

      // 7. The admin moves the round into 市级评审 and seats 德阳市's reviewer on the city panel.
      const people = await adminApi.get<{ items: { userId: string; email: string | null }[] }>(
        "/people?pageSize=100&role=reviewer",
      );
      const reviewerId = people.items.find((p) => p.email === `deyang@${TENANT}.demo`)?.userId;
      if (!reviewerId) throw new Error("no 德阳市 demo reviewer");
      await adminApi.send("post", `/rounds/${opened.id}/advance`, { version: opened.version });
      await adminApi.send("put", `/applications/${appId}/panel`, { stage: "city", reviewerIds: [reviewerId] });
      await admin.context.close();

      // 8. The reviewer's scoring form shows the linked paragraph on that item.
      const reviewer = await tenantSession(browser, TENANT, `deyang@${TENANT}.demo`, PHONE_CONTEXT);
      await reviewer.page.goto(`/t/${TENANT}/applications/${appId}/review`);
      await reviewer.page.getByTestId("review-document").waitFor(POLL);
      await reviewer.page
        .getByTestId("review-item-pending")
        .first()
        .waitFor({ state: "detached", ...POLL });
      const onItem = reviewer.page.getByTestId(`review-item-${target.code}`).getByTestId("linked-paragraph");
      await onItem.first().waitFor(POLL);
      // textContent: off-screen items skip rendering (content-visibility), so they have no innerText.
      expect(await onItem.allTextContents()).toEqual([expect.stringContaining("道德讲堂")]);
      await fitsThePhone(reviewer.page, "the scoring form");
      await onItem.first().scrollIntoViewIfNeeded();
      await shot(reviewer.page, "report-on-scoring-form");
      expect(reviewer.errors).toEqual([]);
      await reviewer.context.close();
    },
    FLOW_TIMEOUT,
  );
});
