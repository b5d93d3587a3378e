import { queryOptions } from "@tanstack/react-query";
import { client, type OkBody, unwrap } from "./client.ts";

const t = client.api.t[":tenant"];
const ofApplication = t.applications[":id"].coverage;
const ofRound = t.rounds[":roundId"].coverage;

export type ApplicationCoverage = OkBody<Awaited<ReturnType<typeof ofApplication.$get>>>;
export type CoverageItem = ApplicationCoverage["items"][number];
export type RoundCoverage = OkBody<Awaited<ReturnType<typeof ofRound.$get>>>;
export type RoundCoverageItem = RoundCoverage["items"][number];

export { COVERAGE_STATUSES, type CoverageStatus } from "../../../worker/domain/vocabulary.ts";

export const coverageKey = (tenant: string) => ["t", tenant, "coverage"] as const;

export const applicationCoverageQuery = (tenant: string, id: string) =>
  queryOptions({
    queryKey: [...coverageKey(tenant), "application", id] as const,
    queryFn: () => unwrap(ofApplication.$get({ param: { tenant, id } })),
  });

export const roundCoverageQuery = (tenant: string, roundId: string) =>
  queryOptions({
    queryKey: [...coverageKey(tenant), "round", roundId] as const,
    queryFn: () => unwrap(ofRound.$get({ param: { tenant, roundId } })),
  });
