import Papa from "papaparse";
import { decodeSheetText } from "./text-encoding.ts";

/**
 * A CSV (or tab-separated "Unicode text") sheet as rows of cells, read by papaparse: quoted fields, doubled
 * quotes, CRLF, LF or CR, the delimiter guessed among comma, tab and semicolon; a leading BOM is dropped, blank
 * lines stay (so rows keep the sheet's numbers) and the final line break makes no empty row. `maxRows` stops
 * reading after that many rows (the rest is never parsed).
 */
export function parseCsv(source: string, maxRows = 0): string[][] {
  const input = source.replace(/^\uFEFF/, "").replace(/(\r\n|\n|\r)$/, "");
  if (input === "") return [];
  // papaparse guesses over its first rows, where a blank line would read as a row of one field: guess without them.
  const { delimiter } = Papa.parse<string[]>(input, {
    delimitersToGuess: [",", "\t", ";"],
    preview: 10,
    skipEmptyLines: "greedy",
  }).meta;
  return Papa.parse<string[]>(input, { delimiter, preview: maxRows, skipEmptyLines: false }).data;
}

/** An uploaded CSV's bytes as rows: UTF-8 (with or without BOM), UTF-16 with BOM or GB18030, see text-encoding. */
export function readCsv(bytes: ArrayBuffer | Uint8Array, maxRows = 0): string[][] {
  return parseCsv(decodeSheetText(bytes).text, maxRows);
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function toCsv(rows: string[][]): string {
  return `\uFEFF${rows.map((row) => row.map(quote).join(",")).join("\r\n")}\r\n`;
}

/** A sheet as a data: URL for a download link (CSV with a BOM, so Excel reads Chinese headers right). */
export function csvHref(rows: string[][]): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(toCsv(rows))}`;
}
