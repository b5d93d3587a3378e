/**
 * The report importer: pasted text (from Word, old web pages, converted files) → one structured draft per
 * report it holds, with what cleaning removed and changed shown, never silent.
 *
 * - Lines are cleaned one by one (convert.ts): pinyin annotations stripped, traditional converted, half-width
 *   punctuation inside Chinese text made full-width. Every kept line that changed is listed with before/after.
 * - Web chrome is dropped by explicit patterns (clean.ts), each listed with its reason; `keep` restores lines.
 * - The kept lines are split into documents at `篇1` `篇2` … markers (split.ts), and each document's body goes
 *   through the program parser's outline: nothing is lost, every kept line lands in one field, in order.
 * - Each document lists its figures (figures.ts) with the section and item they were found in, and its
 *   anonymised placeholders (placeholders.ts).
 */
import { looksLikeTitle, nonBlankLines, type OutlineSection, outlineLines } from "../program-parser.ts";
import type { RemovedLineReason } from "../vocabulary.ts";
import { chromeReasons } from "./clean.ts";
import { cleanLine } from "./convert.ts";
import { type FigureDraft, findFigures } from "./figures.ts";
import { placeholdersIn } from "./placeholders.ts";
import { splitDocuments } from "./split.ts";

export interface ReportFigureFound extends FigureDraft {
  /** Where it was found: the index of the section in its document, and of the item in that section (or null). */
  section: number;
  item: number | null;
}

export interface ParsedReportDocument {
  title: string;
  sections: OutlineSection[];
  figures: ReportFigureFound[];
  placeholders: string[];
}

export interface ParsedReportText {
  documents: ParsedReportDocument[];
  removedLines: string[];
  converted: { traditional: number; pinyin: number };
  removed: { line: string; reason: RemovedLineReason }[];
  changes: { before: string; after: string }[];
}

function figuresOf(sections: readonly OutlineSection[]): ReportFigureFound[] {
  return sections.flatMap((section, s) => [
    ...findFigures(`${section.heading}\n${section.text}`).map((f) => ({ ...f, section: s, item: null })),
    ...section.items.flatMap((item, i) =>
      findFigures(`${item.title}\n${item.text}`).map((f) => ({ ...f, section: s, item: i })),
    ),
  ]);
}

function documentOf(marker: string | null, lines: readonly string[]): ParsedReportDocument {
  // A marker is the title; otherwise the first line when it reads like one.
  const first = lines[0];
  const title = marker ?? (first !== undefined && looksLikeTitle(first) ? first : "");
  const sections = outlineLines(marker === null && title ? lines.slice(1) : lines);
  return {
    title,
    sections,
    figures: figuresOf(sections),
    placeholders: placeholdersIn([title, ...lines].join("\n")),
  };
}

export function parseReportText(text: string, keep: readonly string[] = []): ParsedReportText {
  const lines = nonBlankLines(text).map((pasted) => ({ pasted, ...cleanLine(pasted) }));
  const reasons = chromeReasons(
    lines.map((line) => line.text),
    lines.map((line) => line.pasted),
    new Set(keep.map((line) => line.trim())),
  );

  const kept: string[] = [];
  const removed: ParsedReportText["removed"] = [];
  const changes: ParsedReportText["changes"] = [];
  const converted = { traditional: 0, pinyin: 0 };
  for (const [i, line] of lines.entries()) {
    const reason = reasons[i] ?? null;
    if (reason !== null) {
      removed.push({ line: line.pasted, reason });
      continue;
    }
    kept.push(line.text);
    converted.traditional += line.traditional;
    converted.pinyin += line.pinyin;
    if (line.text !== line.pasted) changes.push({ before: line.pasted, after: line.text });
  }

  return {
    documents: splitDocuments(kept).map((doc) => documentOf(doc.marker, doc.lines)),
    removedLines: removed.map((r) => r.line),
    converted,
    removed,
    changes,
  };
}
