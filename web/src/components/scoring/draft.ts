// A reviewer's scoring form as the page edits it: one entry per item, the veto findings, and what the
// totals, the missing items and the problems are, computed by the SAME domain functions the Worker uses.
import {
  type FormTotals,
  formTotals,
  type ItemScoreInput,
  scoreProblems,
  unscoredItems,
  vetoProblems,
} from "../../../../worker/domain/scoring/form-totals.ts";
import { reviewerMissing } from "../../../../worker/domain/sourced-scores.ts";
import type { PointSource } from "../../../../worker/domain/vocabulary.ts";
import type { CriteriaDocument } from "../../../../worker/schemas/criteria.ts";
import type { CriteriaItem, CriteriaSystem } from "../../api/criteria.ts";
import type { SaveFormInput, ScoreForm, Stage } from "../../api/scoring.ts";

export interface DraftItem {
  points: number | null;
  grade: string | null;
  comment: string;
}

export interface DraftFinding {
  ruleId: string;
  reason: string;
}

export interface Draft {
  items: Record<string, DraftItem>;
  vetoFindings: DraftFinding[];
}

export type ItemKind = "base" | "bonus" | "deduction";

export interface ScoredItem {
  item: CriteriaItem;
  kind: ItemKind;
  /** The category's code for a base item; null for bonus and deduction items. */
  category: string | null;
}

export const EMPTY_ITEM: DraftItem = { points: null, grade: null, comment: "" };

/** The criteria system read as the domain's document (the view carries every field the domain needs). */
export function asDocument(system: CriteriaSystem): CriteriaDocument {
  return system;
}

/** Every item of the system in the form's order: base items by category, then bonus, then deduction items. */
export function scoredItems(system: CriteriaSystem): ScoredItem[] {
  return [
    ...system.categories.flatMap((c) => c.items.map((item) => ({ item, kind: "base" as const, category: c.code }))),
    ...system.bonusItems.map((item) => ({ item, kind: "bonus" as const, category: null })),
    ...system.deductionItems.map((item) => ({ item, kind: "deduction" as const, category: null })),
  ];
}

export function draftFromForm(form: Pick<ScoreForm, "items" | "vetoFindings">): Draft {
  const items: Record<string, DraftItem> = {};
  for (const s of form.items) items[s.itemCode] = { points: s.points, grade: s.grade, comment: s.comment };
  return { items, vetoFindings: form.vetoFindings.map((f) => ({ ruleId: f.ruleId, reason: f.reason })) };
}

const hasValue = (s: DraftItem) => s.points !== null || s.grade !== null || s.comment.trim() !== "";

/** The items as the API and the domain take them, in the system's order; untouched items left out. */
export function scoreInputs(order: readonly ScoredItem[], draft: Draft): Array<ItemScoreInput & { comment: string }> {
  return order.flatMap(({ item }) => {
    const s = draft.items[item.code];
    return s && hasValue(s) ? [{ itemCode: item.code, points: s.points, grade: s.grade, comment: s.comment }] : [];
  });
}

/** One stable text per draft, to tell whether it differs from what is saved. */
export function draftKey(order: readonly ScoredItem[], draft: Draft): string {
  return JSON.stringify([scoreInputs(order, draft), draft.vetoFindings]);
}

export function saveBody(
  order: readonly ScoredItem[],
  draft: Draft,
  stage: Stage,
  version: number,
  submit: boolean,
): SaveFormInput {
  return {
    stage,
    version,
    items: scoreInputs(order, draft).map((s) => ({ ...s, comment: s.comment.trim() })),
    vetoFindings: draft.vetoFindings.map((f) => ({ ruleId: f.ruleId, reason: f.reason.trim() })),
    submit,
  };
}

export interface DraftSummary {
  totals: FormTotals;
  /** Base items without points or grade, in order. */
  missing: string[];
  /** Item code → messages ("中文 / English") for the points, grade or comment of that item. */
  itemProblems: Record<string, string[]>;
  /** Veto finding index → messages. */
  findingProblems: Record<number, string[]>;
  problemCount: number;
}

const VETO_REASON_MIN = 2;
const COMMENT_MAX = 1000;

/** Items a source scores (问卷调查, 互评), as the form reports them: never the reviewer's to score. */
export function sourcedOf(form: Pick<ScoreForm, "sourced">): ReadonlyMap<string, PointSource> {
  return new Map(form.sourced.map((s) => [s.itemCode, s.source]));
}

/** Totals, missing items and what would make a save fail, from the domain's own rules. */
export function summarize(
  system: CriteriaSystem,
  order: readonly ScoredItem[],
  draft: Draft,
  sourced: ReadonlyMap<string, PointSource> = new Map(),
): DraftSummary {
  const doc = asDocument(system);
  const inputs = scoreInputs(order, draft);
  const itemProblems: Record<string, string[]> = {};
  for (const [path, messages] of Object.entries(scoreProblems(doc, inputs))) {
    const index = Number(path.split(".")[1]);
    const code = inputs[index]?.itemCode;
    if (code) itemProblems[code] = [...(itemProblems[code] ?? []), ...messages];
  }
  for (const s of inputs) {
    if ([...s.comment].length > COMMENT_MAX) {
      itemProblems[s.itemCode] = [
        ...(itemProblems[s.itemCode] ?? []),
        `评语不超过 ${COMMENT_MAX} 字 / a comment has at most ${COMMENT_MAX} characters`,
      ];
    }
  }
  const findingProblems: Record<number, string[]> = {};
  for (const [path, messages] of Object.entries(vetoProblems(doc, draft.vetoFindings))) {
    const index = Number(path.split(".")[1]);
    findingProblems[index] = [...(findingProblems[index] ?? []), ...messages];
  }
  draft.vetoFindings.forEach((f, i) => {
    // Not chosen yet rather than unknown.
    if (f.ruleId === "") findingProblems[i] = ["请选择否决项 / pick a veto rule"];
    if (f.reason.trim().length < VETO_REASON_MIN) {
      findingProblems[i] = [...(findingProblems[i] ?? []), "请填写否决理由 / give the reason"];
    }
  });
  return {
    totals: formTotals(doc, inputs),
    missing: reviewerMissing(unscoredItems(doc, inputs), sourced),
    itemProblems,
    findingProblems,
    problemCount: Object.keys(itemProblems).length + Object.keys(findingProblems).length,
  };
}

/** Items whose stored score differs between two drafts (what a conflict dialog lists). */
export function differingItems(order: readonly ScoredItem[], mine: Draft, theirs: Draft): ScoredItem[] {
  const same = (a: DraftItem | undefined, b: DraftItem | undefined) => {
    const x = a ?? EMPTY_ITEM;
    const y = b ?? EMPTY_ITEM;
    return x.points === y.points && x.grade === y.grade && x.comment.trim() === y.comment.trim();
  };
  return order.filter(({ item }) => !same(mine.items[item.code], theirs.items[item.code]));
}

/** A 409's `current`, when it is a form (defensive: the error body is untyped). */
export function formFromConflict(current: unknown): ScoreForm | null {
  if (typeof current !== "object" || current === null) return null;
  const c = current as Partial<ScoreForm>;
  return typeof c.version === "number" && Array.isArray(c.items) && Array.isArray(c.vetoFindings)
    ? (current as ScoreForm)
    : null;
}

/** A score as people read it: "8.5" or "A"; "—" when none. */
export function scoreText(s: { points: number | null; grade: string | null } | undefined, none: string): string {
  if (!s) return none;
  if (s.grade !== null) return s.grade;
  return s.points === null ? none : String(s.points);
}
