import { queryOptions } from "@tanstack/react-query";
import { client, type OkBody, unwrap } from "./client.ts";

const synonyms = client.api.t[":tenant"]["criteria-synonyms"];

export type SynonymList = OkBody<Awaited<ReturnType<typeof synonyms.$get>>>;
export type SynonymInput = Parameters<typeof synonyms.$put>[0]["json"];

export { synonymListProblems } from "../../../worker/domain/criteria-match.ts";

export const synonymsKey = (tenant: string) => ["t", tenant, "criteria-synonyms"] as const;

export const synonymsQuery = (tenant: string) =>
  queryOptions({
    queryKey: synonymsKey(tenant),
    queryFn: () => unwrap(synonyms.$get({ param: { tenant } })),
  });

export function saveSynonyms(tenant: string, input: SynonymInput) {
  return unwrap(synonyms.$put({ param: { tenant }, json: input }));
}
