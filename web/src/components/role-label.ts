import type { TFunction } from "i18next";
import type { Role } from "../api/queries.ts";

/** The label for what a user is here: a role in a tenant, or the platform admin outside any tenant. */
export function roleLabel(t: TFunction, role: Role | "platform_admin"): string {
  return t(`role.${role}`);
}
