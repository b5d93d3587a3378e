import type { Membership } from "../../api/queries.ts";
import type { RankingFilters } from "../../api/ranking.ts";

/**
 * The ranking page's tab, filters and page as they live in the URL. Hand-written like unit-search.ts: the route
 * tree sits in the first chunk, and a schema library would weigh on the public page.
 */
export const RANKING_TABS = ["ranking", "rollups", "consistency"] as const;
export type RankingTab = (typeof RANKING_TABS)[number];

export interface RankingSearch {
  tab?: RankingTab;
  city?: string;
  sector?: string;
  kind?: string;
  /** `city:<id>` or `sector:<id>`. */
  pool?: string;
  status?: string;
  page?: number;
}

function text(value: unknown, max: number): string | undefined {
  if (typeof value !== "string" && typeof value !== "number") return undefined;
  const s = String(value).trim();
  return s.length > 0 && s.length <= max ? s : undefined;
}

/** Drops anything malformed instead of failing: a hand-edited URL still opens the ranking. */
export function validateRankingSearch(raw: Record<string, unknown>): RankingSearch {
  const search: RankingSearch = {};
  if (typeof raw.tab === "string" && (RANKING_TABS as readonly string[]).includes(raw.tab) && raw.tab !== "ranking") {
    search.tab = raw.tab as RankingTab;
  }
  for (const key of ["city", "sector", "kind"] as const) {
    const id = text(raw[key], 64);
    if (id) search[key] = id;
  }
  const pool = text(raw.pool, 80);
  if (pool) search.pool = pool;
  const status = text(raw.status, 40);
  if (status) search.status = status;
  const page = Number(raw.page);
  if (Number.isInteger(page) && page > 1 && page <= 100_000) search.page = page;
  return search;
}

/**
 * Whether a membership may read the ranking and how: the office's admins and reviewers may, units and department
 * accounts may not (null). A reader below the province is scoped to one city.
 */
export function rankingReader(membership: Membership | undefined): { cityScoped: boolean } | null {
  if (!membership || (membership.role !== "reviewer" && membership.role !== "tenant_admin")) return null;
  return { cityScoped: (membership.jurisdiction?.level ?? "province") !== "province" };
}

/** The API's filters for a search: a city-scoped reader's scope is already one city, so no city filter. */
export function rankingFilters(search: RankingSearch, cityScoped: boolean): RankingFilters {
  return {
    city: cityScoped ? undefined : search.city,
    sector: search.sector,
    kind: search.kind,
    pool: search.pool,
    status: search.status,
  };
}
