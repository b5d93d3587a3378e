import { queryOptions } from "@tanstack/react-query";
import { client, type OkBody, unwrap } from "./client.ts";

const tenants = client.api.tenants[":slug"];

export type RegistrationOptions = OkBody<Awaited<ReturnType<(typeof tenants)["registration-options"]["$get"]>>>;
export type Place = RegistrationOptions["places"][number];
export type RegistrationInput = Parameters<typeof tenants.registrations.$post>[0]["json"];

/** The public form's choices; `parent` asks for the places under one node (the cascade loads level by level). */
export const registrationOptionsQuery = (slug: string, parent?: string) =>
  queryOptions({
    queryKey: ["registration-options", slug, parent ?? null] as const,
    queryFn: () => unwrap(tenants["registration-options"].$get({ param: { slug }, query: parent ? { parent } : {} })),
    staleTime: 5 * 60_000,
  });

export type PublicTenant = OkBody<Awaited<ReturnType<(typeof tenants)["$get"]>>>;

/** An office's public profile: says whether it is live or suspended (unavailable). */
export const publicTenantQuery = (slug: string) =>
  queryOptions({
    queryKey: ["public-tenant", slug] as const,
    queryFn: () => unwrap(tenants.$get({ param: { slug } })),
    staleTime: 60_000,
  });

export function registerUnit(slug: string, input: RegistrationInput) {
  return unwrap(tenants.registrations.$post({ param: { slug }, json: input }));
}
