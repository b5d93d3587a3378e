import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCsv, readCsv, toCsv } from "../../web/src/components/bulk/csv.ts";
import { decodeSheetText } from "../../web/src/components/bulk/text-encoding.ts";
import { sheetRowsOutOfBounds } from "../../worker/domain/sheet-limits.ts";
import { encodeGb18030 } from "../fixtures/gb18030.ts";

// The fixtures were written by iconv from the same UTF-8 text (see EXPECTED):
//   iconv -f utf-8 -t gb18030 units.csv > units-gb18030.csv
//   iconv -f utf-8 -t utf-16le units.csv, with FF FE in front > units-utf16le.csv
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));

const EXPECTED = [
  ["单位名称", "统一社会信用代码", "所在地代码", "系统/行业", "单位类别", "联系人", "联系电话"],
  ["旌阳区文化馆", "12510600MB1234567A", "510603", "文化旅游", "事业单位", "张三", "0838-1234567"],
  ["罗江区档案馆（新馆）", "12510600MB76543217", "510604", "文化旅游", "事业单位", "李四, 王五", ""],
];

const utf8 = (text: string) => new TextEncoder().encode(text);

function utf16(text: string, endian: "le" | "be"): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, 0xfeff, endian === "le");
  for (let i = 0; i < text.length; i++) view.setUint16(2 + i * 2, text.charCodeAt(i), endian === "le");
  return bytes;
}

describe("decoding an uploaded sheet", () => {
  it("reads GB18030 (GBK) bytes as Excel on Chinese Windows writes them", () => {
    // 单位名称 in GB18030: B5A5 CEBB C3FB B3C6.
    const decoded = decodeSheetText(Uint8Array.of(0xb5, 0xa5, 0xce, 0xbb, 0xc3, 0xfb, 0xb3, 0xc6, 0x2c, 0x41));
    expect(decoded).toEqual({ text: "单位名称,A", encoding: "gb18030" });
  });

  it("reads UTF-8 with and without a BOM, and leaves the BOM out", () => {
    expect(decodeSheetText(utf8("\uFEFF单位名称"))).toEqual({ text: "单位名称", encoding: "utf-8" });
    expect(decodeSheetText(utf8("单位名称"))).toEqual({ text: "单位名称", encoding: "utf-8" });
    expect(decodeSheetText(utf8("name,code"))).toEqual({ text: "name,code", encoding: "utf-8" });
  });

  it("reads UTF-16 little- and big-endian by their BOM", () => {
    expect(decodeSheetText(utf16("单位名称\t联系人", "le"))).toEqual({
      text: "单位名称\t联系人",
      encoding: "utf-16le",
    });
    expect(decodeSheetText(utf16("单位名称", "be"))).toEqual({ text: "单位名称", encoding: "utf-16be" });
  });

  it("an empty file is empty UTF-8", () => {
    expect(decodeSheetText(new Uint8Array())).toEqual({ text: "", encoding: "utf-8" });
  });
});

describe("reading a CSV file's bytes", () => {
  it("a GB18030 file written by iconv", () => {
    expect(decodeSheetText(fixture("units-gb18030.csv")).encoding).toBe("gb18030");
    expect(readCsv(fixture("units-gb18030.csv"))).toEqual(EXPECTED);
  });

  it("a UTF-16LE file with its BOM", () => {
    expect(readCsv(fixture("units-utf16le.csv"))).toEqual(EXPECTED);
  });

  it("a UTF-8 file with a BOM, as the templates are written, and one without", () => {
    expect(readCsv(utf8(toCsv(EXPECTED)))).toEqual(EXPECTED);
    expect(readCsv(utf8(toCsv(EXPECTED).replace(/^\uFEFF/, "")))).toEqual(EXPECTED);
  });

  it("the tests' GB18030 encoder writes what iconv writes", () => {
    const text = new TextDecoder().decode(readFileSync(new URL("../fixtures/units-gb18030.csv", import.meta.url)));
    expect(text).not.toContain("单位"); // it is not UTF-8
    const csv = `${EXPECTED.map((row) => row.map((c) => (/[,（]/.test(c) ? `"${c}"` : c)).join(",")).join("\r\n")}\r\n`;
    expect(encodeGb18030(csv)).toEqual(fixture("units-gb18030.csv"));
  });
});

describe("parsing CSV text", () => {
  it("quoted fields, doubled quotes, line breaks in quotes; no empty row from the last line break", () => {
    expect(parseCsv('a,"b ""c""",d\r\n"1\n2",3,\r\n')).toEqual([
      ["a", 'b "c"', "d"],
      ["1\n2", "3", ""],
    ]);
  });

  it("keeps blank lines in the middle, so row numbers stay the sheet's, whatever the delimiter", () => {
    expect(parseCsv("h\n\nx\n")).toEqual([["h"], [""], ["x"]]);
    expect(parseCsv("a\tb\r\n\r\n\r\n1\t2\r\n")).toEqual([["a", "b"], [""], [""], ["1", "2"]]);
  });

  it("reads tab-separated text (Excel's Unicode text) and semicolon-separated CSV", () => {
    expect(parseCsv("单位名称\t联系人\r\n甲\t乙\r\n")).toEqual([
      ["单位名称", "联系人"],
      ["甲", "乙"],
    ]);
    expect(parseCsv("a;b\n1;2\n")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  it("stops after the rows asked for, and the bounds name the first row past them", () => {
    const big = Array.from({ length: 5000 }, (_, i) => `r${i},x`).join("\n");
    const rows = parseCsv(big, 11);
    expect(rows).toHaveLength(11);
    expect(sheetRowsOutOfBounds(rows, { rows: 10, columns: 5 })).toEqual({ row: 11, column: 0 });
    expect(sheetRowsOutOfBounds(rows.slice(0, 10), { rows: 10, columns: 5 })).toBe(null);
  });

  it("counts columns up to the last non-empty cell", () => {
    expect(sheetRowsOutOfBounds([["a", "b", "", "", ""]], { rows: 10, columns: 2 })).toBe(null);
    expect(sheetRowsOutOfBounds([["a"], ["a", "", "c"]], { rows: 10, columns: 2 })).toEqual({ row: 2, column: 3 });
  });
});
