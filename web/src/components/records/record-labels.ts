import type { MeasureChoice } from "./use-published-measures.ts";

/** Select options for measures, grouped by program when there are several. */
export function measureOptions(measures: MeasureChoice[]) {
  return measures.map((m) => ({ value: m.measureKey, label: m.title, title: `${m.programTitle} · ${m.title}` }));
}

export const isImage = (contentType: string) => contentType.startsWith("image/");

export const ATTACHMENT_ACCEPT = "image/png,image/jpeg,image/webp,application/pdf";
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const MAX_ATTACHMENTS = 10;
const ALLOWED = ATTACHMENT_ACCEPT.split(",");

export function attachmentProblem(file: File, maxBytes = MAX_ATTACHMENT_BYTES): "type" | "size" | null {
  if (!ALLOWED.includes(file.type)) return "type";
  return file.size > maxBytes ? "size" : null;
}
