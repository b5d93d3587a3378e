import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import writeXlsxFile from "write-excel-file/node";
import { toCsv } from "../../web/src/components/bulk/csv.ts";
import { composeCreditCode } from "../../worker/domain/credit-code.ts";
import { launchBrowser } from "./browser.ts";
import { openSession, signIn, skip, tableSettled } from "./helpers.ts";

/** The XLSX reader loads on first use, and a check is a round trip: give the page time. */
const POLL = { timeout: 15_000 };

/** Serials far above the demo seed's, different on every run so a re-run against the same data still works. */
const serial = () => 90_000_000 + Math.floor(Math.random() * 9_000_000);

async function upload(page: Page, name: string, mimeType: string, buffer: Buffer): Promise<void> {
  await page.locator(".ant-modal input[type=file]").setInputFiles({ name, mimeType, buffer });
}

/** How many of the tenant's units (in the signed-in reviewer's scope) have a name containing `text`. */
async function unitsNamed(page: Page, text: string): Promise<number> {
  const response = await page.request.get(`/api/t/sichuan/units?q=${encodeURIComponent(text)}`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { total: number }).total;
}

/** Outcome tag text of each report row, in sheet order. */
function outcomes(page: Page): Promise<string[]> {
  return page.getByTestId("bulk-report").locator(".ant-table-tbody tr.ant-table-row td:nth-child(3)").allInnerTexts();
}

describe.skipIf(skip)("bulk import from a spreadsheet", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("a city reviewer imports units from CSV: a dry run names each refused row, then only the valid ones are created", async () => {
    const { page, context, errors } = await openSession(browser);
    const tag = Date.now().toString(36);
    const good = [`旌阳区示范图书馆${tag}`, `罗江区示范档案馆${tag}`];
    const goodCode = composeCreditCode("12", "510603", serial());
    const csv = toCsv([
      ["单位名称", "统一社会信用代码", "所在地代码", "系统/行业", "单位类别", "联系人", "联系电话"],
      [good[0] ?? "", goodCode, "510603", "文化旅游", "事业单位", "张三", "0838-2345678"],
      [`错误代码单位${tag}`, "12510600MB1234567B", "510603", "文化旅游", "事业单位", "", ""],
      [good[1] ?? "", composeCreditCode("12", "510604", serial()), "510604", "文化旅游", "事业单位", "", ""],
      [`成都某单位${tag}`, composeCreditCode("12", "510104", serial()), "510104", "文化旅游", "事业单位", "", ""],
      [`同码单位${tag}`, goodCode, "510603", "不存在的行业", "事业单位", "", ""],
    ]);

    await signIn(page, "deyang@sichuan.demo");
    await page.waitForURL("**/t/sichuan");
    await tableSettled(page);
    await page.getByTestId("bulk-units").click();
    await upload(page, "units.csv", "text/csv", Buffer.from(csv));

    await expect.poll(() => page.getByTestId("bulk-summary").textContent(), POLL).toContain("2 行可导入，3 行有问题");
    expect(await outcomes(page)).toEqual(["可导入", "不导入", "可导入", "不导入", "不导入"]);
    const report = await page.getByTestId("bulk-report").textContent();
    expect(report ?? "").toContain("统一社会信用代码无效");
    expect(report ?? "").toContain("所在地代码不在管辖范围内：510104");
    expect(report ?? "").toContain("表内信用代码重复");
    expect(report ?? "").toContain("系统/行业无法识别：不存在的行业");

    // Nothing exists until the reviewer confirms.
    expect(await unitsNamed(page, tag)).toBe(0);

    await page.getByTestId("bulk-confirm").click();
    await expect
      .poll(() => page.getByTestId("bulk-summary").textContent(), POLL)
      .toContain("已创建 2 家单位，3 行未导入");
    expect(await outcomes(page)).toEqual(["已创建", "不导入", "已创建", "不导入", "不导入"]);
    expect(await unitsNamed(page, tag)).toBe(2);
    await page.locator(".ant-modal-footer button").click();

    // The list shows the new units, active.
    await page.getByTestId("filter-q").locator("input").fill(tag);
    await page.getByTestId("filter-q").locator("input").press("Enter");
    await expect
      .poll(() => page.locator(".ant-table-tbody tr.ant-table-row td:nth-child(1)").allInnerTexts(), POLL)
      .toEqual(good);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a sheet without the required columns is refused before anything is sent", async () => {
    const { page, context } = await openSession(browser);
    await signIn(page, "admin@sichuan.demo");
    await page.waitForURL("**/t/sichuan");
    await page.getByTestId("bulk-units").click();
    await upload(
      page,
      "units.csv",
      "text/csv",
      Buffer.from(
        toCsv([
          ["单位名称", "联系人"],
          ["某单位", "张三"],
        ]),
      ),
    );
    await page.getByText("缺少列：统一社会信用代码、所在地代码、系统/行业、单位类别").waitFor();
    expect(await page.getByTestId("bulk-confirm").isDisabled()).toBe(true);
    await context.close();
  });

  it("a tenant admin imports people from XLSX and gets each new person's activation link", async () => {
    const { page, context, errors } = await openSession(browser);
    const tag = Date.now().toString(36);
    const sheet = [
      ["姓名", "邮箱", "角色", "管辖范围代码", "部门"],
      ["赵审核", `zhao-${tag}@example.com`, "审核员", "510600", ""],
      ["钱部门", `qian-${tag}@example.com`, "部门账号", "510000", ""],
    ].map((row) => row.map((value) => ({ value })));
    const xlsx = await writeXlsxFile(sheet).toBuffer();

    await signIn(page, "admin@sichuan.demo");
    await page.waitForURL("**/t/sichuan");
    await page.goto("/t/sichuan/people");
    await page.getByTestId("bulk-import").click();
    await upload(page, "people.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx);

    await expect.poll(() => page.getByTestId("bulk-summary").textContent(), POLL).toContain("1 行可导入，1 行有问题");
    await page.getByTestId("bulk-confirm").click();
    await expect.poll(() => page.getByTestId("bulk-summary").textContent(), POLL).toContain("已创建 1 人");
    const report = await page.getByTestId("bulk-report").textContent();
    expect(report ?? "").toContain(`zhao-${tag}@example.com`);
    expect(report ?? "").toMatch(/\/activate#/);
    expect(errors).toEqual([]);
    await context.close();
  });
});
