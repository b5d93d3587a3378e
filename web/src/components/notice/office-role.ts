import type { Membership } from "../../api/queries.ts";

/**
 * Who publishes the notice, handles objections, names the round and changes titles: tenant admins and reviewers whose scope is
 * the whole tenant (the provincial reviewer). City reviewers may read their cities' objections only.
 */
export function isProvincialOffice(membership: Membership | undefined): boolean {
  if (!membership) return false;
  if (membership.role === "tenant_admin") return true;
  return membership.role === "reviewer" && (membership.jurisdiction?.level ?? "province") === "province";
}

/** The office's readers of a notice: admins and reviewers; units and department accounts see none. */
export function readsNotice(membership: Membership | undefined): boolean {
  return membership?.role === "tenant_admin" || membership?.role === "reviewer";
}
