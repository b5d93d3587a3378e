import { and, desc, eq, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { scoreChanges, scoreForms, users } from "../../db/schema.ts";
import type { ScoreChangeStatus, Stage } from "../domain/vocabulary.ts";
import { type Db, newId, nowIso } from "./db.ts";
import type { Scope } from "./scope.ts";
import type { ItemScoreValue } from "./score-forms.ts";
import type { ApplicationRef } from "./unit-access.ts";

// Score changes after a stage closed (评分修改): the form's reviewer proposes new items with a reason; a second
// reviewer approves (the form is rewritten) or rejects. Both steps are audited on the application.

/** What a proposal stores: the form as it would be, and its total before and after. */
export interface Proposal {
  items: ItemScoreValue[];
  vetoFindings: { ruleId: string; reason: string }[];
  before: number;
  after: number;
}

const proposer = alias(users, "proposer");
const decider = alias(users, "decider");

const changeColumns = {
  id: scoreChanges.id,
  applicationId: scoreChanges.applicationId,
  formId: scoreChanges.formId,
  stage: scoreForms.stage,
  formReviewerId: scoreForms.reviewerUserId,
  proposedById: scoreChanges.proposedBy,
  proposedByName: proposer.displayName,
  reason: scoreChanges.reason,
  proposal: scoreChanges.proposal,
  formVersion: scoreChanges.formVersion,
  status: scoreChanges.status,
  decidedById: scoreChanges.decidedBy,
  decidedByName: decider.displayName,
  decisionReason: scoreChanges.decisionReason,
  createdAt: scoreChanges.createdAt,
};

function changesSelect(db: Db) {
  return db
    .select(changeColumns)
    .from(scoreChanges)
    .innerJoin(scoreForms, eq(scoreForms.id, scoreChanges.formId))
    .leftJoin(proposer, eq(proposer.id, scoreChanges.proposedBy))
    .leftJoin(decider, eq(decider.id, scoreChanges.decidedBy));
}

/** Every score change of the application, newest first. */
export function changesOf(db: Db, app: ApplicationRef) {
  return changesSelect(db)
    .where(and(eq(scoreChanges.tenantId, app.tenantId), eq(scoreChanges.applicationId, app.id), app.inScope))
    .orderBy(desc(scoreChanges.createdAt), desc(scoreChanges.id));
}

/** One score change of the application. */
export function changeLookup(db: Db, app: ApplicationRef, changeId: string) {
  return changesSelect(db)
    .where(
      and(
        eq(scoreChanges.tenantId, app.tenantId),
        eq(scoreChanges.applicationId, app.id),
        eq(scoreChanges.id, changeId),
        app.inScope,
      ),
    )
    .limit(1);
}

export type ChangeRow = Awaited<ReturnType<typeof changeLookup>>[number];

/** The API's ScoreChangeView of a stored change. */
export function changeView(row: ChangeRow) {
  const proposal = JSON.parse(row.proposal) as Proposal;
  return {
    id: row.id,
    applicationId: row.applicationId,
    stage: row.stage as Stage,
    proposedBy: { id: row.proposedById, name: row.proposedByName ?? "" },
    reason: row.reason,
    status: row.status,
    before: proposal.before,
    after: proposal.after,
    decidedBy: row.decidedById ? { id: row.decidedById, name: row.decidedByName ?? "" } : null,
    decisionReason: row.decisionReason,
    createdAt: row.createdAt,
  };
}

/**
 * A proposal over the form version the reviewer saw: stored only while the form is still at that version and
 * no other change of it is pending (the guard of the batch: 0 rows = stale or already pending).
 */
export function changePropose(
  db: Db,
  scope: Pick<Scope, "tenantId" | "userId">,
  app: ApplicationRef & { roundId: string },
  form: { id: string; version: number },
  proposal: Proposal,
  reason: string,
) {
  const id = newId();
  const now = nowIso();
  const pending = sql`exists (select 1 from ${scoreChanges} where ${scoreChanges.formId} = ${form.id}
    and ${scoreChanges.status} = 'pending')`;
  const atVersion = sql`exists (select 1 from ${scoreForms} where ${scoreForms.id} = ${form.id}
    and ${scoreForms.version} = ${form.version} and ${scoreForms.reviewerUserId} = ${scope.userId})`;
  return {
    id,
    // With raw SQL, drizzle inserts into the table's columns in schema order: the select follows that order.
    guard: db.insert(scoreChanges).select(
      sql`select ${id}, ${scope.tenantId}, ${app.roundId}, ${app.id}, ${form.id}, ${scope.userId}, ${reason},
          ${JSON.stringify(proposal)}, ${form.version}, 'pending', null, null, ${now}, null
          where ${atVersion} and not ${pending}`,
    ),
  };
}

/**
 * The second reviewer's decision, guarded by the change still pending and (to approve) its form still at the
 * proposed-against version. Returns the guard and a condition that holds after it only if this decision
 * happened, for the statements that apply an approval.
 */
export function changeDecide(
  db: Db,
  scope: Pick<Scope, "tenantId" | "userId">,
  change: { id: string; formId: string; formVersion: number },
  to: Exclude<ScoreChangeStatus, "pending">,
  reason: string | null,
) {
  const now = nowIso();
  const formAtVersion = sql`exists (select 1 from ${scoreForms} where ${scoreForms.id} = ${change.formId}
    and ${scoreForms.version} = ${change.formVersion})`;
  const guard = db
    .update(scoreChanges)
    .set({ status: to, decidedBy: scope.userId, decisionReason: reason, decidedAt: now })
    .where(
      and(
        eq(scoreChanges.tenantId, scope.tenantId),
        eq(scoreChanges.id, change.id),
        eq(scoreChanges.status, "pending"),
        to === "approved" ? formAtVersion : undefined,
      ),
    );
  const decided: SQL = sql`exists (select 1 from ${scoreChanges} where ${scoreChanges.id} = ${change.id}
    and ${scoreChanges.status} = ${to} and ${scoreChanges.decidedBy} = ${scope.userId}
    and ${scoreChanges.decidedAt} = ${now})`;
  return { guard, decided };
}
