import { TITLE_LEVELS, type TitleLevel } from "../../../../worker/domain/vocabulary.ts";

/** The awarded-units list's filters, kept in the URL so a filtered list can be shared or embedded. */
export interface PublicAwardSearch {
  level?: TitleLevel;
  city?: string;
  sector?: string;
  term?: string;
  q?: string;
  status?: "all";
  page?: number;
}

const text = (value: unknown, max: number) =>
  typeof value === "string" && value.trim() !== "" && value.length <= max ? value.trim() : undefined;

export function validatePublicAwardSearch(raw: Record<string, unknown>): PublicAwardSearch {
  const page = Math.trunc(Number(raw.page));
  const term = text(raw.term, 9);
  return {
    level: TITLE_LEVELS.includes(raw.level as TitleLevel) ? (raw.level as TitleLevel) : undefined,
    city: text(raw.city, 64),
    sector: text(raw.sector, 64),
    term: term && /^\d{4}(-\d{4})?$/.test(term) ? term : undefined,
    q: text(raw.q, 40),
    status: raw.status === "all" ? "all" : undefined,
    page: page > 1 ? page : undefined,
  };
}
