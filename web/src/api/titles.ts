import type { z } from "@hono/zod-openapi";
import { queryOptions } from "@tanstack/react-query";
import type { AwardOutcomeBody } from "../../../worker/schemas/titles.ts";
import type { Award } from "./awards.ts";
import { client, type OkBody, unwrap } from "./client.ts";

/** What an outcome carries, without the version of what it applies to (a title, or a re-check application). */
export type OutcomeInput = Omit<z.infer<typeof AwardOutcomeBody>, "version">;

const t = client.api.t[":tenant"];

/** 动态管理 between rounds: one title's outcome, applied at once on the version the reader saw. */
export function applyAwardOutcome(tenant: string, unitId: string, award: Award, input: OutcomeInput) {
  return unwrap(
    t.units[":id"].awards[":awardId"].outcome.$post({
      param: { tenant, id: unitId, awardId: award.id },
      json: { version: award.version, ...input },
    }),
  );
}

const recheck = t.rounds[":id"].recheck;
export type RecheckView = OkBody<Awaited<ReturnType<typeof recheck.$get>>>;
export type RecheckEntry = RecheckView["items"][number];

export const recheckQuery = (tenant: string, roundId: string) =>
  queryOptions({
    queryKey: ["t", tenant, "rounds", roundId, "recheck"] as const,
    queryFn: () => unwrap(recheck.$get({ param: { tenant, id: roundId } })),
  });

/** A re-check unit's outcome, recorded now and applied to its title when the round is named. */
export function setTitleOutcome(tenant: string, entry: RecheckEntry, input: OutcomeInput) {
  return unwrap(
    t.applications[":id"]["title-outcome"].$put({
      param: { tenant, id: entry.applicationId },
      json: { version: entry.version, ...input },
    }),
  );
}
