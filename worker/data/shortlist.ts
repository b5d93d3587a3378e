import { and, asc, eq, isNotNull, ne, sql } from "drizzle-orm";
import { applicationResults, applications, jurisdictions, sectors, signoffs, units } from "../../db/schema.ts";
import type { ShortlistCandidate } from "../domain/shortlist.ts";
import type { SignoffVerdict } from "../domain/vocabulary.ts";
import type { Db } from "./db.ts";
import { rankingPage } from "./ranking.ts";
import { applicationsInScope, type Scope } from "./scope.ts";

// What the shortlist is decided from (worker/domain/shortlist.ts): for a selection round, the round's provincial
// ranking, every row of it in the caller's scope in one statement, and the departments' sign-offs on the round's
// applications; for a re-check round, its enrolled titles with their recorded outcomes.

/** Larger than any round: the shortlist needs the whole ranking, not a page. */
const WHOLE_ROUND = { page: 1, pageSize: 1_000_000, offset: 0 };

/** The two statements of a batch that `shortlistCandidates` reads. */
export function shortlistReads(db: Db, scope: Scope, roundId: string) {
  return [
    rankingPage(db, scope, roundId, {}, WHOLE_ROUND),
    db
      .select({ applicationId: signoffs.applicationId, department: signoffs.department, verdict: signoffs.verdict })
      .from(signoffs)
      .where(and(eq(signoffs.tenantId, scope.tenantId), eq(signoffs.roundId, roundId))),
  ] as const;
}

type RankRow = Awaited<ReturnType<typeof rankingPage>>[number];
type SignoffRow = { applicationId: string; department: string; verdict: SignoffVerdict };

export type Candidate = ShortlistCandidate & {
  unitId: string;
  city: string | null;
  sector: string | null;
};

export function shortlistCandidates(rankRows: readonly RankRow[], signoffRows: readonly SignoffRow[]): Candidate[] {
  const byApplication = new Map<string, SignoffRow[]>();
  for (const s of signoffRows) {
    const list = byApplication.get(s.applicationId);
    if (list) list.push(s);
    else byApplication.set(s.applicationId, [s]);
  }
  return rankRows
    .filter((r) => r.kind === "row")
    .map((r) => ({
      applicationId: r.applicationId,
      unitId: r.unitId,
      unitName: r.unitName,
      city: r.city,
      sector: r.sector,
      aggregate: r.aggregate,
      rank: r.rank,
      vetoed: r.vetoed === 1,
      channel: r.channel,
      cityId: r.cityId,
      channelSectorId: r.channelSectorId,
      signoffs: byApplication.get(r.applicationId) ?? [],
    }));
}

/**
 * The enrolled applications of a re-check round in the caller's scope (none in a selection round: nobody holds a
 * title through it), not withdrawn, with the outcome recorded and the provincial aggregate when scored.
 */
export function recheckCandidateReads(db: Db, scope: Scope, roundId: string) {
  return db
    .select({
      applicationId: applications.id,
      unitId: applications.unitId,
      unitName: units.name,
      city: jurisdictions.name,
      sector: sectors.name,
      outcome: applications.titleOutcome,
      aggregate: applicationResults.aggregate,
      // Not ranked: the 复查 notice runs in unit-name order (domain/shortlist.ts).
      rank: sql<null>`null`,
    })
    .from(applications)
    .innerJoin(units, eq(units.id, applications.unitId))
    .leftJoin(jurisdictions, eq(jurisdictions.id, units.cityId))
    .leftJoin(sectors, eq(sectors.id, units.sectorId))
    .leftJoin(
      applicationResults,
      and(eq(applicationResults.applicationId, applications.id), eq(applicationResults.stage, "province")),
    )
    .where(
      and(
        applicationsInScope(scope),
        eq(applications.roundId, roundId),
        isNotNull(applications.awardId),
        ne(applications.status, "withdrawn"),
      ),
    )
    .orderBy(asc(applications.id));
}

/**
 * Whether the round's provincial calibration is current (one row): `fittedAt`, the latest provincial fit (null:
 * never fitted), and `changed`, 1 when a provincial score form of the round was saved after it. Publishing a
 * calibrated round needs a current fit, so the refit it writes reproduces the aggregates the shortlist is
 * decided on.
 */
export function calibrationFreshness(db: Db, scope: Pick<Scope, "tenantId">, roundId: string) {
  const t = scope.tenantId;
  const latest = sql`(select max(o.fitted_at) from reviewer_offsets o
    where o.tenant_id = ${t} and o.round_id = ${roundId} and o.stage = 'province')`;
  return db
    .select({
      fittedAt: sql<string | null>`${latest}`,
      changed: sql<number>`exists (select 1 from score_forms f where f.tenant_id = ${t} and f.round_id = ${roundId}
        and f.stage = 'province' and f.updated_at > ${latest})`.mapWith(Number),
    })
    .from(sql`(select 1)`);
}
