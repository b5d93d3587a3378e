import { client, type OkBody, unwrap } from "./client.ts";

type TenantApi = (typeof client.api.t)[":tenant"];
export type JurisdictionNode = OkBody<Awaited<ReturnType<TenantApi["jurisdictions"]["$get"]>>>["items"][number];

/** Children of a node (the tenant's roots without a parent); every member may read them. */
export function fetchJurisdictions(tenant: string, parent?: string) {
  return unwrap(client.api.t[":tenant"].jurisdictions.$get({ param: { tenant }, query: { parent } }));
}
