// A round's ranking, rollups, score export, reviewer consistency and calibration
import { createRoute } from "@hono/zod-openapi";
import type { Db } from "../data/db.ts";
import {
  blindPools,
  calibratedAt,
  cutOffCandidates,
  quotaPools,
  type RankingFilters,
  rankingPage,
} from "../data/ranking.ts";
import { roundFound, roundLookup } from "../data/rounds.ts";
import type { Scope } from "../data/scope.ts";
import { paging } from "../domain/paging.ts";
import { rankingStage } from "../domain/phase-checks.ts";
import { cutOff, poolOf } from "../domain/scoring/ranking.ts";
import { requireRole } from "../middleware/tenant-scope.ts";
import { createRouter } from "../router.ts";
import { RoundIdParams } from "../schemas/applications.ts";
import { errorResponses, jsonResponse } from "../schemas/common.ts";
import { RankingPage, RankingQuery } from "../schemas/scoring.ts";

/** Rankings, rollups and exports are for the office and its reviewers; units and departments see none. */
const readers = [requireRole("tenant_admin", "reviewer")];

const ranking = createRoute({
  method: "get",
  path: "/rounds/{roundId}/ranking",
  tags: ["ranking"],
  summary:
    "The round's ranking at its ranking stage (city until provincial review, then province) in the caller's scope: ranks over the whole round, within city, sector and quota pool; vetoed rows last with the reason; blind rows hidden",
  middleware: readers,
  request: { params: RoundIdParams, query: RankingQuery },
  responses: { 200: jsonResponse("One page", RankingPage), ...errorResponses(400, 401, 403, 404) },
});

/** The scope of the tenant's root (the province, or a city office's city): sees every pool. */
function isRoot(scope: Scope): boolean {
  return (scope.jurisdictionPath ?? "").split("/").filter(Boolean).length === 1;
}

/** A city's pool is the caller's to see when the city lies in their scope or their scope in it. */
function poolVisible(scope: Scope, pool: { pool: string; path: string | null }): boolean {
  if (isRoot(scope)) return true;
  const mine = scope.jurisdictionPath ?? "\uffff";
  return pool.path !== null && (pool.path.startsWith(mine) || mine.startsWith(pool.path));
}

async function rankingOf(
  db: Db,
  scope: Scope,
  roundId: string,
  query: RankingFilters & { page?: number; pageSize?: number },
) {
  const { page, pageSize, ...filters } = query;
  const paged = paging(page, pageSize);
  const [roundRows, rows, candidates, blind, cityPools, sectorPools, calibrated] = await db.batch([
    roundLookup(db, scope, roundId),
    rankingPage(db, scope, roundId, filters, paged),
    cutOffCandidates(db, scope, roundId),
    blindPools(db, scope, roundId),
    ...quotaPools(db, scope, roundId),
    calibratedAt(db, scope, roundId),
  ]);
  const round = roundFound(roundRows);
  const { eligibility, quotas, review } = round.settings;
  const gate = (value: number | null, min: number | null) => (value === null || min === null ? null : value >= min);
  const items = rows.map((r) => {
    const blind = r.blind === 1;
    const aggregate = blind ? null : r.aggregate;
    const pool = poolOf(r, quotas)?.pool ?? null;
    // A blind reader still learns of a department's veto (not a score); a form's veto finding is a score.
    const departmentVeto = r.departmentVeto;
    const vetoed = blind ? departmentVeto !== null : r.vetoed === 1;
    const reasons = blind ? [departmentVeto] : [r.formVeto, departmentVeto];
    return {
      applicationId: r.applicationId,
      unitId: r.unitId,
      unitName: r.unitName,
      city: r.city,
      sector: r.sector,
      status: r.status,
      aggregate,
      extraPoints: r.extraPoints,
      rank: blind ? null : r.rank,
      cityRank: blind ? null : r.cityRank,
      sectorRank: blind ? null : r.sectorRank,
      poolRank: blind || pool === null ? null : r.poolRank,
      pool,
      vetoed,
      vetoReason: vetoed ? reasons.filter(Boolean).join("；") || null : null,
      blind,
      reviewerTotals: blind ? [] : (JSON.parse(r.reviewerTotals) as number[]),
      gates: {
        onsite: gate(aggregate, eligibility.minScoreForOnsite),
        naming: gate(aggregate, eligibility.minScoreToName),
      },
    };
  });
  const hidden = new Set(blind.map((b) => b.pool));
  const cutOffs = [...cityPools, ...sectorPools]
    .filter((p) => (p.pool.startsWith("city:") ? poolVisible(scope, p) : isRoot(scope)))
    .map((p) => ({
      pool: p.pool,
      name: p.name,
      quota: p.quota,
      cutOff: hidden.has(p.pool)
        ? null
        : cutOff(
            candidates.filter((c) => c.pool === p.pool),
            p.quota,
          ),
    }));
  return {
    items,
    total: rows[0]?.total ?? (paged.offset > 0 ? await pastEndTotal(db, scope, roundId, filters) : 0),
    page: paged.page,
    pageSize: paged.pageSize,
    mode: review.aggregation,
    stage: rankingStage(round.phase),
    calibratedAt: calibrated[0]?.at ?? null,
    cutOffs,
  };
}

/** A page past the end carries no total on its rows: count once more (the first page's one statement does). */
async function pastEndTotal(db: Db, scope: Scope, roundId: string, filters: RankingFilters) {
  const [first] = await rankingPage(db, scope, roundId, filters, { page: 1, pageSize: 1, offset: 0 });
  return first?.total ?? 0;
}

export const rankingRoutes = createRouter().openapi(ranking, async (c) =>
  c.json(await rankingOf(c.var.db, c.var.scope, c.req.valid("param").roundId, c.req.valid("query")), 200),
);
