import { queryOptions } from "@tanstack/react-query";
import { client, type OkBody, unwrap } from "./client.ts";
import type { UnitSearch } from "./unit-search.ts";

export const UNIT_PAGE_SIZE = 20;

/** Query-key roots, so a sign-out can drop everything a user saw. */
export const keys = {
  me: ["me"] as const,
  tenants: ["tenants"] as const,
  tenant: (slug: string) => ["t", slug] as const,
};

export const tenantsQuery = () =>
  queryOptions({
    queryKey: keys.tenants,
    queryFn: () => unwrap(client.api.tenants.$get()),
    staleTime: 5 * 60_000,
  });

export const meQuery = () =>
  queryOptions({
    queryKey: keys.me,
    queryFn: () => unwrap(client.api.auth.me.$get()),
    staleTime: 60_000,
  });

export const unitFiltersQuery = (tenant: string) =>
  queryOptions({
    queryKey: [...keys.tenant(tenant), "unit-filters"] as const,
    queryFn: () => unwrap(client.api.t[":tenant"]["unit-filters"].$get({ param: { tenant } })),
    staleTime: 5 * 60_000,
  });

export const unitListQuery = (tenant: string, search: UnitSearch) =>
  queryOptions({
    queryKey: [...keys.tenant(tenant), "units", search] as const,
    queryFn: () =>
      unwrap(
        client.api.t[":tenant"].units.$get({
          param: { tenant },
          query: {
            city: search.city,
            sector: search.sector,
            kind: search.kind,
            status: search.status,
            q: search.q,
            page: String(search.page ?? 1),
            pageSize: String(UNIT_PAGE_SIZE),
          },
        }),
      ),
  });

export const unitDetailQuery = (tenant: string, id: string) =>
  queryOptions({
    queryKey: [...keys.tenant(tenant), "unit", id] as const,
    queryFn: () => unwrap(client.api.t[":tenant"].units[":id"].$get({ param: { tenant, id } })),
  });

export type Me = OkBody<Awaited<ReturnType<typeof client.api.auth.me.$get>>>;
export type Membership = Me["memberships"][number];
export type Role = Membership["role"];
type TenantApi = (typeof client.api.t)[":tenant"];
export type UnitPage = OkBody<Awaited<ReturnType<TenantApi["units"]["$get"]>>>;
export type UnitSummary = UnitPage["items"][number];
export type UnitDetail = OkBody<Awaited<ReturnType<TenantApi["units"][":id"]["$get"]>>>;
export type UnitFilterOptions = OkBody<Awaited<ReturnType<TenantApi["unit-filters"]["$get"]>>>;
