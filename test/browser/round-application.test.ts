import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./browser.ts";
import { openSession, signIn, skip } from "./helpers.ts";

// Unique per run: the database is shared by every browser test file of a run.
const SUFFIX = Date.now().toString(36);
const SYSTEM_NAME = `测试测评体系${SUFFIX}`;
const ROUND_TITLE = `德阳市文明单位评选${SUFFIX}`;
const UNIT_NAME = "德阳市科学技术协会";
const YEAR = new Date().getFullYear();
const SHOTS = process.env.SCREENSHOT_DIR;

/** A two-item system: one points item that needs two files, one graded item. */
const SMALL_SYSTEM = {
  name: SYSTEM_NAME,
  version: 1,
  maxTotal: 10,
  categories: [
    {
      code: "T1",
      title: "组织与实践",
      items: [
        {
          code: "T1.1",
          title: "建立创建工作领导小组",
          maxPoints: 5,
          method: "material",
          guidance: "查阅文件",
          evidence: { minFiles: 2, maxNoteChars: 200 },
        },
        {
          code: "T1.2",
          title: "常态化开展志愿服务",
          maxPoints: 5,
          mode: "graded",
          grades: [
            { grade: "A", share: 1 },
            { grade: "B", share: 0.6 },
          ],
          method: "onsite",
          evidence: { minFiles: 0, maxNoteChars: 200 },
        },
      ],
    },
  ],
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

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);
const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

const OPEN_DROPDOWN = ".ant-select-dropdown:not(.ant-select-dropdown-hidden)";

/** Clicks a dialog's button (antd spaces out two-character labels: "发 布"). */
async function confirmIn(page: Page, dialog: string, okText: string): Promise<void> {
  const name = new RegExp(`^${[...okText].join("\\s*")}$`);
  await page.locator(`${dialog}:visible`).getByRole("button", { name }).click();
}

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

describe.skipIf(skip)("a round from criteria to a submitted application", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("admin opens a round, the unit applies with evidence and submits, the city reviewer sees it complete", async () => {
    // 1. The tenant admin imports a small criteria system (JSON) and creates a round from it.
    const admin = await openSession(browser);
    let page = admin.page;
    await signIn(page, "admin@sichuan.demo");
    await page.waitForURL("**/t/sichuan");
    await page.getByTestId("nav-criteria").click();
    await page.getByTestId("criteria-list").waitFor();
    await page.locator('input[type="file"][accept*="json"]').setInputFiles({
      name: "system.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(SMALL_SYSTEM)),
    });
    await page.getByTestId("criteria-tree").waitFor();
    expect(await page.getByTestId("criteria-name").textContent()).toBe(SYSTEM_NAME);
    await shot(page, "criteria-system");

    await page.getByTestId("nav-rounds").click();
    await page.getByTestId("round-new").click();
    await page.getByTestId("round-title").fill(ROUND_TITLE);
    await page.getByTestId("round-criteria").click();
    await page.locator(`${OPEN_DROPDOWN} .ant-select-item-option[title="${SYSTEM_NAME}"]`).click();
    await shot(page, "round-form");
    await page.getByTestId("round-submit").click();
    await page.waitForURL("**/t/sichuan/rounds/**");
    await expect.poll(() => page.getByTestId("round-phase").textContent()).toBe("筹备");
    await page.getByTestId("round-advance").click();
    await confirmIn(page, ".ant-modal", "进入下一阶段");
    await expect.poll(() => page.getByTestId("round-phase").textContent()).toBe("申报");
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
    await expect.poll(() => page.getByTestId("published-version").textContent()).toBe("第 1 版");

    // 3. It applies in the round and attaches a photo and a PDF to the first item.
    await page.goto(roundUrl);
    await page.getByTestId("apply").click();
    await page.waitForURL("**/t/sichuan/applications/**");
    const first = page.getByTestId("item-T1.1");
    await first.locator('input[type="file"]').setInputFiles([
      { name: "现场照片.png", mimeType: "image/png", buffer: PNG },
      { name: "领导小组文件.pdf", mimeType: "application/pdf", buffer: PDF },
    ]);
    await expect.poll(() => first.getByTestId("evidence-file").count()).toBe(2);
    await first.getByRole("link", { name: "领导小组文件.pdf" }).waitFor();

    // 4. Submitting too early lists what each item lacks.
    await page.getByTestId("application-submit").click();
    await confirmIn(page, ".ant-modal-confirm", "提交申报");
    await page.getByTestId("missing-evidence").waitFor();
    expect(await page.getByTestId("missing-item").count()).toBe(2);
    await shot(page, "application-missing");

    // 5. Fill both items, then submit.
    await first.getByTestId("item-points").fill("4.5");
    await first.getByTestId("item-note").fill("已成立以主要负责人为组长的创建工作领导小组。");
    await first.getByTestId("item-save").click();
    await first.getByTestId("item-gaps-none").waitFor();
    const second = page.getByTestId("item-T1.2");
    await second.getByTestId("item-grade").click();
    await page.locator(`${OPEN_DROPDOWN} .ant-select-item-option`).first().click();
    await second.getByTestId("item-note").fill("每月组织学雷锋志愿服务活动。");
    await second.getByTestId("item-save").click();
    await second.getByTestId("item-gaps-none").waitFor();
    await expect.poll(() => page.getByTestId("self-total").textContent()).toContain("9.5");
    await page.getByTestId("application-submit").click();
    await confirmIn(page, ".ant-modal-confirm", "提交申报");
    await expect.poll(() => page.getByTestId("application-status").textContent()).toBe("已提交");
    await page.getByTestId("application-read-only").waitFor();
    expect(await page.getByTestId("item-save").count()).toBe(0);
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
    expect(await row.getByTestId("completeness-text").textContent()).toBe("2/2");
    expect(await row.getByTestId("application-status").textContent()).toBe("已提交");
    await shot(page, "round-reviewer");
    expect(reviewer.errors).toEqual([]);
    await reviewer.context.close();
  });
});
