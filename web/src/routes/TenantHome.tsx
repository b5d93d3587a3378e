import { StaffHome } from "./StaffHome.tsx";
import { UnitsBrowser } from "./UnitsBrowser.tsx";
import { useMembership } from "./use-membership.ts";

/** `/t/$tenant`: what a member sees first depends on their role. */
export function TenantHome() {
  const { tenant, membership } = useMembership();
  if (!membership) return null; // TenantLayout already explains.
  if (membership.role === "unit_staff") return <StaffHome tenant={tenant} unitId={membership.unit?.id} />;
  return <UnitsBrowser tenant={tenant} scopeName={membership.jurisdiction?.name} />;
}
