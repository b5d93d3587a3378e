import { existsSync, readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeCreditCode } from "../../worker/domain/credit-code.ts";
import { launchBrowser } from "./browser.ts";
import { openSession, signIn, skip } from "./helpers.ts";

// Unique per run: the database is shared by every browser test file of a run.
const SUFFIX = Date.now().toString(36);
const UNIT_NAME = `旌阳区文化馆${SUFFIX}`;
const STAFF_EMAIL = `staff-${SUFFIX}@jingyang.test`;
const PASSWORD = "Wenhua-Guan-Tide-2026";
const CREDIT_CODE = composeCreditCode("12", "510603", Math.floor(Math.random() * 90_000_000) + 10_000_000);
const RECORD_TITLE = `学雷锋志愿服务进社区${SUFFIX}`;

const SEED = "../shared/seeds/program-daye-kexie-2015-2016.txt";
const FALLBACK_TEXT = `旌阳区文化馆2026年度创建市级文明单位工作方案
一、指导思想
以社会主义核心价值观为引领，提升干部职工文明素质。
二、创建目标
争创市级文明单位。
三、工作措施
（一）开展道德讲堂。每季度组织一次。（责任部室：办公室）
（二）组织志愿服务。常态化开展学雷锋活动。（责任部室：群文部）
（三）加强公益宣传。利用网站和微信宣传。（责任部室：办公室）
（四）开展道德实践。利用传统节日开展活动。（责任部室：工会）
（五）支持文明城市创建。开展文明交通劝导。（责任部室：群文部）
（六）深化结对共建。与社区结对帮扶。（责任部室：办公室、群文部）
四、创建要求
加强领导，强化责任。`;

function programText(): string {
  if (existsSync(SEED)) return readFileSync(SEED, "utf8");
  if (process.env.CI === "true") throw new Error(`seed text absent: ${SEED}`);
  console.log("seed text absent");
  return FALLBACK_TEXT;
}

/** The open dropdown of an antd Select (a closing one stays in the DOM while it animates out). */
const OPEN_DROPDOWN = ".ant-select-dropdown:not(.ant-select-dropdown-hidden)";

async function pickOption(page: Page, testId: string, label: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.locator(`${OPEN_DROPDOWN} .ant-select-item-option[title="${label}"]`).click();
}

/** Opens a Select and takes its first option with the keyboard, as a hurried user would. */
async function pickFirstOption(page: Page, testId: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.locator(`${OPEN_DROPDOWN} .ant-select-item-option`).first().waitFor();
  await page.keyboard.press("Enter");
}

/** Confirms the open antd confirmation dialog (antd spaces out two-character labels: "发 布"). */
async function confirmDialog(page: Page, okText: string): Promise<void> {
  const name = new RegExp(`^${[...okText].join("\\s*")}$`);
  await page.locator(".ant-modal-confirm:visible").getByRole("button", { name }).click();
}

