import { useMembership } from "./use-membership.ts";

/** What the signed-in member may do with one unit's pages: staff edit their own; everyone else reads. */
export function useUnitAccess(unitId: string) {
  const { tenant, membership } = useMembership();
  const ownUnit = membership?.role === "unit_staff" && membership.unit?.id === unitId;
  return { tenant, ownUnit, readOnly: !ownUnit };
}
