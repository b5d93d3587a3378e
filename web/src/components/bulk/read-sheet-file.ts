import { parseCsv } from "./csv.ts";
import type { Cell } from "./sheet.ts";

/** An uploaded XLSX (read in the browser; the reader loads only when needed) or CSV, as a table of cells. */
export async function readSheetFile(file: File): Promise<Cell[][]> {
  if (/\.csv$/i.test(file.name) || file.type === "text/csv") return parseCsv(await file.text());
  const { readSheet } = await import("read-excel-file/browser");
  return readSheet(file);
}
