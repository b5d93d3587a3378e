import { type Cell, type ParsedSheet, rowsFromSheet } from "./bulk-sheet.ts";
import { parseCsv } from "./csv.ts";

/** An uploaded XLSX (read in the browser; the reader loads only when needed) or CSV, as bulk rows. */
export async function readPeopleFile(file: File): Promise<ParsedSheet> {
  if (/\.csv$/i.test(file.name) || file.type === "text/csv") {
    return rowsFromSheet(parseCsv(await file.text()));
  }
  const { readSheet } = await import("read-excel-file/browser");
  const sheet: Cell[][] = await readSheet(file);
  return rowsFromSheet(sheet);
}
