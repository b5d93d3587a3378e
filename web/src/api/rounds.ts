import { queryOptions } from "@tanstack/react-query";
import { client, type OkBody, unwrap } from "./client.ts";

const rounds = client.api.t[":tenant"].rounds;
const one = rounds[":id"];

export type RoundList = OkBody<Awaited<ReturnType<typeof rounds.$get>>>;
export type RoundSummary = RoundList["items"][number];
export type Round = OkBody<Awaited<ReturnType<typeof one.$get>>>;
export type RoundInput = Parameters<typeof rounds.$post>[0]["json"];
export type RoundSettings = Round["settings"];
export type RoundLevel = Round["level"];
export type RoundKind = Round["kind"];
export type Phase = Round["phase"];
export type TieBreak = RoundSettings["tieBreak"][number];

export {
  PHASES,
  ROUND_KINDS,
  TIE_BREAKS,
  TITLE_LEVELS as ROUND_LEVELS,
} from "../../../worker/domain/vocabulary.ts";

export const roundsKey = (tenant: string) => ["t", tenant, "rounds"] as const;

export const roundListQuery = (tenant: string) =>
  queryOptions({
    queryKey: roundsKey(tenant),
    queryFn: () => unwrap(rounds.$get({ param: { tenant } })),
  });

export const roundQuery = (tenant: string, id: string) =>
  queryOptions({
    queryKey: [...roundsKey(tenant), id] as const,
    queryFn: () => unwrap(one.$get({ param: { tenant, id } })),
  });

export function createRound(tenant: string, input: RoundInput) {
  return unwrap(rounds.$post({ param: { tenant }, json: input }));
}

export function updateRound(tenant: string, round: Round, input: Omit<RoundInput, "criteriaSystemId">) {
  return unwrap(one.$put({ param: { tenant, id: round.id }, json: { ...input, version: round.version } }));
}

export function advanceRound(tenant: string, round: Round, reason: string | undefined) {
  return unwrap(one.advance.$post({ param: { tenant, id: round.id }, json: { version: round.version, reason } }));
}
