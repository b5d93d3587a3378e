import type { BatchResponse } from "drizzle-orm/batch";
import { criteriaOfApplication } from "../data/applications.ts";
import { criteriaFound } from "../data/criteria.ts";
import type { Db } from "../data/db.ts";
import {
  type ConflictReason,
  conflictReason,
  ownConflict,
  type ReviewerFacts,
  reviewerSelf,
  scoringApplication,
  scoringApplicationFound,
} from "../data/panels.ts";
import { roundFound, roundOfApplication } from "../data/rounds.ts";
import type { Scope } from "../data/scope.ts";
import { type FormRow, ownForms, ownScores, ownSeats, type ScoreRow, STAGE_PHASE } from "../data/score-forms.ts";
import { sourcePointsOf, sourceSettingsOfApplication } from "../data/survey-results.ts";
import { questionsOf } from "../data/surveys.ts";
import type { ApplicationRef } from "../data/unit-access.ts";
import { type FormTotals, formTotals, unscoredItems } from "../domain/scoring/form-totals.ts";
import { sourcedItems } from "../domain/sourced-items.ts";
import { reviewerMissing } from "../domain/sourced-scores.ts";
import type { Stage } from "../domain/vocabulary.ts";
import { ApiError, type ErrorCode, errorBody } from "../errors.ts";
import type { CriteriaDocument } from "../schemas/criteria.ts";

// What the scoring routes share: the caller's own forms on an application with everything that decides whether
// they may write them (round phase, seat, conflicts), read in one batch; and how a form is shown.

/** The application with its round, criteria, the caller as a reviewer, their seats, conflict, forms and scores. */
export function formStatements(db: Db, scope: Scope, ref: ApplicationRef) {
  return [
    scoringApplication(db, ref),
    roundOfApplication(db, ref),
    criteriaOfApplication(db, ref),
    reviewerSelf(db, scope),
    ownSeats(db, scope, ref),
    ownConflict(db, scope, ref),
    ownForms(db, scope, ref),
    ownScores(db, scope, ref),
    sourceSettingsOfApplication(db, ref),
    sourcePointsOf(db, ref),
  ] as const;
}

export type FormContext = ReturnType<typeof formContext>;

/** What `formStatements` read, or a 404 when the application is not in the caller's scope. */
export function formContext(
  ref: ApplicationRef,
  [app, round, criteria, self, seats, conflict, forms, scores, settings, sourcePoints]: BatchResponse<
    ReturnType<typeof formStatements>
  >,
) {
  const { questions, mutualItems } = settings[0] ?? { questions: null, mutualItems: null };
  return {
    ref,
    app: scoringApplicationFound(app),
    round: roundFound(round),
    doc: criteriaFound(criteria).doc,
    self: (self[0] ?? null) as ReviewerFacts | null,
    seats,
    conflict: conflict[0] ?? null,
    forms,
    scores,
    /** Items the round's questionnaire or mutual assessment scores: reviewers give them nothing. */
    sourced: sourcedItems(
      questions === null ? [] : questionsOf({ questions }),
      mutualItems === null ? [] : (JSON.parse(mutualItems) as string[]),
    ),
    sourcePoints,
  };
}

/** The base items the caller has not scored yet, leaving out those a source scores. */
export const missingItems = (ctx: FormContext, items: Parameters<typeof unscoredItems>[1]) =>
  reviewerMissing(unscoredItems(ctx.doc, items), ctx.sourced);

/** The sourced items (in the system's order) with the points their source gave the application so far. */
function sourcedView(ctx: FormContext) {
  const kept = new Map(ctx.sourcePoints.map((p) => [p.itemCode, p]));
  return ctx.doc.categories
    .flatMap((c) => c.items)
    .flatMap((item) => {
      const source = ctx.sourced.get(item.code);
      if (!source) return [];
      const p = kept.get(item.code);
      return [
        {
          itemCode: item.code,
          source,
          points: p?.points ?? 0,
          answers: p?.answers ?? 0,
          belowMinimum: p ? Boolean(p.belowMinimum) : true,
        },
      ];
    });
}

