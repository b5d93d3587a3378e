import type { z } from "@hono/zod-openapi";
import { queryOptions } from "@tanstack/react-query";
import type {
  AdvanceCheck as AdvanceCheckSchema,
  ApplicationScores as ApplicationScoresSchema,
  RankingPage as RankingPageSchema,
  RankingQuery as RankingQuerySchema,
  ReviewerStats as ReviewerStatsSchema,
  RoundRollups as RoundRollupsSchema,
} from "../../../worker/schemas/scoring.ts";
import { client, type OkBody, unwrap } from "./client.ts";

export type { AggregationMode, Stage } from "../../../worker/domain/vocabulary.ts";
export { AGGREGATION_MODES, STAGES } from "../../../worker/domain/vocabulary.ts";

export type RankingPage = z.infer<typeof RankingPageSchema>;
export type RankingRow = RankingPage["items"][number];
export type CutOff = RankingPage["cutOffs"][number];
export type RankingFilters = Omit<z.infer<typeof RankingQuerySchema>, "page" | "pageSize">;
export type ApplicationScores = z.infer<typeof ApplicationScoresSchema>;
export type ReviewerForm = ApplicationScores["forms"][number];
export type RoundRollups = z.infer<typeof RoundRollupsSchema>;
export type RollupGroup = RoundRollups["places"][number];
export type ReviewerStats = z.infer<typeof ReviewerStatsSchema>;
export type AdvanceCheck = z.infer<typeof AdvanceCheckSchema>;
export type Blocker = AdvanceCheck["blockers"][number];

const applications = client.api.t[":tenant"].applications[":id"];
const rounds = client.api.t[":tenant"].rounds;
type DecisionRequest = Parameters<typeof applications.decision.$post>[0]["json"];
export type DecisionInput = Omit<DecisionRequest, "version">;
export type Decision = OkBody<Awaited<ReturnType<typeof applications.decision.$post>>>;

export const RANKING_PAGE_SIZE = 20;
/** The server's page-size cap: an export reads every page at this size. */
export const EXPORT_PAGE_SIZE = 100;

export const rankingKey = (tenant: string, roundId: string) => ["t", tenant, "ranking", roundId] as const;

type RankingRequest = Parameters<(typeof rounds)[":roundId"]["ranking"]["$get"]>[0]["query"];
const FILTER_KEYS = ["city", "sector", "kind", "pool", "status"] as const satisfies readonly (keyof RankingFilters)[];

/** One page of the ranking; empty filters are left out of the query. */
export function fetchRanking(tenant: string, roundId: string, filters: RankingFilters, page: number, pageSize: number) {
  const query: RankingRequest = { page: String(page), pageSize: String(pageSize) };
  for (const key of FILTER_KEYS) if (filters[key]) query[key] = filters[key];
  return unwrap(rounds[":roundId"].ranking.$get({ param: { tenant, roundId }, query }));
}

export const rankingQuery = (tenant: string, roundId: string, filters: RankingFilters, page: number) =>
  queryOptions({
    queryKey: [...rankingKey(tenant, roundId), "page", filters, page] as const,
    queryFn: () => fetchRanking(tenant, roundId, filters, page, RANKING_PAGE_SIZE),
  });

/** Every page of the ranking under the filters, for an export: the server caps a page at 100 rows. */
export async function fetchAllRanking(tenant: string, roundId: string, filters: RankingFilters): Promise<RankingRow[]> {
  const first = await fetchRanking(tenant, roundId, filters, 1, EXPORT_PAGE_SIZE);
  const rows = [...first.items];
  const pages = Math.ceil(first.total / first.pageSize);
  for (let page = 2; page <= pages; page++) {
    rows.push(...(await fetchRanking(tenant, roundId, filters, page, EXPORT_PAGE_SIZE)).items);
  }
  return rows;
}

export const applicationScoresQuery = (tenant: string, applicationId: string) =>
  queryOptions({
    queryKey: ["t", tenant, "applications", applicationId, "scores"] as const,
    queryFn: () => unwrap(applications.scores.$get({ param: { tenant, id: applicationId } })),
  });

/** The score rows of the round in the reader's scope as CSV (UTF-8 with BOM; Chinese headers unless `en`). */
export function scoresCsvUrl(tenant: string, roundId: string, language: string): string {
  return rounds[":roundId"]["scores.csv"].$path({
    param: { tenant, roundId },
    query: language.startsWith("en") ? { lang: "en" } : {},
  });
}

/** The city's decision on an application (推荐 / 不推荐), made on the version the reader saw. */
export function decideApplication(tenant: string, applicationId: string, version: number, input: DecisionInput) {
  return unwrap(applications.decision.$post({ param: { tenant, id: applicationId }, json: { version, ...input } }));
}

export const rollupsQuery = (tenant: string, roundId: string) =>
  queryOptions({
    queryKey: [...rankingKey(tenant, roundId), "rollups"] as const,
    queryFn: () => unwrap(rounds[":roundId"].rollups.$get({ param: { tenant, roundId } })),
  });

export const reviewerStatsQuery = (tenant: string, roundId: string) =>
  queryOptions({
    queryKey: [...rankingKey(tenant, roundId), "reviewers"] as const,
    queryFn: () => unwrap(rounds[":roundId"].reviewers.$get({ param: { tenant, roundId } })),
  });

/** The round owner refits a calibrated round's offsets and aggregates now. */
export function recalibrate(tenant: string, roundId: string) {
  return unwrap(rounds[":roundId"].calibrate.$post({ param: { tenant, roundId }, json: {} }));
}

/** What advancing the round now would close, and what blocks it (409 `phase_blocked` lists the same). */
export const advanceCheckQuery = (tenant: string, roundId: string) =>
  queryOptions({
    queryKey: ["t", tenant, "rounds", roundId, "advance-check"] as const,
    queryFn: () => unwrap(rounds[":id"]["advance-check"].$get({ param: { tenant, id: roundId } })),
  });

/** The blockers a 409 `phase_blocked` carries in `current`, if it carries any. */
export function blockersOf(current: unknown): Blocker[] | null {
  if (typeof current !== "object" || current === null) return null;
  const blockers = (current as { blockers?: unknown }).blockers;
  return Array.isArray(blockers) ? (blockers as Blocker[]) : null;
}
