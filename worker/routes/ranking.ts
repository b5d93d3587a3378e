// A round's ranking, rollups, score export, reviewer consistency and calibration
import { createRoute, z } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import { auditEvent, runAuditedThenRead } from "../data/audit.ts";
import { criteriaFound } from "../data/criteria.ts";
import { type Db, nowIso } from "../data/db.ts";
import {
  blindPools,
  calibratedAt,
  quotaPools,
  type RankingFilters,
  rankingPage,
  rankingStageOf,
} from "../data/ranking.ts";
import { resultsCheckReads, resultsCompared } from "../data/results.ts";
import {
  CSV_MAX_ROWS,
  calibrationWrites,
  formReviewers,
  lossItems,
  offsetsAt,
  ROLLUP_BIN,
  rollupGroups,
  roundPhaseHeld,
  scoreRows,
  submittedTotals,
} from "../data/round-results.ts";
import { roundCriteria, roundFound, roundLookup } from "../data/rounds.ts";
import type { Scope } from "../data/scope.ts";
import { itemPoints, itemsByCode } from "../domain/criteria.ts";
import { paging } from "../domain/paging.ts";
import { rankingStage } from "../domain/phase-checks.ts";
import { calibrate, round2 } from "../domain/scoring/aggregate.ts";
import { reviewerConsistency } from "../domain/scoring/consistency.ts";
import { cutOff, poolOf } from "../domain/scoring/ranking.ts";
import { ApiError } from "../errors.ts";
import { requireRole } from "../middleware/tenant-scope.ts";
import { createRouter } from "../router.ts";
import { RoundIdParams } from "../schemas/applications.ts";
import { errorResponses, jsonBody, jsonResponse } from "../schemas/common.ts";
import {
  CalibrateBody,
  CalibrationView,
  CsvQuery,
  RankingPage,
  RankingQuery,
  ResultsCheckView,
  ReviewerStats,
  RoundRollups,
} from "../schemas/scoring.ts";
import { requirePhase } from "./rounds.ts";

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

