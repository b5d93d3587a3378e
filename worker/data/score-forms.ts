import { and, asc, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { assignments, conflicts, rounds, scoreForms, scores, users } from "../../db/schema.ts";
import type { FormTotals } from "../domain/scoring/form-totals.ts";
import type { FormStatus, Phase, Stage } from "../domain/vocabulary.ts";
import { type Db, newId, nowIso } from "./db.ts";
import { BLOCKING_CONFLICTS } from "./panels.ts";
import type { Scope } from "./scope.ts";
import type { ApplicationRef } from "./unit-access.ts";

// Reviewers' scoring forms (评分表) and their item scores. A form is saved whole: its row (totals kept on
// write) and every item score in one batch, guarded by the version the reviewer started from.

const formColumns = {
  id: scoreForms.id,
  stage: scoreForms.stage,
  reviewerId: scoreForms.reviewerUserId,
  status: scoreForms.status,
  version: scoreForms.version,
  base: scoreForms.base,
  bonus: scoreForms.bonus,
  deduction: scoreForms.deduction,
  total: scoreForms.total,
  subtotals: scoreForms.subtotals,
  vetoFindings: scoreForms.vetoFindings,
  submittedAt: scoreForms.submittedAt,
};

export type FormRow = Awaited<ReturnType<typeof ownForms>>[number];

const scoreColumns = {
  formId: scores.formId,
  itemCode: scores.itemCode,
  points: scores.points,
  grade: scores.grade,
  comment: scores.comment,
};

export type ScoreRow = Awaited<ReturnType<typeof ownScores>>[number];

/** The caller's own forms on the application (one per stage at most). */
export function ownForms(db: Db, scope: Pick<Scope, "userId">, app: ApplicationRef) {
  return db
    .select(formColumns)
    .from(scoreForms)
    .where(
      and(
        eq(scoreForms.tenantId, app.tenantId),
        eq(scoreForms.applicationId, app.id),
        eq(scoreForms.reviewerUserId, scope.userId),
        app.inScope,
      ),
    );
}

/** The item scores of the caller's own forms on the application. */
export function ownScores(db: Db, scope: Pick<Scope, "userId">, app: ApplicationRef) {
  return db
    .select(scoreColumns)
    .from(scores)
    .innerJoin(scoreForms, eq(scoreForms.id, scores.formId))
    .where(
      and(
        eq(scoreForms.tenantId, app.tenantId),
        eq(scoreForms.applicationId, app.id),
        eq(scoreForms.reviewerUserId, scope.userId),
        app.inScope,
      ),
    )
    .orderBy(asc(scores.itemCode));
}

/** The caller's own seats on the application's panels (one per stage at most). */
export function ownSeats(db: Db, scope: Pick<Scope, "userId">, app: ApplicationRef) {
  return db
    .select({ stage: assignments.stage, status: assignments.status })
    .from(assignments)
    .where(
      and(
        eq(assignments.tenantId, app.tenantId),
        eq(assignments.applicationId, app.id),
        eq(assignments.reviewerUserId, scope.userId),
        app.inScope,
      ),
    );
}

/** Forms the caller may read on the application: every submitted one, and their own drafts. */
function readableForm(scope: Pick<Scope, "userId">): SQL {
  return or(eq(scoreForms.status, "submitted"), eq(scoreForms.reviewerUserId, scope.userId)) as SQL;
}

/** Every form the caller may read on the application, with its reviewer's name. */
export function readableForms(db: Db, scope: Pick<Scope, "userId">, app: ApplicationRef) {
  return db
    .select({ ...formColumns, reviewerName: users.displayName })
    .from(scoreForms)
    .innerJoin(users, eq(users.id, scoreForms.reviewerUserId))
    .where(
      and(
        eq(scoreForms.tenantId, app.tenantId),
        eq(scoreForms.applicationId, app.id),
        readableForm(scope),
        app.inScope,
      ),
    )
    .orderBy(asc(scoreForms.stage), asc(users.displayName), asc(scoreForms.id));
}

/** The item scores of the forms `readableForms` lists. */
export function readableScores(db: Db, scope: Pick<Scope, "userId">, app: ApplicationRef) {
  return db
    .select(scoreColumns)
    .from(scores)
    .innerJoin(scoreForms, eq(scoreForms.id, scores.formId))
    .where(
      and(
        eq(scoreForms.tenantId, app.tenantId),
        eq(scoreForms.applicationId, app.id),
        readableForm(scope),
        app.inScope,
      ),
    )
    .orderBy(asc(scores.itemCode));
}

/** The review phase in which a stage's forms are written. */
export const STAGE_PHASE: Record<Stage, Phase> = { city: "city_review", province: "province_review" };

/**
 * True while the caller may still write their form of the application at the stage: the round in the stage's
 * phase, their seat active, and no declared or accepted conflict. Part of every form write's guard, so a
 * phase change, a removal or a conflict that lands between the save's read and its batch stops the save.
 */
export function formStillOpen(
  scope: Pick<Scope, "tenantId" | "userId">,
  app: { id: string; roundId: string },
  stage: Stage,
): SQL {
  return sql`exists (select 1 from ${rounds} where ${rounds.tenantId} = ${scope.tenantId}
      and ${rounds.id} = ${app.roundId} and ${rounds.phase} = ${STAGE_PHASE[stage]})
    and exists (select 1 from ${assignments} where ${assignments.applicationId} = ${app.id}
      and ${assignments.stage} = ${stage} and ${assignments.reviewerUserId} = ${scope.userId}
      and ${assignments.status} = 'active')
    and not exists (select 1 from ${conflicts} where ${conflicts.applicationId} = ${app.id}
      and ${conflicts.reviewerUserId} = ${scope.userId}
      and ${conflicts.status} in (${sql.join(
        BLOCKING_CONFLICTS.map((s) => sql`${s}`),
        sql`, `,
      )}))`;
}

export interface ItemScoreValue {
  itemCode: string;
  points: number | null;
  grade: string | null;
  comment: string;
}

/** What a save writes: the whole form. */
export interface FormContent {
  items: readonly ItemScoreValue[];
  vetoFindings: readonly { ruleId: string; reason: string }[];
  totals: FormTotals;
  status: FormStatus;
  submittedAt: string | null;
}

function formFields(content: FormContent) {
  const { totals } = content;
  return {
    status: content.status,
    base: totals.base,
    bonus: totals.bonus,
    deduction: totals.deduction,
    total: totals.total,
    subtotals: JSON.stringify({ methods: totals.methods, categories: totals.categories }),
    vetoFindings: JSON.stringify(content.vetoFindings),
    submittedAt: content.submittedAt,
    updatedAt: nowIso(),
  };
}

/** Every item score of a form in ONE statement (one JSON parameter), only where `condition` holds. */
export function scoresUpsert(
  db: Db,
  form: { id: string; tenantId: string; applicationId: string },
  items: readonly ItemScoreValue[],
  condition: SQL,
): BatchItem<"sqlite"> {
  const json = JSON.stringify(
    items.map((i) => ({ itemCode: i.itemCode, points: i.points, grade: i.grade, comment: i.comment })),
  );
  // With raw SQL, drizzle inserts into the table's columns in schema order: the select follows that order.
  return db
    .insert(scores)
    .select(
      sql`select ${form.id}, ${form.tenantId}, ${form.applicationId}, json_extract(value, '$.itemCode'),
        json_extract(value, '$.points'), json_extract(value, '$.grade'), json_extract(value, '$.comment')
        from json_each(${json}) where ${condition}`,
    )
    .onConflictDoUpdate({
      target: [scores.formId, scores.itemCode],
      set: { points: sql`excluded.points`, grade: sql`excluded.grade`, comment: sql`excluded.comment` },
    });
}

/** Removes the form's item scores the saved form no longer has, only where `condition` holds. */
export function scoresPrune(
  db: Db,
  form: { id: string },
  items: readonly ItemScoreValue[],
  condition: SQL,
): BatchItem<"sqlite"> {
  const codes = JSON.stringify(items.map((i) => i.itemCode));
  return db
    .delete(scores)
    .where(
      and(
        eq(scores.formId, form.id),
        sql`${scores.itemCode} not in (select value from json_each(${codes}))`,
        condition,
      ),
    );
}

/** True while the form is at this version (a statement placed before the guard sees what the guard will). */
export function formAt(formId: string, version: number): SQL {
  return sql`exists (select 1 from ${scoreForms} where ${scoreForms.id} = ${formId}
    and ${scoreForms.version} = ${version})`;
}

/**
 * A whole-form save over the version the reviewer started from: `statements` then `guard`, for
 * `runAuditedThenRead` (the event is written only if the guard changed the form).
 *
 * Version 0 creates the form: the guard is an insert that does nothing when the form exists meanwhile (unique
 * application × stage × reviewer: a second tab's concurrent create answers 409, not 500), and the item scores
 * follow it, written only if the form with this request's new id exists. Version ≥ 1 updates: the item scores
 * come first, written only while the form is still at that version and still open, then the guarded update
 * with the same condition — one batch, so both see the same state.
 */
export function formSave(
  db: Db,
  scope: Pick<Scope, "tenantId" | "userId">,
  app: ApplicationRef & { roundId: string },
  stage: Stage,
  current: { id: string; version: number } | null,
  content: FormContent,
): { formId: string; statements: BatchItem<"sqlite">[]; guard: BatchItem<"sqlite">; after: BatchItem<"sqlite">[] } {
  const open = formStillOpen(scope, app, stage);
  const fields = formFields(content);
  if (!current) {
    const id = newId();
    const f = { ...fields, version: 1 };
    const form = { id, tenantId: scope.tenantId, applicationId: app.id };
    return {
      formId: id,
      statements: [],
      // With raw SQL, drizzle inserts into the table's columns in schema order: the select follows that order.
      guard: db
        .insert(scoreForms)
        .select(
          sql`select ${id}, ${scope.tenantId}, ${app.roundId}, ${app.id}, ${stage}, ${scope.userId}, ${f.status},
            ${f.version}, ${f.base}, ${f.bonus}, ${f.deduction}, ${f.total}, ${f.subtotals}, ${f.vetoFindings},
            ${f.submittedAt}, ${f.updatedAt} where ${open}`,
        )
        .onConflictDoNothing(),
      after: [scoresUpsert(db, form, content.items, formAt(id, 1))],
    };
  }
  const form = { id: current.id, tenantId: scope.tenantId, applicationId: app.id };
  const still = and(formAt(current.id, current.version), open) as SQL;
  return {
    formId: current.id,
    statements: [scoresUpsert(db, form, content.items, still), scoresPrune(db, form, content.items, still)],
    guard: db
      .update(scoreForms)
      .set({ ...fields, version: current.version + 1 })
      .where(
        and(
          eq(scoreForms.tenantId, scope.tenantId),
          eq(scoreForms.id, current.id),
          eq(scoreForms.reviewerUserId, scope.userId),
          eq(scoreForms.version, current.version),
          open,
        ),
      ),
    after: [],
  };
}

/**
 * A form rewritten by an approved score change: the form moves from `version` to `version + 1` and its item
 * scores are replaced, only where `condition` (the approval happened) holds — statements for `after`.
 */
export function formRewrite(
  db: Db,
  scope: Pick<Scope, "tenantId">,
  form: { id: string; applicationId: string; version: number },
  content: Omit<FormContent, "status" | "submittedAt">,
  condition: SQL,
): BatchItem<"sqlite">[] {
  const { status: _, submittedAt: __, ...fields } = formFields({ ...content, status: "submitted", submittedAt: null });
  const target = { id: form.id, tenantId: scope.tenantId, applicationId: form.applicationId };
  const moved = and(formAt(form.id, form.version + 1), condition) as SQL;
  return [
    db
      .update(scoreForms)
      .set({ ...fields, version: form.version + 1 })
      .where(
        and(
          eq(scoreForms.tenantId, scope.tenantId),
          eq(scoreForms.id, form.id),
          eq(scoreForms.version, form.version),
          condition,
        ),
      ),
    scoresUpsert(db, target, content.items, moved),
    scoresPrune(db, target, content.items, moved),
  ];
}

/** A form of the application by id (any reviewer), for score changes. */
export function formById(db: Db, app: ApplicationRef, formId: string) {
  return db
    .select(formColumns)
    .from(scoreForms)
    .where(
      and(
        eq(scoreForms.tenantId, app.tenantId),
        eq(scoreForms.applicationId, app.id),
        eq(scoreForms.id, formId),
        app.inScope,
      ),
    )
    .limit(1);
}

/** The seats of the application at the given statuses (for the blind first pass and checks). */
export function seatsOf(db: Db, app: ApplicationRef, statuses: readonly ("active" | "removed" | "exempt")[]) {
  return db
    .select({ stage: assignments.stage, reviewerId: assignments.reviewerUserId, status: assignments.status })
    .from(assignments)
    .where(
      and(
        eq(assignments.tenantId, app.tenantId),
        eq(assignments.applicationId, app.id),
        inArray(assignments.status, [...statuses]),
        app.inScope,
      ),
    );
}
