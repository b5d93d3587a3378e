import { queryOptions } from "@tanstack/react-query";
import { client, type OkBody, unwrap } from "./client.ts";
import { keys } from "./queries.ts";

const t = client.api.t[":tenant"];
const unitAwards = t.units[":id"].awards;
const roundEligibility = t.rounds[":roundId"].eligibility;

export type AwardList = OkBody<Awaited<ReturnType<typeof unitAwards.$get>>>;
export type Award = AwardList["items"][number];
export type AwardStatus = Award["status"];
export type AwardInput = Parameters<typeof unitAwards.$post>[0]["json"];
export type Eligibility = OkBody<Awaited<ReturnType<typeof roundEligibility.$get>>>;
export type IneligibleReason = Eligibility["reasons"][number];

export const awardsKey = (tenant: string, unitId: string) =>
  [...keys.tenant(tenant), "unit", unitId, "awards"] as const;

export const unitAwardsQuery = (tenant: string, unitId: string) =>
  queryOptions({
    queryKey: awardsKey(tenant, unitId),
    queryFn: () => unwrap(unitAwards.$get({ param: { tenant, id: unitId } })),
  });

/** The signed-in unit's standing against the round's title gate. */
export const eligibilityQuery = (tenant: string, roundId: string) =>
  queryOptions({
    queryKey: [...keys.tenant(tenant), "rounds", roundId, "eligibility"] as const,
    queryFn: () => unwrap(roundEligibility.$get({ param: { tenant, roundId }, query: {} })),
  });

export function recordAward(tenant: string, unitId: string, input: AwardInput) {
  return unwrap(unitAwards.$post({ param: { tenant, id: unitId }, json: input }));
}
