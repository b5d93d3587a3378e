import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import writeXlsxFile from "write-excel-file/node";
import { composeCreditCode } from "../../worker/domain/credit-code.ts";
import { encodeGb18030 } from "../fixtures/gb18030.ts";
import { launchBrowser } from "./browser.ts";
import { openSession, signIn, skip, tableSettled } from "./helpers.ts";

// Sheets as offices save them: Excel on Chinese Windows writes "CSV" in GB18030, "CSV UTF-8" with a BOM and
// "Unicode text" in UTF-16LE. Each must show the right Chinese names in the dry-run report. And a workbook whose
// rows are renumbered past the sheet limits is refused in the browser before anything is read or sent.

const POLL = { timeout: 15_000 };
const serial = () => 90_000_000 + Math.floor(Math.random() * 9_000_000);
const HEADER = ["单位名称", "统一社会信用代码", "所在地代码", "系统/行业", "单位类别", "联系人"];

/** Two valid unit rows for 旌阳区 whose names end in `tag` (ASCII, so every encoding carries it alike). */
function unitRows(prefix: string, tag: string): string[][] {
  return [
    [`${prefix}图书馆${tag}`, composeCreditCode("12", "510603", serial()), "510603", "文化旅游", "事业单位", "张三"],
    [
      `${prefix}档案馆（新馆）${tag}`,
      composeCreditCode("12", "510603", serial()),
      "510603",
      "文化旅游",
      "事业单位",
      "李四",
    ],
  ];
}

const csvText = (rows: string[][], separator = ",") =>
  `${rows.map((row) => row.map((c) => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(separator)).join("\r\n")}\r\n`;

function utf16le(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
}

async function openUnitImport(page: Page): Promise<void> {
  await signIn(page, "deyang@sichuan.demo");
  await page.waitForURL("**/t/sichuan");
  await tableSettled(page);
  await page.getByTestId("bulk-units").click();
}

async function upload(page: Page, name: string, mimeType: string, buffer: Buffer): Promise<void> {
  await page.locator(".ant-modal input[type=file]").setInputFiles({ name, mimeType, buffer });
}

/** Subject (unit name) of each report row, in sheet order. */
function reportNames(page: Page): Promise<string[]> {
  return page.getByTestId("bulk-report").locator(".ant-table-tbody tr.ant-table-row td:nth-child(2)").allInnerTexts();
}

describe.skipIf(skip)("bulk import of sheets in the encodings offices save", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const { label, prefix, encode } of [
    {
      label: "GB18030 (Excel's CSV on Chinese Windows)",
      prefix: "旌阳区国标编码",
      encode: (rows: string[][]) => Buffer.from(encodeGb18030(csvText(rows))),
    },
    {
      label: "UTF-8 with a BOM (Excel's CSV UTF-8)",
      prefix: "旌阳区万国码",
      encode: (rows: string[][]) => Buffer.from(`\uFEFF${csvText(rows)}`, "utf8"),
    },
    {
      label: "UTF-16LE, tab-separated (Excel's Unicode text)",
      prefix: "旌阳区双字节",
      encode: (rows: string[][]) => utf16le(csvText(rows, "\t")),
    },
  ]) {
    it(`a CSV in ${label} shows the right Chinese names in the dry run`, async () => {
      const { page, context, errors } = await openSession(browser);
      const tag = Date.now().toString(36);
      const rows = unitRows(prefix, tag);
      await openUnitImport(page);
      await upload(page, "单位.csv", "text/csv", encode([HEADER, ...rows]));

      await expect.poll(() => page.getByTestId("bulk-summary").textContent(), POLL).toContain("2 行可导入，0 行有问题");
      expect(await reportNames(page)).toEqual(rows.map((row) => row[0]));
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it("a workbook whose rows are renumbered to 1048576 is refused in the browser, naming the row", async () => {
    const { page, context, errors } = await openSession(browser);
    const xlsx = await writeXlsxFile(
      [HEADER, ...unitRows("旌阳区超范围", "x")].map((r) => r.map((value) => ({ value }))),
    ).toBuffer();
    const parts = unzipSync(new Uint8Array(xlsx));
    const name = Object.keys(parts).find((part) => /^xl\/worksheets\/[^/]+\.xml$/.test(part)) ?? "";
    parts[name] = strToU8(
      strFromU8(parts[name] ?? new Uint8Array())
        .replace('<row r="3"', '<row r="1048576"')
        .replace(/(<c r="[A-Z]+)3"/g, '$11048576"'),
    );
    let requests = 0;
    page.on("request", (request) => {
      if (request.url().includes("/units/bulk")) requests += 1;
    });

    await openUnitImport(page);
    await upload(
      page,
      "units.xlsx",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      Buffer.from(zipSync(parts)),
    );
    await page.getByText("表格超出范围：第 1048576 行超过上限（最多 1002 行、50 列）").waitFor();
    expect(await page.getByTestId("bulk-confirm").isDisabled()).toBe(true);
    expect(requests).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
