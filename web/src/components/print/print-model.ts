/**
 * A document to print and to export to Word, in one neutral shape: the print view renders it as HTML and the
 * .docx writer as Word, so paper and file never disagree. Built by pure functions (program, application, ranking).
 */
export interface PrintColumn {
  header: string;
  /** Share of the table's width, in percent; a row's shares add up to 100. */
  width: number;
  align?: "left" | "center";
}

export interface PrintTable {
  columns: PrintColumn[];
  /** Cells as text; a line break inside a cell starts a new line there. */
  rows: string[][];
}

export type PrintBlock =
  | { kind: "heading"; text: string }
  | { kind: "subheading"; text: string }
  /** `lead`: a bold phrase opening the paragraph (a measure's or a report item's title). */
  | { kind: "paragraph"; text: string; lead?: string }
  | { kind: "facts"; items: { label: string; value: string }[] }
  | { kind: "table"; table: PrintTable; empty: string };

export interface PrintDoc {
  title: string;
  subtitle: string | null;
  blocks: PrintBlock[];
  /** The Word file's name, with its .docx extension. */
  fileName: string;
}

/** Characters Windows refuses in a file name, replaced so a unit's or round's name always makes a valid one. */
export function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\r\n]+/g, "_").trim();
}
