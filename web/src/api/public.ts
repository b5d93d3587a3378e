import type { z } from "@hono/zod-openapi";
import { queryOptions } from "@tanstack/react-query";
// Type-only: the shapes of the public API, fixed by worker/schemas/public.ts.
import type {
  ObjectionBody,
  PublicAward,
  PublicAwardList,
  PublicNoticeList,
  PublicOfficeSummary,
  PublicUnit,
} from "../../../worker/schemas/public.ts";
import type { PublicAwardSearch } from "../routes/public/award-search.ts";
import { client, unwrap } from "./client.ts";

export const PUBLIC_PAGE_SIZE = 20;

export type PublicAwardRow = z.infer<typeof PublicAward>;
export type PublicAwardPage = z.infer<typeof PublicAwardList>;
export type OfficeSummary = z.infer<typeof PublicOfficeSummary>;
export type PublicUnitView = z.infer<typeof PublicUnit>;
export type PublicNotice = z.infer<typeof PublicNoticeList>["items"][number];
export type ObjectionInput = z.input<typeof ObjectionBody>;

const publicApi = client.api.public;
const root = (tenant: string) => ["public", tenant] as const;

// The Worker caches these at the edge; a minute in the browser keeps page flips instant without going stale.
const PUBLIC_STALE = 60_000;

export const officeSummaryQuery = (tenant: string) =>
  queryOptions({
    queryKey: [...root(tenant), "summary"] as const,
    queryFn: (): Promise<OfficeSummary> => unwrap(publicApi.t[":tenant"].summary.$get({ param: { tenant } })),
    staleTime: PUBLIC_STALE,
  });

export const publicAwardsQuery = (tenant: string, search: PublicAwardSearch, pageSize = PUBLIC_PAGE_SIZE) =>
  queryOptions({
    queryKey: [...root(tenant), "awards", search, pageSize] as const,
    queryFn: (): Promise<PublicAwardPage> =>
      unwrap(
        publicApi.t[":tenant"].awards.$get({
          param: { tenant },
          query: {
            level: search.level,
            city: search.city,
            sector: search.sector,
            term: search.term,
            q: search.q,
            status: search.status ?? "current",
            page: String(search.page ?? 1),
            pageSize: String(pageSize),
          },
        }),
      ),
    staleTime: PUBLIC_STALE,
  });

export const publicUnitQuery = (tenant: string, unitId: string) =>
  queryOptions({
    queryKey: [...root(tenant), "unit", unitId] as const,
    queryFn: (): Promise<PublicUnitView> =>
      unwrap(publicApi.t[":tenant"].units[":unitId"].$get({ param: { tenant, unitId } })),
    staleTime: PUBLIC_STALE,
  });

export const publicNoticesQuery = (tenant: string) =>
  queryOptions({
    queryKey: [...root(tenant), "notices"] as const,
    queryFn: (): Promise<z.infer<typeof PublicNoticeList>> =>
      unwrap(publicApi.t[":tenant"].notices.$get({ param: { tenant } })),
    staleTime: PUBLIC_STALE,
  });

export const objectionStatusQuery = (reference: string) =>
  queryOptions({
    queryKey: ["public", "objection", reference] as const,
    queryFn: () => unwrap(publicApi.objections[":reference"].$get({ param: { reference } })),
    retry: false,
  });

export function lodgeObjection(tenant: string, body: ObjectionInput): Promise<{ reference: string }> {
  return unwrap(publicApi.t[":tenant"].objections.$post({ param: { tenant }, json: body }));
}
