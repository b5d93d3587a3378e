import type { Me } from "../api/queries.ts";

export type HomeTarget = { to: "/t/$tenant"; params: { tenant: string } } | { to: "/choose" } | { to: "/platform" };

/** Where a user lands after sign-in: their only office, a picker among several, or the platform page. */
export function homeTarget(me: Me): HomeTarget {
  const [only, ...others] = me.memberships;
  if (only && others.length === 0) return { to: "/t/$tenant", params: { tenant: only.tenant.slug } };
  if (!only && me.user.platformAdmin) return { to: "/platform" };
  return { to: "/choose" };
}
