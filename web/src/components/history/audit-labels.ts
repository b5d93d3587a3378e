import type { TFunction } from "i18next";

/** Action codes the history shows in words; anything else is shown as its code. */
const ACTIONS = {
  "tenant.create": "auditAction.tenantCreate",
  "tenant.suspend": "auditAction.tenantSuspend",
  "tenant.resume": "auditAction.tenantResume",
  "person.create": "auditAction.personCreate",
  "person.update": "auditAction.personUpdate",
  "person.deactivate": "auditAction.personDeactivate",
  "person.reactivate": "auditAction.personReactivate",
  "person.activation_link": "auditAction.personLink",
  "person.reset_link": "auditAction.personLink",
  "person.bulk_create": "auditAction.personBulk",
  "settings.update": "auditAction.settingsUpdate",
  "settings.logo": "auditAction.settingsLogo",
  "classifications.update": "auditAction.classificationsUpdate",
  "account.activate": "auditAction.accountActivate",
  "account.password": "auditAction.accountPassword",
  "account.reset": "auditAction.accountReset",
} as const;

const TARGETS = {
  tenant: "auditTarget.tenant",
  membership: "auditTarget.membership",
  user: "auditTarget.user",
  settings: "auditTarget.settings",
  classification: "auditTarget.classification",
  unit: "auditTarget.unit",
} as const;

const ROLES = {
  tenant_admin: "role.tenant_admin",
  reviewer: "role.reviewer",
  department: "role.department",
  unit_staff: "role.unit_staff",
  platform_admin: "role.platform_admin",
} as const;

function known<T extends object>(map: T, code: string): code is Extract<keyof T, string> {
  return Object.hasOwn(map, code);
}

export function actionLabel(t: TFunction, code: string): string {
  return known(ACTIONS, code) ? t(ACTIONS[code]) : code;
}

export function targetLabel(t: TFunction, code: string): string {
  return known(TARGETS, code) ? t(TARGETS[code]) : code;
}

export function actorRoleLabel(t: TFunction, code: string | null): string {
  if (code === null) return "";
  return known(ROLES, code) ? t(ROLES[code]) : code;
}

export const ACTION_CODES = Object.keys(ACTIONS).filter((code) => code !== "person.reset_link");
export const TARGET_CODES = Object.keys(TARGETS);
