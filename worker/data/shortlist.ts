import { and, eq } from "drizzle-orm";
import { signoffs } from "../../db/schema.ts";
import type { ShortlistCandidate } from "../domain/shortlist.ts";
import type { SignoffVerdict } from "../domain/vocabulary.ts";
import type { Db } from "./db.ts";
import { rankingPage } from "./ranking.ts";
import type { Scope } from "./scope.ts";

// What the shortlist is decided from (worker/domain/shortlist.ts): the round's provincial ranking, every row of it
// in the caller's scope in one statement, and the departments' sign-offs on the round's applications.

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