const scoresCsv = createRoute({
  method: "get",
  path: "/rounds/{roundId}/scores.csv",
  tags: ["ranking"],
  summary:
    "Every score of the round's submitted forms in the caller's scope as CSV (UTF-8 with BOM; Chinese headers unless lang=en); blind rows left out",
  middleware: readers,
  request: { params: RoundIdParams, query: CsvQuery },
  responses: {
    200: {
      description: `The scores, at most ${CSV_MAX_ROWS} rows (X-Truncated: true when cut)`,
      content: { "text/csv": { schema: z.string() } },
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

const rollups = createRoute({
  method: "get",
  path: "/rounds/{roundId}/rollups",
  tags: ["ranking"],
  summary:
    "The round at its ranking stage per city (per county for a city reviewer) and per sector: applications, recommended, vetoed, mean and median aggregate, histogram, panels' progress; the items where units lose most points",
  middleware: readers,
  request: { params: RoundIdParams },
  responses: { 200: jsonResponse("Rollups", RoundRollups), ...errorResponses(401, 403, 404) },
});

const reviewers = createRoute({
  method: "get",
  path: "/rounds/{roundId}/reviewers",
  tags: ["ranking"],
  summary:
    "Each reviewer's consistency at the ranking stage (mean, deviation from their panels, spread, outliers beyond the round's threshold) and calibrated offset: the office and provincial reviewers",
  middleware: readers,
  request: { params: RoundIdParams },
  responses: { 200: jsonResponse("Reviewers", ReviewerStats), ...errorResponses(401, 403, 404) },
});

const refit = createRoute({
  method: "post",
  path: "/rounds/{roundId}/calibrate",
  tags: ["ranking"],
  summary: "Refit a calibrated round's reviewer offsets and aggregates now, at its ranking stage (the round owner)",
  middleware: [requireRole("tenant_admin")],
  request: { params: RoundIdParams, body: jsonBody(CalibrateBody) },
  responses: { 200: jsonResponse("Refitted", CalibrationView), ...errorResponses(400, 401, 403, 404, 409, 415) },
});

const check = createRoute({
  method: "get",
  path: "/rounds/{roundId}/results/check",
  tags: ["ranking"],
  summary: "Recompute every result and form total of the round from the raw scores and compare with the kept ones",
  middleware: [requireRole("tenant_admin")],
  request: { params: RoundIdParams },
  responses: { 200: jsonResponse("The comparison", ResultsCheckView), ...errorResponses(401, 403, 404) },
});

/** A CSV field: quoted when it holds a comma, quote or line break; a leading = + - @ cannot start a formula. */
function csvField(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const CSV_HEADERS = {
  en: ["applicationId", "unitName", "city", "reviewerId", "stage", "itemCode", "itemKind", "points"],
  zh: ["申报编号", "单位名称", "市（州）", "评审员编号", "评审阶段", "测评项目编码", "项目类别", "得分"],
};

/** Provincial reviewers and the office see every reviewer's consistency; a city reviewer does not. */
function seesReviewers(scope: Scope): boolean {
  return scope.role === "tenant_admin" || isRoot(scope);
}

function histogram(binsJson: string) {
  const counts = new Map<number, number>();
  for (const bin of JSON.parse(binsJson) as Array<number | null>)
    if (bin !== null) counts.set(bin, (counts.get(bin) ?? 0) + 1);
  return [...counts.entries()].sort(([a], [b]) => a - b).map(([from, count]) => ({ from, count }));
}

type GroupRow = Awaited<ReturnType<typeof rollupGroups>>[number];

function rollupGroup(row: GroupRow | undefined) {
  const assigned = row?.assigned ?? 0;
  const scored = row?.submitted ?? 0;
  return {
    id: row?.id ?? null,
    name: row?.name ?? null,
    applications: row?.applications ?? 0,
    recommended: row?.recommended ?? 0,
    vetoed: row?.vetoed ?? 0,
    scored: row?.scored ?? 0,
    mean: row?.mean == null ? null : round2(row.mean),
    median: row?.median == null ? null : round2(row.median),
    histogram: row ? histogram(row.bins) : [],
    progress: { assigned, scored, remaining: assigned - scored },
  };
}

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
  const [roundRows, pageRows, blind, cityPools, sectorPools, calibrated] = await db.batch([
    roundLookup(db, scope, roundId),
    rankingPage(db, scope, roundId, filters, paged),
    blindPools(db, scope, roundId),
    ...quotaPools(db, scope, roundId),
    calibratedAt(db, scope, roundId),
  ]);
  const round = roundFound(roundRows);
  const { eligibility, quotas, review } = round.settings;
  const rows = pageRows.filter((r) => r.kind === "row");
  const summary = pageRows.find((r) => r.kind === "summary");
  const candidates = (JSON.parse(summary?.cutOffs ?? "[]") as Array<[string, number, number]>).map(
    ([pool, aggregate, rank]) => ({ pool, aggregate, rank }),
  );
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
    total: summary?.total ?? 0,
    page: paged.page,
    pageSize: paged.pageSize,
    mode: review.aggregation,
    stage: rankingStage(round.phase),
    calibratedAt: calibrated[0]?.at ?? null,
    cutOffs,
  };
}

export const rankingRoutes = createRouter()
  .openapi(ranking, async (c) =>
    c.json(await rankingOf(c.var.db, c.var.scope, c.req.valid("param").roundId, c.req.valid("query")), 200),
  )
  .openapi(scoresCsv, async (c) => {
    const { db, scope } = c.var;
    const { roundId } = c.req.valid("param");
    const lang = c.req.valid("query").lang === "en" ? "en" : "zh";
    const [roundRows, systemRows, rows] = await db.batch([
      roundLookup(db, scope, roundId),
      roundCriteria(db, scope, roundId),
      scoreRows(db, scope, roundId),
    ]);
    roundFound(roundRows);
    const doc = criteriaFound(systemRows).doc;
    const items = itemsByCode(doc);
    const kinds = new Map<string, "base" | "bonus" | "deduction">([
      ...doc.categories.flatMap((cat) => cat.items.map((i) => [i.code, "base"] as const)),
      ...doc.bonusItems.map((i) => [i.code, "bonus"] as const),
      ...doc.deductionItems.map((i) => [i.code, "deduction"] as const),
    ]);
    const order = new Map([...items.keys()].map((code, i) => [code, i]));
    const truncated = rows.length > CSV_MAX_ROWS;
    const lines = [CSV_HEADERS[lang].join(",")];
    // Rows come by stage, reviewer and application; items go in the criteria system's order.
    const sorted = rows
      .slice(0, CSV_MAX_ROWS)
      .map((r, i) => ({ r, i }))
      .sort((a, b) => {
        const sameForm =
          a.r.applicationId === b.r.applicationId && a.r.stage === b.r.stage && a.r.reviewerId === b.r.reviewerId;
        return sameForm ? (order.get(a.r.itemCode) ?? 1e9) - (order.get(b.r.itemCode) ?? 1e9) : a.i - b.i;
      });
    for (const { r } of sorted) {
      const item = items.get(r.itemCode);
      const kind = kinds.get(r.itemCode);
      if (!item || !kind) continue;
      const fields = [r.applicationId, r.unitName, r.city, r.reviewerId, r.stage, r.itemCode, kind];
      lines.push([...fields.map(csvField), csvField(itemPoints(item, r))].join(","));
    }
    const name = lang === "en" ? "scores.csv" : "评分明细.csv";
    return c.body(`\uFEFF${lines.join("\r\n")}\r\n`, 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
      ...(truncated ? { "X-Truncated": "true" } : {}),
    });
  })
  .openapi(rollups, async (c) => {
    const { db, scope } = c.var;
    const { roundId } = c.req.valid("param");
    const placeLevel = isRoot(scope) ? "city" : "county";
    const [roundRows, groups, losses] = await db.batch([
      roundLookup(db, scope, roundId),
      rollupGroups(db, scope, roundId, placeLevel),
      lossItems(db, scope, roundId),
    ]);
    const round = roundFound(roundRows);
    const places = groups.filter((g) => g.dim === "place");
    const sectors = groups.filter((g) => g.dim === "sector");
    const total = groups.filter((g) => g.dim === "total");
    return c.json(
      {
        stage: rankingStage(round.phase),
        placeLevel,
        binWidth: ROLLUP_BIN,
        places: places.map(rollupGroup),
        sectors: sectors.map(rollupGroup),
        total: rollupGroup(total[0]),
        lossItems: losses.map((l) => ({ ...l, meanLoss: round2(l.meanLoss) })),
      },
      200,
    );
  })
  .openapi(reviewers, async (c) => {
    const { db, scope } = c.var;
    const { roundId } = c.req.valid("param");
    const stage = rankingStageOf(scope.tenantId, roundId);
    const [roundRows, observations, offsets, names] = await db.batch([
      roundLookup(db, scope, roundId),
      submittedTotals(db, scope, roundId, stage),
      offsetsAt(db, scope, roundId, stage),
      formReviewers(db, scope, roundId),
    ]);
    const round = roundFound(roundRows);
    if (!seesReviewers(scope)) throw new ApiError("forbidden");
    const nameOf = new Map(names.map((n) => [n.id, n.name]));
    const offsetOf = new Map(offsets.map((o) => [o.reviewerId, o]));
    const items = reviewerConsistency(observations, round.settings.review.outlierThreshold).map((r) => {
      const fitted = offsetOf.get(r.reviewerId);
      return {
        reviewer: { id: r.reviewerId, name: nameOf.get(r.reviewerId) ?? "" },
        forms: r.forms,
        mean: r.mean,
        meanDeviation: r.meanDeviation,
        spread: r.spread,
        outliers: r.outliers,
        offset: fitted ? round2(fitted.offset) : null,
        flagged: fitted?.flagged ?? false,
      };
    });
    const fittedAt = offsets.map((o) => o.fittedAt).sort();
    return c.json(
      {
        stage: rankingStage(round.phase),
        mode: round.settings.review.aggregation,
        threshold: round.settings.review.outlierThreshold,
        calibratedAt: fittedAt.at(-1) ?? null,
        items,
      },
      200,
    );
  })
  .openapi(refit, async (c) => {
    const { db, scope } = c.var;
    const { roundId } = c.req.valid("param");
    const { reason } = c.req.valid("json");
    const [roundRows, observations] = await db.batch([
      roundLookup(db, scope, roundId),
      submittedTotals(db, scope, roundId, rankingStageOf(scope.tenantId, roundId)),
    ]);
    const round = roundFound(roundRows);
    if (round.settings.review.aggregation !== "calibrated") throw new ApiError("not_calibrated");
    requirePhase("calibrate_round", round.phase);
    const stage = rankingStage(round.phase);
    const fitted = calibrate(observations);
    const at = nowIso();
    const { applied, read } = await runAuditedThenRead(
      db,
      [],
      auditEvent(scope, {
        action: "round.calibrate",
        targetType: "round",
        targetId: roundId,
        after: { stage, reviewers: fitted.offsets.size, applications: fitted.aggregates.size, at },
        reason: reason ?? null,
      }),
      {
        // Only while the round is still where it was read: a phase change in between refits nothing.
        guard: roundPhaseHeld(db, scope, round),
        after: calibrationWrites(
          db,
          scope,
          roundId,
          stage,
          fitted,
          at,
          sql`exists (select 1 from rounds
          where tenant_id = ${scope.tenantId} and id = ${roundId} and phase = ${round.phase})`,
        ),
      },
      [roundLookup(db, scope, roundId)] as const,
    );
    if (!applied) requirePhase("calibrate_round", roundFound(read[0]).phase);
    if (!applied) throw new ApiError("stale_version", { current: roundFound(read[0]) });
    return c.json(
      { stage, calibratedAt: at, reviewers: fitted.offsets.size, applications: fitted.aggregates.size },
      200,
    );
  })
  .openapi(check, async (c) => {
    const { db, scope } = c.var;
    const { roundId } = c.req.valid("param");
    const [roundRows, ...rows] = await db.batch([
      roundLookup(db, scope, roundId),
      ...resultsCheckReads(db, { tenantId: scope.tenantId, roundId }),
    ]);
    roundFound(roundRows);
    const result = resultsCompared(rows as unknown as Parameters<typeof resultsCompared>[0]);
    return c.json(
      {
        agree: result.mismatches.length === 0,
        checked: result.results,
        forms: result.forms,
        checkedAt: result.checkedAt,
        mismatches: result.mismatches.slice(0, 200),
      },
      200,
    );
  });
