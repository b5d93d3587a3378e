/** Rules of 台账 records that need no database: dates in Beijing time, field pairs, file types. */

export const RECORD_KINDS = ["study", "volunteer", "activity", "rule", "honour", "other"] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export const MEASURE_STATUSES = ["not_started", "in_progress", "done", "blocked"] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

/** A record's quantity counts hours (volunteer service) or things. */
export const QUANTITY_UNITS = ["hours", "count"] as const;
export type QuantityUnit = (typeof QUANTITY_UNITS)[number];

/** Nothing the product tracks predates this; earlier dates are typing mistakes. */
export const EARLIEST_RECORD_DATE = "2000-01-01";

/** Units work in China: "today" is the date in UTC+8 (no daylight saving there, so a fixed offset is exact). */
export function beijingToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function beijingYear(now: Date): number {
  return Number(beijingToday(now).slice(0, 4));
}

/** The twelve months ending with the current one, oldest first, as `YYYY-MM`. */
export function lastTwelveMonths(now: Date): string[] {
  const [year = 2000, month = 1] = beijingToday(now).split("-").map(Number);
  return Array.from({ length: 12 }, (_, i) => {
    const index = year * 12 + (month - 1) - (11 - i);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
  });
}

/** Why a record date is refused, or undefined when it is acceptable (ISO dates compare as strings). */
export function recordDateProblem(date: string, now: Date): string | undefined {
  if (date < EARLIEST_RECORD_DATE) return "日期不能早于 2000 年 / the date cannot be before 2000";
  if (date > beijingToday(now)) return "日期不能晚于今天 / the date cannot be in the future";
  return undefined;
}

export interface RecordPairs {
  quantity: number | null;
  quantityUnit: QuantityUnit | null;
  programId: string | null;
  measureKey: string | null;
}

/**
 * Fields that only make sense together: an amount needs its unit, a measure needs its program. Checked on
 * the merged record so a PATCH cannot leave half a pair behind.
 */
export function pairProblems(record: RecordPairs): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  if ((record.quantity === null) !== (record.quantityUnit === null)) {
    fields.quantityUnit = ["数量与单位须同时填写 / quantity and quantityUnit go together"];
  }
  if ((record.programId === null) !== (record.measureKey === null)) {
    fields.measureKey = ["关联措施须同时指定方案与措施 / programId and measureKey go together"];
  }
  return fields;
}

export const ATTACHMENT_TYPES = ["image/png", "image/jpeg", "image/webp", "application/pdf"] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/**
 * How a stored file is served. Images inline, so the SPA can show thumbnails with <img> (the sandbox CSP
 * and nosniff keep them inert); PDFs always as a download, because a browser's PDF viewer would run it
 * inside our origin.
 */
export function contentDisposition(contentType: string, name: string): string {
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  const mode = contentType.startsWith("image/") ? "inline" : "attachment";
  return `${mode}; filename*=UTF-8''${encoded}`;
}

/** A measure's 责任部室 from its stored JSON array; anything malformed reads as none rather than failing a page. */
export function departmentsOf(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((d): d is string => typeof d === "string") : [];
  } catch {
    return [];
  }
}

/** Counts for every status, zero where none was found, so charts keep a stable axis. */
export function statusCounts(rows: Array<{ status: string; count: number }>) {
  return MEASURE_STATUSES.map((status) => ({
    status,
    count: rows.reduce((n, r) => n + (r.status === status ? r.count : 0), 0),
  }));
}
