import type { BatchResponse } from "drizzle-orm/batch";
import {
  type ApplicationRecord,
  applicationFound,
  applicationLookup,
  criteriaOfApplication,
  evidenceOf,
  filesOf,
  itemsOf,
} from "../data/applications.ts";
import { type AuditEvent, type AuditedOptions, auditEvent, runAuditedThenRead } from "../data/audit.ts";
import { type awardsOfUnit, unitEligibility } from "../data/awards.ts";
import { criteriaFound } from "../data/criteria.ts";
import type { Db } from "../data/db.ts";
import { type RoundRecord, roundFound, roundOfApplication } from "../data/rounds.ts";
import type { Scope } from "../data/scope.ts";
import { type ApplicationRef, applicationRef, writableFacts } from "../data/unit-access.ts";
import type { AuditAction } from "../domain/audit-actions.ts";
import { itemsByCode, totalScore } from "../domain/criteria.ts";
import { completeness, itemGaps } from "../domain/evidence-rules.ts";
import { editActionFor } from "../domain/round-phase.ts";
import { ApiError } from "../errors.ts";
import type { CriteriaDocument } from "../schemas/criteria.ts";
import { requirePhase } from "./rounds.ts";

// What the application routes share: an application read with its round, criteria and evidence in one
// batch, what the unit may do with it, and how it is shown.

interface Loaded {
  ref: ApplicationRef;
  app: ApplicationRecord;
  round: RoundRecord;
  criteria: CriteriaDocument;
  items: Awaited<ReturnType<typeof itemsOf>>;
  files: Awaited<ReturnType<typeof filesOf>>;
}

/** The application in scope with its round, criteria system, self-assessment and files, as statements. */
export function loadStatements(db: Db, ref: ApplicationRef) {
  return [
    applicationLookup(db, ref),
    roundOfApplication(db, ref),
    criteriaOfApplication(db, ref),
    itemsOf(db, ref),
    filesOf(db, ref),
  ] as const;
}

/** What `loadStatements` read, or a 404: before a write, or at the end of its batch to answer it. */
export function loadedFrom(
  ref: ApplicationRef,
  [app, round, criteria, items, files]: BatchResponse<ReturnType<typeof loadStatements>>,
): Loaded {
  return {
    ref,
    app: applicationFound(app),
    round: roundFound(round),
    criteria: criteriaFound(criteria).doc,
    items,
    files,
  };
}

/** The application's own evidence as the rules see it. */
export function evidenceIn(loaded: Loaded) {
  const files = loaded.files.map((f) => ({ applicationId: f.applicationId, itemCode: f.itemCode, n: 1 }));
  return evidenceOf(loaded.items, files).get(loaded.app.id) ?? new Map();
}

/** The 409 for an application whose status forbids the action: a withdrawn one says so. */
export function lockedError(app: ApplicationRecord): ApiError {
  const code = app.status === "withdrawn" ? "application_withdrawn" : "application_locked";
  return new ApiError(code, { current: { status: app.status } });
}

/** The unit's own staff may edit while the status and the round's phase allow it. */
export function editable(scope: Scope, loaded: Pick<Loaded, "app" | "round">) {
  writableOwn(scope, loaded.app);
  const action = editActionFor(loaded.app.status);
  if (!action) throw lockedError(loaded.app);
  requirePhase(action, loaded.round.phase);
  return action;
}

/** Only the unit's own staff write its application, and only while the unit is active. */
export function writableOwn(scope: Scope, app: ApplicationRecord) {
  writableFacts(scope, { id: app.unitId, status: app.unitStatus });
}

export function checkVersion(app: ApplicationRecord, version: number) {
  if (app.version !== version)
    throw new ApiError("stale_version", { current: { version: app.version, status: app.status } });
}

/** A unit's standing against the round's title gate, judged on the round's day, from the titles it holds. */
export function eligibilityIn(round: RoundRecord, held: Awaited<ReturnType<typeof awardsOfUnit>>) {
  const { eligibility: rule, dates } = round.settings;
  return unitEligibility(held, rule, dates.applicationsOpen, new Date());
}

/** The API's view of a loaded application. */
export function present(loaded: Loaded) {
  const { app, criteria, items: rows, files } = loaded;
  const mine = evidenceIn(loaded);
  const baseCodes = new Set(criteria.categories.flatMap((c) => c.items.map((i) => i.code)));
  const items = [...itemsByCode(criteria).values()].map((item) => {
    const row = rows.find((r) => r.itemCode === item.code);
    return {
      itemCode: item.code,
      selfPoints: row?.selfPoints ?? null,
      selfGrade: row?.selfGrade ?? null,
      note: row?.note ?? "",
      links: row ? (JSON.parse(row.links) as string[]) : [],
      measureKeys: row ? (JSON.parse(row.measureKeys) as string[]) : [],
      recordIds: row ? (JSON.parse(row.recordIds) as string[]) : [],
      files: files.filter((f) => f.itemCode === item.code).map(({ itemCode: _, applicationId: __, ...f }) => f),
      gaps: baseCodes.has(item.code) ? itemGaps(item, mine.get(item.code)) : [],
    };
  });
  const scores = new Map(items.map((i) => [i.itemCode, { points: i.selfPoints, grade: i.selfGrade }]));
  return {
    id: app.id,
    roundId: app.roundId,
    unit: { id: app.unitId, name: app.unitName },
    channel: app.channel,
    channelSectorId: app.channelSectorId,
    status: app.status,
    returnReason: app.returnReason,
    submittedAt: app.submittedAt,
    version: app.version,
    selfTotal: totalScore(criteria, scores).total,
    completeness: completeness(criteria, mine),
    items,
  };
}

export async function load(db: Db, scope: Scope, id: string): Promise<Loaded> {
  const ref = applicationRef(db, scope, id);
  return loadedFrom(ref, await db.batch(loadStatements(db, ref)));
}

export async function view(db: Db, scope: Scope, id: string) {
  return present(await load(db, scope, id));
}

/**
 * A guarded change of the application and its audit event, with the application read again at the end of
 * the same batch: the answer, or the current state for a 409 when another tab changed it first.
 */
export async function changed(db: Db, loaded: Loaded, event: AuditEvent, options: AuditedOptions) {
  const { applied, read } = await runAuditedThenRead(db, [], event, options, loadStatements(db, loaded.ref));
  const now = present(loadedFrom(loaded.ref, read));
  if (!applied) throw new ApiError("stale_version", { current: now });
  return now;
}

export const audit = (
  scope: Scope,
  action: AuditAction,
  targetId: string,
  extra: { before?: unknown; after?: unknown; reason?: string | null } = {},
) => auditEvent(scope, { action, targetType: "application", targetId, ...extra });
