import type { RankInput } from "../../worker/domain/scoring/ranking.ts";

/** A ranking row with every tie-break key 0 unless given. */
export const rankRow = (
  applicationId: string,
  aggregate: number | null,
  extra: Partial<RankInput> = {},
): RankInput => ({
  applicationId,
  aggregate,
  vetoed: false,
  onsite: 0,
  material: 0,
  survey: 0,
  online: 0,
  firstCategory: 0,
  deduction: 0,
  submittedAt: null,
  ...extra,
});
