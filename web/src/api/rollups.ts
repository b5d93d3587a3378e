import { queryOptions } from "@tanstack/react-query";
import { client, type OkBody, unwrap } from "./client.ts";

const rollups = client.api.t[":tenant"].rollups;

export type ProgramRollup = OkBody<Awaited<ReturnType<typeof rollups.programs.$get>>>;
export type MeasureRollup = OkBody<Awaited<ReturnType<typeof rollups.measures.$get>>>;
export type RecordRollup = OkBody<Awaited<ReturnType<typeof rollups.records.$get>>>;

const key = (tenant: string) => ["t", tenant, "rollups"] as const;

export const programRollupQuery = (tenant: string, year: number) =>
  queryOptions({
    queryKey: [...key(tenant), "programs", year] as const,
    queryFn: () => unwrap(rollups.programs.$get({ param: { tenant }, query: { year: String(year) } })),
  });

export const measureRollupQuery = (tenant: string) =>
  queryOptions({
    queryKey: [...key(tenant), "measures"] as const,
    queryFn: () => unwrap(rollups.measures.$get({ param: { tenant }, query: {} })),
  });

export const recordRollupQuery = (tenant: string, year: number) =>
  queryOptions({
    queryKey: [...key(tenant), "records", year] as const,
    queryFn: () => unwrap(rollups.records.$get({ param: { tenant }, query: { year: String(year) } })),
  });
