import { describe, expect, it } from "vitest";
import { csvHref, parseCsv, toCsv } from "../../web/src/components/bulk/csv.ts";
import { rowsFromSheet } from "../../web/src/components/bulk/sheet.ts";
import { PEOPLE_SHEET, PEOPLE_TEMPLATE } from "../../web/src/components/people/people-sheet.ts";
import { UNIT_SHEET, unitTemplate } from "../../web/src/components/units/unit-sheet.ts";
import { isValidCreditCode } from "../../worker/domain/credit-code.ts";

describe("reading a bulk sheet", () => {
  it("maps Chinese headers in any order to API rows and numbers each row as the sheet does", () => {
    const sheet = [
      ["所在地代码", "单位名称", "单位类别", "统一社会信用代码", "系统/行业", "联系电话"],
      ["510603", "德阳市图书馆", "事业单位", "12510600MB1234567A", "文化", "0838-1234567"],
      ["", "", "", "", "", ""],
      ["510604", "罗江区档案馆", "事业单位", "12510600MB76543217", "文化", ""],
    ];
    const parsed = rowsFromSheet(sheet, UNIT_SHEET);
    expect(parsed.missing).toEqual([]);
    expect(parsed.sheetLines).toEqual([2, 4]);
    expect(parsed.rows).toEqual([
      {
        name: "德阳市图书馆",
        creditCode: "12510600MB1234567A",
        jurisdictionCode: "510603",
        sector: "文化",
        kind: "事业单位",
        contactPhone: "0838-1234567",
      },
      {
        name: "罗江区档案馆",
        creditCode: "12510600MB76543217",
        jurisdictionCode: "510604",
        sector: "文化",
        kind: "事业单位",
      },
    ]);
  });

  it("accepts header variants and English headers, whatever their case", () => {
    const parsed = rowsFromSheet(
      [
        ["Name", "CREDIT CODE", "行政区划代码", "行业", "单位类型"],
        ["A", "B", "C", "D", "E"],
      ],
      UNIT_SHEET,
    );
    expect(parsed.rows).toEqual([{ name: "A", creditCode: "B", jurisdictionCode: "C", sector: "D", kind: "E" }]);
  });

  it("names every required column a sheet lacks and sends no rows", () => {
    const parsed = rowsFromSheet(
      [
        ["单位名称", "联系人"],
        ["某单位", "张三"],
      ],
      UNIT_SHEET,
    );
    expect(parsed.missing).toEqual(["统一社会信用代码", "所在地代码", "系统/行业", "单位类别"]);
    expect(parsed.rows).toEqual([]);
  });

  it("reads numbers and dates from XLSX cells as text, trimmed", () => {
    const parsed = rowsFromSheet(
      [
        ["姓名", "邮箱", "角色", "管辖范围代码"],
        [" 张三 ", "a@example.com", "审核员", 510600],
      ],
      PEOPLE_SHEET,
    );
    expect(parsed.rows).toEqual([{ displayName: "张三", email: "a@example.com", role: "审核员", scopeCode: "510600" }]);
  });

  it("an empty sheet has every required column missing", () => {
    expect(rowsFromSheet([], PEOPLE_SHEET).missing).toEqual(["姓名", "邮箱", "角色", "管辖范围代码"]);
  });
});

describe("templates", () => {
  it("the people template reads back as its own example rows", () => {
    const parsed = rowsFromSheet(parseCsv(toCsv(PEOPLE_TEMPLATE)), PEOPLE_SHEET);
    expect(parsed.missing).toEqual([]);
    expect(parsed.rows).toHaveLength(PEOPLE_TEMPLATE.length - 1);
  });

  it("the unit template uses the office's own names and credit codes that pass the check", () => {
    const template = unitTemplate({ placeCode: "510600", sectors: ["教育", "卫生健康"], kinds: ["机关", "事业单位"] });
    const parsed = rowsFromSheet(parseCsv(toCsv(template)), UNIT_SHEET);
    expect(parsed.missing).toEqual([]);
    expect(parsed.rows.map((r) => [r.jurisdictionCode, r.sector, r.kind])).toEqual([
      ["510600", "教育", "机关"],
      ["510600", "卫生健康", "事业单位"],
    ]);
    for (const row of parsed.rows) expect(isValidCreditCode(row.creditCode)).toBe(true);
  });

  it("a template link is a CSV data URL with a BOM, quoting what needs it", () => {
    const href = csvHref([["a,b", 'say "hi"']]);
    const body = decodeURIComponent(href.slice("data:text/csv;charset=utf-8,".length));
    expect(body).toBe('\uFEFF"a,b","say ""hi"""\r\n');
    expect(parseCsv(body)).toEqual([["a,b", 'say "hi"']]);
  });
});
