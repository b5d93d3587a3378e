import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoCriteria } from "../../db/seed/criteria.ts";
import { launchBrowser } from "./browser.ts";
import { confirmIn, openSection, PNG, shot } from "./flow.ts";
import { openSession, signIn, skip } from "./helpers.ts";

// Unique per run: the database is shared by every browser test file of a run.
const SUFFIX = Date.now().toString(36);
const ROUND_TITLE = `德阳市文明单位评选${SUFFIX}`;
const UNIT_NAME = "德阳市科学技术协会";
const YEAR = new Date().getFullYear();

// The round uses the demo tenant's own 100-point system, as seeded.
const DEMO_SYSTEM = demoCriteria("sichuan");
const BASE_ITEMS = DEMO_SYSTEM.categories.flatMap((c) => c.items);
/** Filled in the browser: a points item that needs two files (photo + PDF), and a graded item. */
const PHOTO_ITEM = BASE_ITEMS.find((i) => i.mode === "points" && i.evidence.minFiles === 2);
const GRADED_ITEM = BASE_ITEMS.find((i) => i.mode === "graded" && i.evidence.minFiles === 0);
/** The application form shows one category at a time: the navigator's label of the category holding an item. */
const sectionOf = (code: string) => {
  const category = DEMO_SYSTEM.categories.find((c) => c.items.some((i) => i.code === code));
  return `${category?.code} ${category?.title}`;
};

const PROGRAM_TEXT = `德阳市科学技术协会${YEAR}年度创建文明单位工作方案${SUFFIX}
一、指导思想
以社会主义核心价值观为引领。
二、创建目标
争创市级文明单位。
三、工作措施
（一）开展道德讲堂。每季度组织一次。（责任部室：办公室）
（二）组织志愿服务。常态化开展学雷锋活动。（责任部室：学会部）
四、创建要求
加强领导，强化责任。`;

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

/** A page that shows 64 criteria items re-renders for a moment after each save or upload. */
const POLL = { timeout: 15_000 };

const OPEN_DROPDOWN = ".ant-select-dropdown:not(.ant-select-dropdown-hidden)";

/** Saves each item's self-assessment and 说明, and uploads the files its rule asks for, as the page's user. */
async function fillThroughApi(page: Page, applicationUrl: string, items: typeof BASE_ITEMS): Promise<void> {
  const { origin, pathname } = new URL(applicationUrl);
  const api = `${origin}/api${pathname}`;
  const headers = { origin };
  let version = ((await (await page.request.get(api)).json()) as { version: number }).version;
  for (const item of items) {
    for (let n = 0; n < item.evidence.minFiles; n++) {
      const uploaded = await page.request.post(`${api}/items/${item.code}/files?name=photo-${n}.png`, {
        data: PNG,
        headers: { ...headers, "content-type": "image/png" },
      });
      expect(uploaded.status()).toBe(201);
    }
    const score = item.mode === "graded" ? { selfGrade: item.grades[0]?.grade } : { selfPoints: item.maxPoints };
    const saved = await page.request.put(`${api}/items/${item.code}`, {
      data: { version, note: `${item.title}：已落实。`, ...score },
      headers,
    });
    expect(saved.status(), item.code).toBe(200);
    version = ((await saved.json()) as { version: number }).version;
  }
}

/** Three people, some sixty items filled through the API and two uploads: longer than one page's default limit. */
const JOURNEY_TIMEOUT = 150_000;

