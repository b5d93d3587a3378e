import { useSuspenseQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { type Membership, meQuery } from "../api/queries.ts";

const tenantRoute = getRouteApi("/_app/t/$tenant");

/** The signed-in user's membership in the tenant of the URL (the route guard has loaded `me`). */
export function useMembership(): { tenant: string; membership: Membership | undefined } {
  const { tenant } = tenantRoute.useParams();
  const { data: me } = useSuspenseQuery(meQuery());
  return { tenant, membership: me.memberships.find((m) => m.tenant.slug === tenant) };
}
