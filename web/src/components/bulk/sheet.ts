/** A spreadsheet cell as the XLSX reader hands it over (CSV cells are strings). */
export type Cell = string | number | boolean | Date | object | null | undefined;

/** One column of an import template, found by any of its headers (Chinese first; matched case-insensitively). */
export interface SheetColumn<K extends string> {
  key: K;
  headers: readonly string[];
  required?: boolean;
}

/** How one kind of import reads a sheet: its columns and how a row of their texts becomes an API row. */
export interface SheetSpec<K extends string, Row> {
  columns: readonly SheetColumn<K>[];
  toRow: (cell: (key: K) => string) => Row;
}

export interface ParsedSheet<Row> {
  rows: Row[];
  /** The sheet's own row number (header = 1) of each row sent, so the report can point at it. */
  sheetLines: number[];
  /** First header of each required column the sheet lacks. */
  missing: string[];
}

function text(cell: Cell): string {
  if (cell === null || cell === undefined) return "";
  return String(cell).trim();
}

/** A table of cells (first row = headers) as the rows a bulk API takes; blank rows are left out. */
export function rowsFromSheet<K extends string, Row>(sheet: Cell[][], spec: SheetSpec<K, Row>): ParsedSheet<Row> {
  const [header = [], ...body] = sheet;
  const names = header.map((cell) => text(cell).toLowerCase());
  const index = new Map<K, number>();
  for (const column of spec.columns) {
    const headers = new Set(column.headers.map((h) => h.toLowerCase()));
    const at = names.findIndex((name) => headers.has(name));
    if (at >= 0) index.set(column.key, at);
  }
  const missing = spec.columns.filter((c) => c.required && !index.has(c.key)).map((c) => c.headers[0] ?? c.key);
  const rows: Row[] = [];
  const sheetLines: number[] = [];
  if (missing.length > 0) return { rows, sheetLines, missing };
  body.forEach((row, i) => {
    if (row.every((c) => text(c) === "")) return;
    rows.push(
      spec.toRow((key) => {
        const at = index.get(key);
        return at === undefined ? "" : text(row[at]);
      }),
    );
    sheetLines.push(i + 2);
  });
  return { rows, sheetLines, missing };
}
