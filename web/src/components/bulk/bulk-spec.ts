import type { QueryKey } from "@tanstack/react-query";
import type { ReactNode } from "react";
import type { SheetSpec } from "./sheet.ts";

/** One row of a bulk API's report: what happened to the sheet row it numbers. */
export interface BulkLine {
  row: number;
  outcome: "created" | "valid" | "refused";
  reasons: string[];
  activationLink?: string | null;
}

export interface BulkResult<Line extends BulkLine> {
  created: number;
  refused: number;
  dryRun: boolean;
  rows: Line[];
}

/** Everything one kind of spreadsheet import needs besides the shared dialog: texts, columns, API, report. */
export interface BulkImportSpec<K extends string, Row, Line extends BulkLine> {
  title: string;
  intro: string;
  template: { rows: string[][]; fileName: string };
  sheet: SheetSpec<K, Row>;
  submit: (rows: Row[], dryRun: boolean) => Promise<BulkResult<Line>>;
  /** Queries showing what the import creates, refreshed once it has. */
  invalidate: QueryKey;
  subject: { title: string; render: (line: Line) => ReactNode };
  confirm: (count: number) => string;
  doneSummary: (created: number, refused: number) => string;
  doneHint?: string;
}
