import { queryOptions } from "@tanstack/react-query";
import { client, type OkBody, unwrap } from "./client.ts";

const t = client.api.t[":tenant"];
const ofRound = t.rounds[":id"].mutual;
const formOf = t.applications[":id"].mutual;

export type MutualSettings = OkBody<Awaited<ReturnType<typeof ofRound.$get>>>;
export type SaveMutualInput = Parameters<typeof ofRound.$put>[0]["json"];
export type MutualProgress = OkBody<Awaited<ReturnType<typeof ofRound.progress.$get>>>;
export type MutualProgressRow = MutualProgress["rows"][number];
export type MutualForm = OkBody<Awaited<ReturnType<typeof formOf.$get>>>;
export type SaveMutualScoresInput = Parameters<typeof formOf.$put>[0]["json"];

export { MUTUAL_GROUPS } from "../../../worker/domain/vocabulary.ts";

export const mutualKey = (tenant: string) => ["t", tenant, "mutual"] as const;
export const mutualSettingsKey = (tenant: string, roundId: string) => [...mutualKey(tenant), "round", roundId] as const;
export const mutualFormKey = (tenant: string, applicationId: string) =>
  [...mutualKey(tenant), "form", applicationId] as const;

export const mutualSettingsQuery = (tenant: string, roundId: string) =>
  queryOptions({
    queryKey: mutualSettingsKey(tenant, roundId),
    queryFn: () => unwrap(ofRound.$get({ param: { tenant, id: roundId } })),
  });

export function saveMutualSettings(tenant: string, roundId: string, input: SaveMutualInput) {
  return unwrap(ofRound.$put({ param: { tenant, id: roundId }, json: input }));
}

export function assignMutualPeers(tenant: string, roundId: string, version: number) {
  return unwrap(ofRound.assign.$post({ param: { tenant, id: roundId }, json: { version } }));
}

export const mutualProgressQuery = (tenant: string, roundId: string) =>
  queryOptions({
    queryKey: [...mutualKey(tenant), "progress", roundId] as const,
    queryFn: () => unwrap(ofRound.progress.$get({ param: { tenant, id: roundId } })),
  });

export const mutualFormQuery = (tenant: string, applicationId: string) =>
  queryOptions({
    queryKey: mutualFormKey(tenant, applicationId),
    queryFn: () => unwrap(formOf.$get({ param: { tenant, id: applicationId } })),
  });

export function saveMutualScores(tenant: string, applicationId: string, input: SaveMutualScoresInput) {
  return unwrap(formOf.$put({ param: { tenant, id: applicationId }, json: input }));
}
