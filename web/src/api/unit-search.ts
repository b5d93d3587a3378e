/**
 * The unit list's filters and page as they live in the URL. Validation is hand-written on purpose:
 * the route tree sits in the first chunk, and a schema library would weigh on the public page.
 */
import { UNIT_STATUSES, type UnitStatus } from "../../../worker/domain/vocabulary.ts";

export { UNIT_STATUSES, type UnitStatus };

export interface UnitSearch {
  city?: string;
  sector?: string;
  kind?: string;
  status?: UnitStatus;
  q?: string;
  page?: number;
}

const ID_MAX = 64;
const Q_MAX = 100;

function idParam(value: unknown): string | undefined {
  if (typeof value !== "string" && typeof value !== "number") return undefined;
  const text = String(value).trim();
  return text.length > 0 && text.length <= ID_MAX ? text : undefined;
}

function isStatus(value: unknown): value is UnitStatus {
  return typeof value === "string" && (UNIT_STATUSES as readonly string[]).includes(value);
}

/** Drops anything malformed instead of failing: a hand-edited URL still opens the list. */
export function validateUnitSearch(raw: Record<string, unknown>): UnitSearch {
  const search: UnitSearch = {};
  const city = idParam(raw.city);
  const sector = idParam(raw.sector);
  const kind = idParam(raw.kind);
  if (city) search.city = city;
  if (sector) search.sector = sector;
  if (kind) search.kind = kind;
  if (isStatus(raw.status)) search.status = raw.status;
  if (typeof raw.q === "string" || typeof raw.q === "number") {
    const q = String(raw.q).trim().slice(0, Q_MAX);
    if (q) search.q = q;
  }
  const page = Number(raw.page);
  if (Number.isInteger(page) && page > 1 && page <= 100_000) search.page = page;
  return search;
}
