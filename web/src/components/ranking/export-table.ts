import { type ExportColumn, exportXlsx } from "../charts/export-xlsx.ts";
import { saveBlob } from "../save-blob.ts";

export type { ExportColumn };

/**
 * One CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180); a text starting with = + - @
 * gets a leading apostrophe, so a spreadsheet never runs it as a formula. Numbers stay numbers.
 */
function csvField(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A table as CSV text: a header row, then one line per row, CRLF-separated. */
export function csvText<T>(columns: ExportColumn<T>[], rows: readonly T[]): string {
  const lines = [
    columns.map((c) => csvField(c.header)),
    ...rows.map((row) => columns.map((c) => csvField(c.value(row)))),
  ];
  return `${lines.map((cells) => cells.join(",")).join("\r\n")}\r\n`;
}

/** Downloads a table as UTF-8 CSV with a BOM, so Excel on Chinese Windows reads the Chinese headers right. */
export function exportCsv<T>(fileName: string, columns: ExportColumn<T>[], rows: readonly T[]): void {
  saveBlob(new Blob(["\uFEFF", csvText(columns, rows)], { type: "text/csv;charset=utf-8" }), fileName);
}

export function exportTable<T>(
  format: "xlsx" | "csv",
  baseName: string,
  columns: ExportColumn<T>[],
  rows: T[],
): Promise<void> {
  if (format === "csv") {
    exportCsv(`${baseName}.csv`, columns, rows);
    return Promise.resolve();
  }
  return exportXlsx(`${baseName}.xlsx`, columns, rows);
}
