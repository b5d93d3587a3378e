import { type Paragraph, paragraphsOf } from "../../../../worker/domain/saved-report.ts";
import type {
  ParsedReportDocument,
  ReportContent,
  ReportFigure,
  ReportLink,
  ReportView,
  SaveReportBody,
} from "../../api/reports.ts";

/** The report being edited: what a save sends, less the application's version. */
export interface ReportDraft {
  content: ReportContent;
  figures: ReportFigure[];
  links: ReportLink[];
}

/** A fresh paragraph id (stable once made: links and figures refer to it). */
export function newParagraphId(prefix: string): string {
  return `${prefix}${crypto.randomUUID().replaceAll("-", "").slice(0, 8)}`;
}

/** The whole report's text, as counted and searched. */
function fullText(content: ReportContent): string {
  return [content.title, ...paragraphsOf(content).flatMap((p) => [p.heading, p.text])].join("\n");
}

/** The same count the Worker stores and the submit rule checks, over the same paragraphs. */
export {
  type Paragraph,
  paragraphsOf,
  savedReportLength as draftLength,
} from "../../../../worker/domain/saved-report.ts";

/** The placeholders (xx县, 20xx年) still in the text: flagged until the unit fills them. */
export function openPlaceholders(content: ReportContent, known: readonly string[]): string[] {
  const text = fullText(content);
  return [...new Set(known)].filter((p) => text.includes(p));
}

/** Builds the editor's draft from the importer's document: short ids in order, figures unconfirmed. */
export function fromParsed(doc: ParsedReportDocument): ReportDraft {
  const content: ReportContent = {
    title: doc.title.slice(0, 200),
    sections: doc.sections.map((s, i) => ({
      id: `s${i + 1}`,
      heading: s.heading.slice(0, 500),
      text: s.text,
      items: s.items.map((item, j) => ({ id: `s${i + 1}i${j + 1}`, title: item.title.slice(0, 500), text: item.text })),
    })),
  };
  const ids = new Set(paragraphsOf(content).map((p) => p.id));
  const figures = doc.figures.map((f, i): ReportFigure => {
    const place = f.item === null ? `s${f.section + 1}` : `s${f.section + 1}i${f.item + 1}`;
    return {
      id: `f${i + 1}`,
      paragraphId: ids.has(place) ? place : null,
      text: f.text.slice(0, 1000),
      label: f.label.slice(0, 60) || f.unit,
      value: f.value,
      unit: f.unit.slice(0, 10),
      confirmed: false,
    };
  });
  return { content, figures, links: [] };
}

export function fromView(report: NonNullable<ReportView["report"]>): ReportDraft {
  return { content: report.content, figures: report.figures, links: report.links };
}

export const emptyDraft = (): ReportDraft => ({
  content: { title: "", sections: [{ id: newParagraphId("s"), heading: "", text: "", items: [] }] },
  figures: [],
  links: [],
});

/**
 * What a save sends: links and figures follow the paragraphs still there (a removed paragraph's links go,
 * its figures stay without a paragraph).
 */
export function toBody(draft: ReportDraft, version: number): SaveReportBody {
  const ids = new Set(paragraphsOf(draft.content).map((p) => p.id));
  return {
    version,
    content: draft.content,
    figures: draft.figures.map((f) => (f.paragraphId && !ids.has(f.paragraphId) ? { ...f, paragraphId: null } : f)),
    links: draft.links.filter((l) => ids.has(l.paragraphId)),
  };
}

export const sameDraft = (a: ReportDraft, b: ReportDraft) => JSON.stringify(a) === JSON.stringify(b);

/** The item codes a paragraph links to. */
export const linksOf = (links: readonly ReportLink[], paragraphId: string) =>
  links.filter((l) => l.paragraphId === paragraphId).map((l) => l.itemCode);

/** Replaces one paragraph's links with `codes`, keeping the others' in place. */
export function withLinks(links: readonly ReportLink[], paragraphId: string, codes: readonly string[]): ReportLink[] {
  return [
    ...links.filter((l) => l.paragraphId !== paragraphId),
    ...[...new Set(codes)].map((itemCode) => ({ paragraphId, itemCode })),
  ];
}

/** Each criteria item's linked paragraphs, in reading order: what the scoring form shows beside the item. */
export function paragraphsByItem(content: ReportContent, links: readonly ReportLink[]): Map<string, Paragraph[]> {
  const byItem = new Map<string, Paragraph[]>();
  for (const p of paragraphsOf(content)) {
    for (const code of linksOf(links, p.id)) byItem.set(code, [...(byItem.get(code) ?? []), p]);
  }
  return byItem;
}
