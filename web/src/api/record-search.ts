import { RECORD_KINDS, type RecordKind } from "../../../worker/domain/record-rules.ts";

/** The record list's filters and page as they live in the URL (hand-validated: the route tree is in the first chunk). */
export interface RecordSearch {
  kind?: RecordKind;
  from?: string;
  to?: string;
  measure?: string;
  page?: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const isKind = (value: unknown): value is RecordSearch["kind"] =>
  typeof value === "string" && (RECORD_KINDS as readonly string[]).includes(value);

export function validateRecordSearch(raw: Record<string, unknown>): RecordSearch {
  const search: RecordSearch = {};
  if (isKind(raw.kind)) search.kind = raw.kind;
  if (typeof raw.from === "string" && DATE.test(raw.from)) search.from = raw.from;
  if (typeof raw.to === "string" && DATE.test(raw.to)) search.to = raw.to;
  if (typeof raw.measure === "string" && raw.measure.length > 0 && raw.measure.length <= 64)
    search.measure = raw.measure;
  const page = Number(raw.page);
  if (Number.isInteger(page) && page > 1 && page <= 100_000) search.page = page;
  return search;
}
