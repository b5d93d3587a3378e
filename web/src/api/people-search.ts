/** The people list's filters and page as they live in the URL; malformed values are dropped. */
import {
  MANAGED_ROLES,
  type ManagedRole,
  ROLES as PERSON_ROLES,
  MEMBERSHIP_STATUSES as PERSON_STATUSES,
  type Role as PersonRole,
  type MembershipStatus as PersonStatus,
} from "../../../worker/domain/vocabulary.ts";

export { MANAGED_ROLES, type ManagedRole, PERSON_ROLES, PERSON_STATUSES, type PersonRole, type PersonStatus };

export interface PeopleSearch {
  q?: string;
  role?: PersonRole;
  status?: PersonStatus;
  page?: number;
}

function oneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === "string" && (values as readonly string[]).includes(value);
}

export function isManagedRole(value: unknown): value is ManagedRole {
  return oneOf(MANAGED_ROLES, value);
}

export function validatePeopleSearch(raw: Record<string, unknown>): PeopleSearch {
  const search: PeopleSearch = {};
  if (typeof raw.q === "string" || typeof raw.q === "number") {
    const q = String(raw.q).trim().slice(0, 100);
    if (q) search.q = q;
  }
  if (oneOf(PERSON_ROLES, raw.role)) search.role = raw.role;
  if (oneOf(PERSON_STATUSES, raw.status)) search.status = raw.status;
  const page = Number(raw.page);
  if (Number.isInteger(page) && page > 1 && page <= 100_000) search.page = page;
  return search;
}
