import { queryOptions } from "@tanstack/react-query";
import { client, type OkBody, unwrap } from "./client.ts";

const admin = client.api.admin;

export type AdminTenant = OkBody<Awaited<ReturnType<typeof admin.tenants.$get>>>["items"][number];
export type CreateTenantInput = Parameters<typeof admin.tenants.$post>[0]["json"];

export const adminTenantsQuery = () =>
  queryOptions({
    queryKey: ["admin", "tenants"] as const,
    queryFn: () => unwrap(admin.tenants.$get()),
  });

/** National divisions: provinces without a parent, a province's cities with one. */
export function fetchDivisions(parent?: string) {
  return unwrap(admin.divisions.$get({ query: { parent } }));
}

export function createTenant(input: CreateTenantInput) {
  return unwrap(admin.tenants.$post({ json: input }));
}

export function setTenantStatus(slug: string, action: "suspend" | "resume", reason: string | undefined) {
  const json = reason ? { reason } : {};
  const route = admin.tenants[":slug"];
  return unwrap(
    action === "suspend"
      ? route.suspend.$post({ param: { slug }, json })
      : route.resume.$post({ param: { slug }, json }),
  );
}