describe.skipIf(skip)("a round from criteria to a submitted application", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it(
    "admin opens a round, the unit applies with evidence and submits, the city reviewer sees it complete",
    async () => {
      if (!PHOTO_ITEM || !GRADED_ITEM) throw new Error("the demo criteria system lacks the items this test needs");
      // 1. The tenant admin creates a round from the demo criteria system and opens it.
      const admin = await openSession(browser);
      let page = admin.page;
      await signIn(page, "admin@sichuan.demo");
      await page.waitForURL("**/t/sichuan");
      await page.getByTestId("nav-rounds").click();
      await page.getByTestId("round-new").click();
      await page.getByTestId("round-title").fill(ROUND_TITLE);
      await page.getByTestId("round-criteria").click();
      await page.locator(`${OPEN_DROPDOWN} .ant-select-item-option[title="${DEMO_SYSTEM.name}"]`).click();
      await shot(page, "round-form");
      await page.getByTestId("round-submit").click();
      await page.waitForURL("**/t/sichuan/rounds/**");
      await expect.poll(() => page.getByTestId("round-phase").textContent(), POLL).toBe("筹备");
      await page.getByTestId("round-advance").click();
      await confirmIn(page, ".ant-modal", "进入下一阶段");
      await expect.poll(() => page.getByTestId("round-phase").textContent(), POLL).toBe("申报");
      const roundUrl = page.url();
      await shot(page, "round-admin");
      expect(admin.errors).toEqual([]);
      await admin.context.close();

      // 2. The unit publishes a program covering the round's year.
      const unit = await openSession(browser);
      page = unit.page;
      await signIn(page, "unit@sichuan.demo");
      await page.waitForURL("**/t/sichuan");
      await page.getByTestId("tab-programs").click();
      await page.getByTestId("program-import").click();
      await page.getByTestId("import-text").fill(PROGRAM_TEXT);
      await page.getByTestId("import-parse").click();
      await page.getByTestId("program-editor").waitFor();
      await page.getByTestId("import-save").click();
      await page.waitForURL("**/t/sichuan/programs/**");
      await page.getByTestId("program-publish").click();
      await confirmIn(page, ".ant-modal-confirm", "发布");
      await expect.poll(() => page.getByTestId("published-version").textContent(), POLL).toBe("第 1 版");

      // 3. It applies in the round and attaches a photo and a PDF to an item that asks for two files.
      await page.goto(roundUrl);
      await page.getByTestId("apply").click();
      await page.waitForURL("**/t/sichuan/applications/**");
      const applicationUrl = page.url();
      await openSection(page, sectionOf(PHOTO_ITEM.code));
      const first = page.getByTestId(`item-${PHOTO_ITEM.code}`);
      await first.locator('input[type="file"]').setInputFiles([
        { name: "现场照片.png", mimeType: "image/png", buffer: PNG },
        { name: "领导小组文件.pdf", mimeType: "application/pdf", buffer: PDF },
      ]);
      await expect.poll(() => first.getByTestId("evidence-file").count(), POLL).toBe(2);
      await first.getByRole("link", { name: "领导小组文件.pdf" }).waitFor();

      // 4. Submitting too early lists what each item lacks: all of the system's base items.
      await page.getByTestId("application-submit").click();
      await confirmIn(page, ".ant-modal-confirm", "提交申报");
      await page.getByTestId("missing-evidence").waitFor();
      expect(await page.getByTestId("missing-item").count()).toBe(BASE_ITEMS.length);
      await shot(page, "application-missing");

      // 5. Typing 60-odd items by hand proves nothing the two typed below do not: the rest go through the
      //    same API with the page's own session, then the two are filled in the browser and it submits.
      await fillThroughApi(
        page,
        applicationUrl,
        BASE_ITEMS.filter((i) => i !== PHOTO_ITEM && i !== GRADED_ITEM),
      );
      await page.reload();
      // Both are typed, in their two categories, then saved together with the page's one save.
      await openSection(page, sectionOf(PHOTO_ITEM.code));
      await first.getByTestId("item-points").fill(String(Math.min(PHOTO_ITEM.maxPoints, 1.5)));
      await first.getByTestId("item-note").fill("已成立以主要负责人为组长的创建工作领导小组。");
      await openSection(page, sectionOf(GRADED_ITEM.code));
      const second = page.getByTestId(`item-${GRADED_ITEM.code}`);
      await second.getByTestId("item-grade").click();
      await page.locator(`${OPEN_DROPDOWN} .ant-select-item-option`).first().click();
      await second.getByTestId("item-note").fill("每月组织学雷锋志愿服务活动。");
      await page.getByTestId("application-save").click();
      await second.getByTestId("item-gaps-none").waitFor();
      await openSection(page, sectionOf(PHOTO_ITEM.code));
      await first.getByTestId("item-gaps-none").waitFor();
      await page.getByTestId("application-submit").click();
      await confirmIn(page, ".ant-modal-confirm", "提交申报");
      await expect.poll(() => page.getByTestId("application-status").textContent(), POLL).toBe("已提交");
      await page.getByTestId("application-read-only").waitFor();
      expect(await page.getByTestId("application-save").count()).toBe(0);
      await shot(page, "application-submitted");
      // The early submission's 409 (evidence_incomplete) is logged by the browser; nothing else may be.
      expect(unit.errors.filter((e) => !e.includes("status of 409"))).toEqual([]);
      await unit.context.close();

      // 6. 德阳市's reviewer sees the application with full completeness.
      const reviewer = await openSession(browser);
      page = reviewer.page;
      await signIn(page, "deyang@sichuan.demo");
      await page.waitForURL("**/t/sichuan");
      await page.goto(roundUrl);
      const row = page.getByTestId("application-list").locator("tr", { hasText: UNIT_NAME });
      await row.waitFor();
      expect(await row.getByTestId("completeness-text").textContent()).toBe(
        `${BASE_ITEMS.length}/${BASE_ITEMS.length}`,
      );
      expect(await row.getByTestId("application-status").textContent()).toBe("已提交");
      await shot(page, "round-reviewer");
      expect(reviewer.errors).toEqual([]);
      await reviewer.context.close();
    },
    JOURNEY_TIMEOUT,
  );
});
