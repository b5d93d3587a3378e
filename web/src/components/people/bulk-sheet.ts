import type { BulkRow } from "../../api/people.ts";

/** The template's columns, by their Chinese header; English headers are accepted too. */
export const BULK_COLUMNS = [
  { key: "displayName", headers: ["姓名", "name", "displayname"] },
  { key: "email", headers: ["邮箱", "email", "e-mail"] },
  { key: "role", headers: ["角色", "role"] },
  { key: "scopeCode", headers: ["管辖范围代码", "scopecode", "scope code", "scope"] },
  { key: "department", headers: ["部门", "department"] },
] as const;

type ColumnKey = (typeof BULK_COLUMNS)[number]["key"];
const REQUIRED: ColumnKey[] = ["displayName", "email", "role", "scopeCode"];

export type Cell = string | number | boolean | Date | object | null | undefined;

export interface ParsedSheet {
  rows: BulkRow[];
  /** The sheet's own row number (header = 1) of each row sent, so the report can point at it. */
  sheetLines: number[];
  missing: string[];
}

function text(cell: Cell): string {
  if (cell === null || cell === undefined) return "";
  return String(cell).trim();
}

/** A table of cells (first row = headers) as the rows the bulk API takes; blank rows are left out. */
export function rowsFromSheet(sheet: Cell[][]): ParsedSheet {
  const [header = [], ...body] = sheet;
  const names = header.map((cell) => text(cell).toLowerCase());
  const index = new Map<ColumnKey, number>();
  for (const column of BULK_COLUMNS) {
    const at = names.findIndex((name) => (column.headers as readonly string[]).includes(name));
    if (at >= 0) index.set(column.key, at);
  }
  const missing = REQUIRED.filter((key) => !index.has(key)).map(
    (key) => BULK_COLUMNS.find((c) => c.key === key)?.headers[0] ?? key,
  );
  const rows: BulkRow[] = [];
  const sheetLines: number[] = [];
  if (missing.length > 0) return { rows, sheetLines, missing };
  const cell = (row: Cell[], key: ColumnKey) => {
    const at = index.get(key);
    return at === undefined ? "" : text(row[at]);
  };
  body.forEach((row, i) => {
    if (row.every((c) => text(c) === "")) return;
    const department = cell(row, "department");
    rows.push({
      displayName: cell(row, "displayName"),
      email: cell(row, "email"),
      role: cell(row, "role"),
      scopeCode: cell(row, "scopeCode"),
      ...(department ? { department } : {}),
    });
    sheetLines.push(i + 2);
  });
  return { rows, sheetLines, missing };
}