/** The caller's conflict with the application at a stage (derived from their unit, or declared), if any. */
export function conflictOfCaller(ctx: FormContext, stage: Stage): ConflictReason | null {
  if (!ctx.self) return null;
  const { avoidSameParentBody, avoidOwnCityAtProvince } = ctx.round.settings.review;
  return conflictReason(
    ctx.self,
    ctx.app,
    stage,
    { avoidSameParentBody, avoidOwnCityAtProvince },
    ctx.conflict?.status ?? null,
  );
}

/**
 * Why the caller may not write their form at this stage now, in the order a save checks it: the round not in
 * the stage's review phase (409 `round_<phase>`), no active seat on the panel (403 `not_assigned`), a conflict
 * of interest not overridden (403 `reviewer_conflicted`). Null when they may.
 */
export function formLock(ctx: FormContext, stage: Stage): ErrorCode | null {
  if (ctx.round.phase !== STAGE_PHASE[stage]) return `round_${ctx.round.phase}`;
  if (!ctx.self || !ctx.seats.some((s) => s.stage === stage && s.status === "active")) return "not_assigned";
  if (conflictOfCaller(ctx, stage)) return "reviewer_conflicted";
  return null;
}

/** Throws the lock's error (with the round's phase as the current state of a phase refusal). */
export function refuseLocked(ctx: FormContext, stage: Stage): void {
  const lock = formLock(ctx, stage);
  if (lock) throw new ApiError(lock, { current: { phase: ctx.round.phase } });
}

/** The API's totals: method and category subtotals as lists (categories in the system's order). */
export function totalsView(
  doc: CriteriaDocument | null,
  totals: Pick<FormTotals, "base" | "bonus" | "deduction" | "total"> & {
    methods: Partial<FormTotals["methods"]>;
    categories: Record<string, number>;
  },
) {
  const codes = doc ? doc.categories.map((c) => c.code) : Object.keys(totals.categories);
  return {
    base: totals.base,
    bonus: totals.bonus,
    deduction: totals.deduction,
    total: totals.total,
    methods: (["material", "onsite", "survey", "online"] as const).map((method) => ({
      method,
      points: totals.methods[method] ?? 0,
    })),
    categories: codes.map((code) => ({ code, points: totals.categories[code] ?? 0 })),
  };
}

/** A stored form's kept totals (its row and subtotals JSON) in the API's shape. */
export function storedTotals(form: Pick<FormRow, "base" | "bonus" | "deduction" | "total" | "subtotals">) {
  const sub = JSON.parse(form.subtotals) as { methods?: FormTotals["methods"]; categories?: Record<string, number> };
  return totalsView(null, { ...form, methods: sub.methods ?? {}, categories: sub.categories ?? {} });
}

export const itemsOfForm = (scores: readonly ScoreRow[], formId: string | undefined) =>
  scores
    .filter((s) => s.formId === formId)
    .map((s) => ({ itemCode: s.itemCode, points: s.points, grade: s.grade, comment: s.comment }));

/** The caller's own form at a stage as the API shows it (version 0 and no items while none is saved). */
export function formView(ctx: FormContext, stage: Stage) {
  const form = ctx.forms.find((f) => f.stage === stage);
  const items = itemsOfForm(ctx.scores, form?.id);
  const lock = formLock(ctx, stage);
  return {
    applicationId: ctx.app.id,
    stage,
    status: form?.status ?? "draft",
    version: form?.version ?? 0,
    items,
    vetoFindings: form ? (JSON.parse(form.vetoFindings) as { ruleId: string; reason: string }[]) : [],
    totals: totalsView(ctx.doc, formTotals(ctx.doc, items)),
    missing: missingItems(ctx, items),
    sourced: sourcedView(ctx),
    submittedAt: form?.submittedAt ?? null,
    editable: lock === null,
    lockedReason: lock ? errorBody(lock).error.message : null,
  };
}
