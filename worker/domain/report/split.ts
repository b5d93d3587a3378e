/**
 * A paste that holds several reports (`…汇报材料 篇1` … `篇2` … `篇3`) split into documents. A marker line is a
 * short line ending in `篇N` (or starting `第N篇`), numbered 1, 2, 3… in order; it becomes its document's title.
 * Lines before the first marker, if any, form a document of their own: nothing is dropped here.
 */
import { chineseNumeralValue } from "../program-parser.ts";

export interface DocumentLines {
  /** The marker line, or null where the document has none (a single report, or text before the first marker). */
  marker: string | null;
  lines: string[];
}

const MARKER_LENGTH = 80;
const NUMERAL = "([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})";
const MARKER = [new RegExp(`篇\\s*${NUMERAL}\\s*$`), new RegExp(`^第\\s*${NUMERAL}\\s*篇`)];

function markerNumber(line: string): number | null {
  if (line.length > MARKER_LENGTH) return null;
  for (const pattern of MARKER) {
    const numeral = pattern.exec(line)?.[1];
    if (numeral === undefined) continue;
    const digits = numeral.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10));
    return /^\d+$/.test(digits) ? Number(digits) : chineseNumeralValue(numeral);
  }
  return null;
}

export function splitDocuments(lines: readonly string[]): DocumentLines[] {
  const documents: DocumentLines[] = [];
  let current: DocumentLines | null = null;
  let expected = 1;
  for (const line of lines) {
    if (markerNumber(line) === expected) {
      expected++;
      current = { marker: line, lines: [] };
      documents.push(current);
      continue;
    }
    if (current === null) {
      current = { marker: null, lines: [] };
      documents.push(current);
    }
    current.lines.push(line);
  }
  return documents;
}
