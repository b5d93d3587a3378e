// Bounds of an uploaded XLSX, checked before a sheet reader builds anything.
//
// read-excel-file sizes its work by cell addresses, not by what a sheet holds: it fills every gap before a
// <row r="…"> or <c r="…"> with empty rows and cells (and ignores <dimension ref>, which it calls advisory). So a
// 12 KB workbook whose last row is renumbered to r="1048576" makes it build a million rows (32 s in workerd), and a
// cell at column XFD pads every row to 16,384 cells. Here every worksheet's XML is scanned once for the row and
// cell references it actually has, against limits each import takes from its schema; the file is refused before
// the library sees it. Pure and synchronous (fflate's unzipSync): runs in workerd, in Node and in the browser.
import { unzipSync } from "fflate";

export interface SheetLimits {
  /** Highest row number (1-based, header included) and how many <row> elements a sheet may have. */
  rows: number;
  /** Highest column number (A = 1) a cell may have. */
  columns: number;
  /** What the workbook's XML parts may add up to unzipped (declared sizes, summed before inflating). */
  unpackedBytes: number;
}

/** Where a sheet first goes past its limits: the row or column number found there. */
export interface OutOfBounds {
  row: number;
  column: number;
}

export type WorkbookCheck =
  | { ok: true; parts: Record<string, Uint8Array> }
  | { ok: false; problem: "not_xlsx" }
  | { ok: false; problem: "too_large" }
  | { ok: false; problem: "out_of_bounds"; at: OutOfBounds };

/** "A" → 1, "Z" → 26, "AA" → 27; 0 for anything that is not a column. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) return 0;
    n = n * 26 + (code - 64);
    // Past any real sheet's last column (XFD = 16,384); stop before the number grows without bound.
    if (n > 1_000_000) return n;
  }
  return n;
}

const TAG = /<(?:[A-Za-z_][\w.-]*:)?(row|c)\b([^>]*)>/g;
const R_ATTRIBUTE = /\sr\s*=\s*(["'])([^"']*)\1/;
const CELL_REF = /^\$?([A-Za-z]{1,10})\$?(\d{1,12})$/;

/**
 * The first <row> or <c> of a worksheet's XML beyond the limits (by its r="…" address, or by how many <row>
 * elements come before it), or null when the whole sheet is within them. One linear pass over the text.
 */
export function sheetOutOfBounds(xml: string, limits: Pick<SheetLimits, "rows" | "columns">): OutOfBounds | null {
  let rowElements = 0;
  for (const match of xml.matchAll(TAG)) {
    const [, tag, attributes = ""] = match;
    const r = R_ATTRIBUTE.exec(attributes)?.[2];
    if (tag === "row") {
      rowElements += 1;
      const row = r === undefined ? rowElements : Number(r);
      if (rowElements > limits.rows || (Number.isFinite(row) && row > limits.rows)) {
        return { row: Math.max(rowElements, Number.isFinite(row) ? row : 0), column: 0 };
      }
    } else if (r !== undefined) {
      const cell = CELL_REF.exec(r.trim());
      if (!cell) continue; // A malformed address is the reader's to refuse.
      const column = columnNumber((cell[1] ?? "").toUpperCase());
      const row = Number(cell[2]);
      if (row > limits.rows || column > limits.columns) return { row, column };
    }
  }
  return null;
}

/**
 * The same bounds for a table already read (a CSV, whose reader stops after `limits.rows + 1` rows): the first
 * row past the row limit, or the first row with a non-empty cell past the column limit.
 */
export function sheetRowsOutOfBounds(
  rows: ReadonlyArray<ReadonlyArray<unknown>>,
  limits: Pick<SheetLimits, "rows" | "columns">,
): OutOfBounds | null {
  for (const [index, cells] of rows.entries()) {
    if (index + 1 > limits.rows) return { row: index + 1, column: 0 };
    if (cells.length <= limits.columns) continue;
    const last = cells.findLastIndex((cell) => cell !== null && cell !== undefined && String(cell).trim() !== "");
    if (last + 1 > limits.columns) return { row: index + 1, column: last + 1 };
  }
  return null;
}

/** Parts that hold a worksheet's cells, whatever the workbook's relationships call them. */
const SHEET_DATA = /<(?:[A-Za-z_][\w.-]*:)?sheetData\b/;

/** The XML parts a sheet reader reads (read-excel-file's own filter); images and the like stay packed. */
export const isXmlPart = (name: string) => name.endsWith(".xml") || name.endsWith(".xml.rels");

/**
 * Unzips a workbook's XML parts and checks every worksheet against the limits. Declared sizes are summed before
 * anything is inflated, so a zip bomb is refused, not unpacked (and fflate inflates each part into a buffer of its
 * declared size, so no part grows past what it declares).
 */
export function checkWorkbook(bytes: Uint8Array, limits: SheetLimits): WorkbookCheck {
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) return { ok: false, problem: "not_xlsx" };
  let unpacked = 0;
  let tooLarge = false;
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes, {
      filter: ({ name, originalSize }) => {
        if (tooLarge || !isXmlPart(name)) return false;
        unpacked += originalSize;
        tooLarge = unpacked > limits.unpackedBytes;
        return !tooLarge;
      },
    });
  } catch {
    // fflate's "invalid zip data", "unexpected EOF", "invalid block type"…: a damaged or truncated archive.
    return { ok: false, problem: "not_xlsx" };
  }
  if (tooLarge) return { ok: false, problem: "too_large" };
  const decoder = new TextDecoder();
  for (const data of Object.values(parts)) {
    const xml = decoder.decode(data);
    if (!SHEET_DATA.test(xml)) continue;
    const at = sheetOutOfBounds(xml, limits);
    if (at) return { ok: false, problem: "out_of_bounds", at };
  }
  return { ok: true, parts };
}

/** "第 1048576 行" / "第 16384 列" style text for where a sheet went past its limits, in both languages. */
export function outOfBoundsText(at: OutOfBounds, limits: Pick<SheetLimits, "rows" | "columns">) {
  const where =
    at.row > limits.rows
      ? { zh: `第 ${at.row} 行`, en: `row ${at.row}` }
      : { zh: `第 ${at.column} 列`, en: `column ${at.column}` };
  return {
    zh: `表格超出范围：${where.zh}超过上限（最多 ${limits.rows} 行、${limits.columns} 列）`,
    en: `the sheet goes past its limits at ${where.en} (at most ${limits.rows} rows and ${limits.columns} columns)`,
  };
}
