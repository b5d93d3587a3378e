import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { demoCriteria } from "../../db/seed/criteria.ts";
import { CRITERIA_SHEET_LIMITS, criteriaFromXlsx, criteriaToXlsx } from "../../worker/domain/criteria-xlsx.ts";
import { checkWorkbook, columnNumber, sheetOutOfBounds } from "../../worker/domain/sheet-limits.ts";

const LIMITS = { rows: 100, columns: 10 };

/** A worksheet's XML with the given rows, each a list of cell addresses holding the number 1. */
const sheetXml = (rows: Array<{ r?: number; cells: string[] }>) =>
  `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData>${rows
    .map(
      (row) =>
        `<row${row.r === undefined ? "" : ` r="${row.r}"`}>${row.cells.map((c) => `<c r="${c}"><v>1</v></c>`).join("")}</row>`,
    )
    .join("")}</sheetData></worksheet>`;

/** The demo system's exported workbook with every sheet's last row moved to `row` (its cells along with it). */
async function lastRowMovedTo(row: number): Promise<Uint8Array> {
  const parts = unzipSync(await criteriaToXlsx(demoCriteria("sichuan")));
  for (const [name, data] of Object.entries(parts)) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(name)) continue;
    const xml = strFromU8(data);
    const rows = [...xml.matchAll(/<row r="(\d+)"/g)].map((m) => m[1]);
    const last = rows.at(-1);
    if (!last) continue;
    const at = xml.lastIndexOf(`<row r="${last}"`);
    const moved = xml
      .slice(at)
      .replace(/(<row r=")\d+"/, `$1${row}"`)
      .replace(/(<c r="[A-Z]+)\d+"/g, `$1${row}"`);
    parts[name] = strToU8(xml.slice(0, at) + moved);
  }
  return zipSync(parts);
}

describe("a sheet's reach", () => {
  it("numbers columns as Excel does", () => {
    expect([columnNumber("A"), columnNumber("Z"), columnNumber("AA"), columnNumber("XFD")]).toEqual([1, 26, 27, 16384]);
  });

  it("is within bounds when every row and cell is, whatever <dimension> claims", () => {
    expect(
      sheetOutOfBounds(
        sheetXml([
          { r: 1, cells: ["A1", "J1"] },
          { r: 100, cells: ["B100"] },
        ]),
        LIMITS,
      ),
    ).toBe(null);
  });

  it("names the first row, cell row or column past the limits", () => {
    expect(
      sheetOutOfBounds(
        sheetXml([
          { r: 1, cells: ["A1"] },
          { r: 1048576, cells: [] },
        ]),
        LIMITS,
      ),
    ).toEqual({
      row: 1048576,
      column: 0,
    });
    expect(sheetOutOfBounds(sheetXml([{ cells: ["A1"] }, { cells: ["C101"] }]), LIMITS)).toEqual({
      row: 101,
      column: 3,
    });
    expect(sheetOutOfBounds(sheetXml([{ r: 2, cells: ["XFD2"] }]), LIMITS)).toEqual({ row: 2, column: 16384 });
  });

  it("counts <row> elements without addresses against the row limit", () => {
    const rows = Array.from({ length: 101 }, () => ({ cells: [] as string[] }));
    expect(sheetOutOfBounds(sheetXml(rows), LIMITS)).toEqual({ row: 101, column: 0 });
  });

  it("reads prefixed elements and single-quoted addresses", () => {
    const xml = `<x:worksheet xmlns:x="m"><x:sheetData><x:row r='5'><x:c r='K5'><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
    expect(sheetOutOfBounds(xml, LIMITS)).toEqual({ row: 5, column: 11 });
  });

  it("checks every worksheet of a workbook, and nothing else", () => {
    const within = zipSync({
      "xl/worksheets/sheet1.xml": strToU8(sheetXml([{ r: 1, cells: ["A1"] }])),
      "xl/sharedStrings.xml": strToU8(`<sst><si><t>r="1048576"</t></si></sst>`),
    });
    expect(checkWorkbook(within, { ...LIMITS, unpackedBytes: 1_000_000 }).ok).toBe(true);
    const beyond = zipSync({
      "xl/worksheets/sheet1.xml": strToU8(sheetXml([{ r: 1, cells: ["A1"] }])),
      "xl/elsewhere.xml": strToU8(sheetXml([{ r: 500, cells: ["A500"] }])),
    });
    expect(checkWorkbook(beyond, { ...LIMITS, unpackedBytes: 1_000_000 })).toEqual({
      ok: false,
      problem: "out_of_bounds",
      at: { row: 500, column: 0 },
    });
  });
});

describe("a criteria workbook renumbered past the sheet limits", () => {
  it("the limits hold the largest system the schema allows", () => {
    expect(CRITERIA_SHEET_LIMITS.rows).toBeGreaterThanOrEqual(1 + 30 * 40 + 30 + 30);
    expect(CRITERIA_SHEET_LIMITS.columns).toBeGreaterThanOrEqual(12);
  });

  it("imports as exported while its rows stay within the limits", async () => {
    const { problems } = await criteriaFromXlsx(await lastRowMovedTo(CRITERIA_SHEET_LIMITS.rows));
    expect(problems).toEqual([]);
  });

  it("is refused with one problem naming the row, before any sheet is read", async () => {
    const { doc, problems } = await criteriaFromXlsx(await lastRowMovedTo(1048576));
    expect(doc).toBe(null);
    expect(problems).toEqual([
      {
        sheet: "",
        row: 0,
        message: `表格超出范围：第 1048576 行超过上限（最多 ${CRITERIA_SHEET_LIMITS.rows} 行、${CRITERIA_SHEET_LIMITS.columns} 列） / the sheet goes past its limits at row 1048576 (at most ${CRITERIA_SHEET_LIMITS.rows} rows and ${CRITERIA_SHEET_LIMITS.columns} columns)`,
      },
    ]);
  });

  it("refuses a cell past the column limit", async () => {
    const parts = unzipSync(await criteriaToXlsx(demoCriteria("sichuan")));
    const name = "xl/worksheets/sheet1.xml";
    const xml = strFromU8(parts[name] ?? new Uint8Array());
    parts[name] = strToU8(xml.replace("</row>", `<c r="XFD1" t="inlineStr"><is><t>备注</t></is></c></row>`));
    const { problems } = await criteriaFromXlsx(zipSync(parts));
    expect(problems.map((p) => p.message.split(" / ")[0])).toEqual([
      `表格超出范围：第 16384 列超过上限（最多 ${CRITERIA_SHEET_LIMITS.rows} 行、${CRITERIA_SHEET_LIMITS.columns} 列）`,
    ]);
  });
});
