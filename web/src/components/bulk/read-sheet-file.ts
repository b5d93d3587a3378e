import {
  checkWorkbook,
  type OutOfBounds,
  type SheetLimits,
  sheetRowsOutOfBounds,
} from "../../../../worker/domain/sheet-limits.ts";
import { readCsv } from "./csv.ts";
import type { Cell } from "./sheet.ts";

/** The most data rows one import sends (the API takes up to 1,000; a dry-run report of 500 is already long). */
export const MAX_IMPORT_ROWS = 500;

/** An import sheet is a few columns and at most MAX_IMPORT_ROWS rows: a file past this is not one. */
export const MAX_SHEET_FILE_BYTES = 2 * 1024 * 1024;

/**
 * How far a people or units sheet may reach before anything is built from it: twice the rows an import may send
 * (header included), so blank lines still fit, and 50 columns (the templates have 5–7).
 */
export const IMPORT_SHEET_LIMITS: SheetLimits = {
  rows: 2 * (1 + MAX_IMPORT_ROWS),
  columns: 50,
  unpackedBytes: 8 * 1024 * 1024,
};

/** Why a file was refused before it was read: the dialog names it. */
export type SheetFileProblem =
  | { kind: "too_large" }
  | { kind: "unreadable" }
  | { kind: "out_of_bounds"; at: OutOfBounds; limits: SheetLimits };

export class SheetFileError extends Error {
  readonly problem: SheetFileProblem;
  constructor(problem: SheetFileProblem) {
    super(problem.kind);
    this.problem = problem;
  }
}

const isCsv = (file: File) => /\.csv$/i.test(file.name) || file.type === "text/csv";

/**
 * An uploaded XLSX (read in the browser; the reader loads only when needed) or CSV, as a table of cells. Both are
 * bounded before anything is built: the file's size; an XLSX's unpacked size and every worksheet's row and cell
 * addresses (the reader would otherwise fill every gap up to the highest one); a CSV's rows (papaparse stops
 * there) and columns. Throws SheetFileError naming what is wrong.
 */
export async function readSheetFile(file: File, limits: SheetLimits = IMPORT_SHEET_LIMITS): Promise<Cell[][]> {
  if (file.size > MAX_SHEET_FILE_BYTES) throw new SheetFileError({ kind: "too_large" });
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (isCsv(file)) {
    const rows = readCsv(bytes, limits.rows + 1);
    const at = sheetRowsOutOfBounds(rows, limits);
    if (at) throw new SheetFileError({ kind: "out_of_bounds", at, limits });
    return rows;
  }
  const checked = checkWorkbook(bytes, limits);
  if (!checked.ok) {
    if (checked.problem === "out_of_bounds") {
      throw new SheetFileError({ kind: "out_of_bounds", at: checked.at, limits });
    }
    throw new SheetFileError({ kind: checked.problem === "too_large" ? "too_large" : "unreadable" });
  }
  const { readSheet } = await import("read-excel-file/browser");
  return readSheet(file);
}
