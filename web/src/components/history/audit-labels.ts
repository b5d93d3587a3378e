import type { TFunction } from "i18next";
import type { AuditAction } from "../../../../worker/domain/audit-actions.ts";

/** Every action the Worker records, in words: typed against its list, so a new action cannot go unnamed. */
const ACTIONS = {
  "tenant.create": "auditAction.tenantCreate",
  "tenant.suspend": "auditAction.tenantSuspend",
  "tenant.resume": "auditAction.tenantResume",
  "auth.login": "auditAction.authLogin",
  "auth.login_failed": "auditAction.authLoginFailed",
  "auth.logout": "auditAction.authLogout",
  "auth.end_session": "auditAction.authEndSession",
  "account.activate": "auditAction.accountActivate",
  "account.reset_password": "auditAction.accountReset",
  "account.change_password": "auditAction.accountPassword",
  "person.create": "auditAction.personCreate",
  "person.bulk_create": "auditAction.personBulk",
  "person.update": "auditAction.personUpdate",
  "person.deactivate": "auditAction.personDeactivate",
  "person.reactivate": "auditAction.personReactivate",
  "person.activation_link": "auditAction.personLink",
  "person.reset_link": "auditAction.personLink",
  "settings.update": "auditAction.settingsUpdate",
  "settings.logo": "auditAction.settingsLogo",
  "classifications.update": "auditAction.classificationsUpdate",
  "synonyms.save": "auditAction.synonymsSave",
  "unit.register": "auditAction.unitRegister",
  "unit.approve": "auditAction.unitApprove",
  "unit.reject": "auditAction.unitReject",
  "unit.bulk_create": "auditAction.unitBulk",
  "award.record": "auditAction.awardRecord",
  "program.create": "auditAction.programCreate",
  "program.save": "auditAction.programSave",
  "program.publish": "auditAction.programPublish",
  "record.create": "auditAction.recordCreate",
  "record.update": "auditAction.recordUpdate",
  "record.delete": "auditAction.recordDelete",
  "record.attach": "auditAction.recordAttach",
  "criteria.create": "auditAction.criteriaCreate",
  "criteria.update": "auditAction.criteriaUpdate",
  "criteria.copy": "auditAction.criteriaCopy",
  "criteria.import": "auditAction.criteriaImport",
  "round.create": "auditAction.roundCreate",
  "round.update": "auditAction.roundUpdate",
  "round.advance": "auditAction.roundAdvance",
  "application.create": "auditAction.applicationCreate",
  "application.save_item": "auditAction.applicationSaveItem",
  "application.save_items": "auditAction.applicationSaveItems",
  "application.save_report": "auditAction.applicationSaveReport",
  "application.add_file": "auditAction.applicationAddFile",
  "application.remove_file": "auditAction.applicationRemoveFile",
  "application.submit": "auditAction.applicationSubmit",
  "application.withdraw": "auditAction.applicationWithdraw",
  "application.return": "auditAction.applicationReturn",
  "panel.set": "auditAction.panelSet",
  "panel.auto_assign": "auditAction.panelAutoAssign",
  "panel.exempt": "auditAction.panelExempt",
  "conflict.declare": "auditAction.conflictDeclare",
  "conflict.accept": "auditAction.conflictAccept",
  "conflict.override": "auditAction.conflictOverride",
  "score.save": "auditAction.scoreSave",
  "score.submit": "auditAction.scoreSubmit",
  "score.change_propose": "auditAction.scoreChangePropose",
  "score.change_approve": "auditAction.scoreChangeApprove",
  "score.change_reject": "auditAction.scoreChangeReject",
  "application.decide": "auditAction.applicationDecide",
  "signoff.record": "auditAction.signoffRecord",
  "round.calibrate": "auditAction.roundCalibrate",
  "notice.publish": "auditAction.noticePublish",
  "objection.update": "auditAction.objectionUpdate",
  "objection.decide": "auditAction.objectionDecide",
  "round.name": "auditAction.roundName",
  "award.outcome": "auditAction.awardOutcome",
  "application.title_outcome": "auditAction.applicationTitleOutcome",
  "objection.lodge": "auditAction.objectionLodge",
  "survey.save": "survey.auditSave",
  "survey.enter_points": "surveyResults.auditEnterPoints",
  "mutual.save": "mutual.auditSave",
  "mutual.assign": "mutual.auditAssign",
  "mutual.score": "mutual.auditScore",
  "mutual.submit": "mutual.auditSubmit",
} as const satisfies Record<AuditAction, string>;

const TARGETS = {
  tenant: "auditTarget.tenant",
  membership: "auditTarget.membership",
  user: "auditTarget.user",
  account: "auditTarget.account",
  session: "auditTarget.session",
  settings: "auditTarget.settings",
  // The two office-defined lists are recorded under their list's name.
  sectors: "lists.sectors",
  "unit-kinds": "lists.unitKinds",
  unit: "auditTarget.unit",
  award: "auditTarget.award",
  program: "auditTarget.program",
  record: "auditTarget.record",
  criteria_system: "auditTarget.criteriaSystem",
  round: "auditTarget.round",
  application: "auditTarget.application",
  objection: "auditTarget.objection",
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

/**
 * What an event changed, in words: its type and the target's title ("单位 德阳市图书馆", "创建工作方案 《…》"),
 * or the type marked deleted; never the target's id.
 */
export function targetText(
  t: TFunction,
  event: { targetType: string; targetTitle: string | null; targetDeleted: boolean },
): string {
  const type = targetLabel(t, event.targetType);
  if (event.targetDeleted) return `${type}${t("audit.deleted")}`;
  if (event.targetTitle === null) return type;
  const title = event.targetType === "program" ? `《${event.targetTitle}》` : event.targetTitle;
  return `${type} ${title}`;
}

export function actorRoleLabel(t: TFunction, code: string | null): string {
  if (code === null) return "";
  return known(ROLES, code) ? t(ROLES[code]) : code;
}

export const ACTION_CODES = Object.keys(ACTIONS).filter((code) => code !== "person.reset_link");
export const TARGET_CODES = Object.keys(TARGETS);