describe.skipIf(skip)("a new unit's journey", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("registers, is approved by its city reviewer, imports and publishes its program and logs a record", async () => {
    // 1. From the public list to 四川省文明办's registration form.
    const staff = await openSession(browser);
    let page = staff.page;
    await page.goto("/");
    await page.getByTestId("register-sichuan").click();
    await page.getByTestId("register-title").waitFor();
    expect(await page.getByTestId("register-title").textContent()).toContain("四川省文明办");

    await page.getByTestId("register-name").fill(UNIT_NAME);
    await page.getByTestId("register-credit-code").fill(CREDIT_CODE);
    await page.getByTestId("register-place").click();
    await page.locator('.ant-cascader-dropdown:visible .ant-cascader-menu:nth-child(1) [title="德阳市"]').click();
    await page.locator('.ant-cascader-dropdown:visible .ant-cascader-menu:nth-child(2) [title="旌阳区"]').click();
    await page.keyboard.press("Escape");
    await pickFirstOption(page, "register-sector");
    await pickFirstOption(page, "register-kind");
    await page.getByTestId("register-contact-name").fill("王馆长");
    await page.getByTestId("register-contact-phone").fill("0838-2222333");
    await page.getByTestId("register-email").fill(STAFF_EMAIL);
    await page.getByTestId("register-display-name").fill("王馆长");
    await page.getByTestId("register-password").fill(PASSWORD);
    await page.getByTestId("register-confirm").fill(PASSWORD);
    await page.getByTestId("register-submit").click();

    // 2. Signed in at once, pending.
    await page.waitForURL("**/t/sichuan");
    await page.getByTestId("unit-pending").waitFor();
    expect(await page.getByTestId("unit-name").textContent()).toBe(UNIT_NAME);
    expect(await page.getByTestId("unit-status").textContent()).toBe("待审核");
    expect(await page.getByTestId("tab-programs").count()).toBe(0);
    await page.getByTestId("sign-out").click();
    await page.waitForURL((url) => !url.pathname.startsWith("/t/"));
    expect(staff.errors).toEqual([]);
    await staff.context.close();

    // 3. 德阳市's reviewer finds the pending unit and approves it.
    const reviewer = await openSession(browser);
    await signIn(reviewer.page, "deyang@sichuan.demo");
    await reviewer.page.waitForURL("**/t/sichuan");
    await reviewer.page.getByTestId("preset-pending").click();
    await reviewer.page.getByTestId("filter-q").locator("input").fill(UNIT_NAME);
    await reviewer.page.keyboard.press("Enter");
    await reviewer.page.getByTestId("unit-table").getByRole("link", { name: UNIT_NAME }).click();
    await reviewer.page.getByTestId("unit-approve").click();
    await confirmDialog(reviewer.page, "审核通过");
    await expect
      .poll(() => reviewer.page.getByTestId("unit-profile").getByTestId("unit-status").textContent())
      .toBe("正常");
    expect(reviewer.errors).toEqual([]);
    await reviewer.context.close();

    // 4. The staff member imports the program text and reviews the draft.
    const again = await openSession(browser);
    page = again.page;
    await signIn(page, STAFF_EMAIL, PASSWORD);
    await page.waitForURL("**/t/sichuan");
    await page.getByTestId("tab-programs").click();
    await page.getByTestId("program-import").click();
    await page.getByTestId("import-text").fill(programText());
    await page.getByTestId("import-parse").click();
    await page.getByTestId("program-editor").waitFor();
    expect(await page.getByTestId("measure-editor").count()).toBe(6);
    await page.getByTestId("import-save").click();
    await page.waitForURL("**/t/sichuan/programs/**");

    // 5. Fix one measure, save, publish (the editor page, not the import page it replaces).
    await page.getByTestId("program-save").waitFor();
    const first = page.getByTestId("measure-editor").first();
    await first.getByTestId("measure-progress").fill("30");
    await page.getByTestId("program-save").click();
    await page.getByText("草稿已保存").waitFor();
    await page.getByTestId("program-publish").click();
    await confirmDialog(page, "发布");
    await expect.poll(() => page.getByTestId("published-version").textContent()).toBe("第 1 版");
    await page.getByTestId("version-list").getByText("第 1 版").waitFor();

    // 6. Log a volunteer record linked to a measure; it shows in the list.
    await page.getByTestId("tab-records").click();
    await page.getByTestId("record-new").click();
    await page.getByTestId("record-title").fill(RECORD_TITLE);
    await pickOption(page, "record-kind", "志愿服务");
    await page.getByTestId("record-people").fill("12");
    await page.getByTestId("record-quantity").fill("3");
    await pickFirstOption(page, "record-measure");
    await page.getByTestId("record-submit").click();
    const row = page.getByTestId("record-table").locator("tr", { hasText: RECORD_TITLE });
    await row.waitFor();
    expect(await row.textContent()).toContain("志愿服务");
    expect(again.errors).toEqual([]);
    await again.context.close();
  });
});
