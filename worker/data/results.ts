import { and, eq, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import {
  applicationResults,
  criteriaSystems,
  reviewerOffsets,
  rounds,
  scoreForms,
  scores,
  signoffs,
} from "../../db/schema.ts";
import { aggregateTotals, round2 } from "../domain/scoring/aggregate.ts";
import { formTotals } from "../domain/scoring/form-totals.ts";
import type { AggregationMode, Stage } from "../domain/vocabulary.ts";
import type { CriteriaDocument } from "../schemas/criteria.ts";
import { RoundSettings } from "../schemas/rounds.ts";
import { type Db, nowIso } from "./db.ts";

// Results kept on write (application_results): the batch that changes a form, a sign-off or an offset
// recomputes the application's result at that stage from the submitted forms in one statement, so a ranking
// read never re-aggregates the score table, and D1's one-writer-at-a-time batches make concurrent saves of
// different reviewers unable to lose each other's updates.

/** Whose result: the application (already proven in scope by the caller), in its round and tenant. */
export interface ResultTarget {
  tenantId: string;
  roundId: string;
  applicationId: string;
}

/**
 * The SQL `round2` of H2's domain (`roundPoints`): half away from zero after absorbing binary noise, so the
 * stored aggregate equals the domain's to the cent. `+ 0.0` turns a negative zero into zero.
 */
export function sqlRound2(value: SQL): SQL {
  return sql`(case when (${value}) < 0 then -round(-(${value}) * 100 + 1e-7) / 100.0
    else round((${value}) * 100 + 1e-7) / 100.0 end + 0.0)`;
}

/**
 * The JSON path of a category's subtotal in `score_forms.subtotals`; criteria codes hold only letters,
 * digits and `. - _`, so quoting the key is enough.
 */
export const categoryPath = (code: string) => `$.categories."${code}"`;

/**
 * Recomputes one application's result at one stage from its SUBMITTED forms, as ONE statement to put in the
 * writing batch after the statements that change its forms (or sign-offs, or the round's offsets):
 * reviewerTotals (ascending JSON array), reviewers, the tie-break means (method subtotals, the first
 * category, deductions), vetoed (a submitted form's veto finding, or any department's `veto` sign-off of the
 * application), and aggregate = round2(<mode>(totals) + extraPoints), null while no form is submitted.
 * Modes: mean = sum / n; trimmed = (sum − min − max) / (n − 2) when n ≥ 3, else the mean; median = the middle
 * total or the mean of the middle two; calibrated = mean of (total − the reviewer's stored offset at this
 * stage, 0 when none). extraPoints = the sum of the application's `source_points` (survey, mutual assessment).
 *
 * `firstCategory`: the code of the criteria system's first category, when the caller has the document at
 * hand; otherwise the statement reads it from the round's system.
 */
export function resultRefresh(
  db: Db,
  target: ResultTarget,
  stage: Stage,
  mode: AggregationMode,
  firstCategory?: string | null,
): BatchItem<"sqlite"> {
  const { tenantId, roundId, applicationId } = target;
  const submitted = sql`f.tenant_id = ${tenantId} and f.application_id = ${applicationId} and f.stage = ${stage}
    and f.status = 'submitted'`;
  // Points no reviewer gives (survey, mutual assessment): whatever source_points holds for the application.
  const extra = sql`coalesce((select sum(p.points) from source_points p where p.application_id = ${applicationId}), 0)`;
  const modeValue: Record<AggregationMode, SQL> = {
    mean: sql`sum(f.total) / count(*)`,
    trimmed: sql`case when count(*) >= 3 then (sum(f.total) - min(f.total) - max(f.total)) / (count(*) - 2)
      else sum(f.total) / count(*) end`,
    median: sql`(select avg(m.total) from (select f.total, row_number() over (order by f.total) rn,
      count(*) over () c from score_forms f where ${submitted}) m where m.rn in ((m.c + 1) / 2, (m.c + 2) / 2))`,
    calibrated: sql`avg(f.total - coalesce(o."offset", 0))`,
  };
  const firstPath =
    firstCategory === undefined
      ? sql`'$.categories."' || (select json_extract(c.content, '$.categories[0].code') from rounds rd
          join criteria_systems c on c.id = rd.criteria_system_id where rd.id = ${roundId}) || '"'`
      : sql`${categoryPath(firstCategory ?? "")}`;
  const mean = (path: string) => sql`coalesce(avg(json_extract(f.subtotals, ${path})), 0)`;
  // With raw SQL, drizzle inserts into the table's columns in schema order: the select follows that order.
  return db
    .insert(applicationResults)
    .select(
      sql`select ${applicationId}, ${stage}, ${tenantId}, ${roundId},
        coalesce((select json_group_array(s.total) from (select f.total from score_forms f where ${submitted}
          order by f.total) s), '[]'),
        count(*),
        case when count(*) = 0 then null else ${sqlRound2(sql`(${modeValue[mode]}) + ${extra}`)} end,
        ${extra},
        ${mean("$.methods.onsite")}, ${mean("$.methods.material")}, ${mean("$.methods.survey")},
        ${mean("$.methods.online")},
        coalesce(avg(json_extract(f.subtotals, ${firstPath})), 0),
        coalesce(avg(f.deduction), 0),
        coalesce(max(json_array_length(f.veto_findings) > 0), 0)
          or exists (select 1 from signoffs s where s.tenant_id = ${tenantId} and s.application_id = ${applicationId}
            and s.verdict = 'veto'),
        ${nowIso()}
      from score_forms f
      left join reviewer_offsets o on o.round_id = f.round_id and o.stage = f.stage
        and o.reviewer_user_id = f.reviewer_user_id
      where ${submitted}`,
    )
    .onConflictDoUpdate({
      target: [applicationResults.applicationId, applicationResults.stage],
      set: {
        reviewerTotals: sql`excluded.reviewer_totals`,
        reviewers: sql`excluded.reviewers`,
        aggregate: sql`excluded.aggregate`,
        extraPoints: sql`excluded.extra_points`,
        onsite: sql`excluded.onsite`,
        material: sql`excluded.material`,
        survey: sql`excluded.survey`,
        online: sql`excluded.online`,
        firstCategory: sql`excluded.first_category`,
        deduction: sql`excluded.deduction`,
        vetoed: sql`excluded.vetoed`,
        updatedAt: sql`excluded.updated_at`,
      },
    });
}

// ─── The consistency check ──────────────────────────────────────────────────────────────────────────

/** One disagreement between a kept result (or a form's kept totals) and the recompute from raw scores. */
export interface ResultMismatch {
  applicationId: string;
  stage: Stage;
  /** `aggregate`, `reviewers`, `reviewerTotals`, `vetoed`, `onsite` …, or `form:<reviewerId>.total` etc. */
  field: string;
  stored: unknown;
  recomputed: unknown;
}

export interface ResultsCheck {
  /** Results (application × stage) compared. */
  results: number;
  /** Submitted forms recomputed from their score rows. */
  forms: number;
  mismatches: ResultMismatch[];
  checkedAt: string;
}

/** The statements `resultsCheck` reads (one batch), for a caller that wants them in its own batch. */
export function resultsCheckReads(db: Db, round: { tenantId: string; roundId: string }) {
  const { tenantId, roundId } = round;
  return [
    db
      .select({ settings: rounds.settings, content: criteriaSystems.content })
      .from(rounds)
      .innerJoin(criteriaSystems, eq(criteriaSystems.id, rounds.criteriaSystemId))
      .where(and(eq(rounds.tenantId, tenantId), eq(rounds.id, roundId)))
      .limit(1),
    db
      .select({
        id: scoreForms.id,
        applicationId: scoreForms.applicationId,
        stage: scoreForms.stage,
        reviewerId: scoreForms.reviewerUserId,
        status: scoreForms.status,
        total: scoreForms.total,
        deduction: scoreForms.deduction,
        subtotals: scoreForms.subtotals,
        vetoFindings: scoreForms.vetoFindings,
      })
      .from(scoreForms)
      .where(and(eq(scoreForms.tenantId, tenantId), eq(scoreForms.roundId, roundId))),
    db
      .select({ formId: scores.formId, itemCode: scores.itemCode, points: scores.points, grade: scores.grade })
      .from(scores)
      .innerJoin(scoreForms, eq(scoreForms.id, scores.formId))
      .where(
        and(eq(scoreForms.tenantId, tenantId), eq(scoreForms.roundId, roundId), eq(scoreForms.status, "submitted")),
      ),
    db
      .select()
      .from(applicationResults)
      .where(and(eq(applicationResults.tenantId, tenantId), eq(applicationResults.roundId, roundId))),
    db
      .select({
        stage: reviewerOffsets.stage,
        reviewerId: reviewerOffsets.reviewerUserId,
        offset: reviewerOffsets.offset,
      })
      .from(reviewerOffsets)
      .where(and(eq(reviewerOffsets.tenantId, tenantId), eq(reviewerOffsets.roundId, roundId))),
    db
      .select({ applicationId: signoffs.applicationId })
      .from(signoffs)
      .where(and(eq(signoffs.tenantId, tenantId), eq(signoffs.roundId, roundId), eq(signoffs.verdict, "veto"))),
  ] as const;
}

type CheckRows = {
  [K in keyof ReturnType<typeof resultsCheckReads>]: Awaited<ReturnType<typeof resultsCheckReads>[K]>;
};

/**
 * Recomputes every result of a round from the RAW score rows (each submitted form's totals by the domain's
 * `formTotals`, the aggregate by `aggregateTotals`, or for `calibrated` the mean of total − stored offset) and
 * compares them with the kept application_results and the forms' kept totals. Empty `mismatches` = consistent.
 * One D1 round trip. The round is the caller's own tenant's (a route checks it is visible first).
 */
export async function resultsCheck(db: Db, round: { tenantId: string; roundId: string }): Promise<ResultsCheck> {
  const reads = resultsCheckReads(db, round);
  const rows = (await db.batch(reads)) as unknown as CheckRows;
  return resultsCompared(rows);
}

/** `resultsCheck` on rows already read (by `resultsCheckReads`). */
export function resultsCompared([
  roundRows,
  forms,
  scoreRows,
  results,
  offsets,
  vetoSignoffs,
]: CheckRows): ResultsCheck {
  const checkedAt = nowIso();
  const [round] = roundRows;
  if (!round) return { results: 0, forms: 0, mismatches: [], checkedAt };
  const settings = RoundSettings.parse(JSON.parse(round.settings));
  const doc = JSON.parse(round.content) as CriteriaDocument;
  const mode = settings.review.aggregation;
  const firstCategory = doc.categories[0]?.code ?? "";
  const mismatches: ResultMismatch[] = [];
  const itemsOf = new Map<string, { itemCode: string; points: number | null; grade: string | null }[]>();
  for (const s of scoreRows) {
    const list = itemsOf.get(s.formId) ?? [];
    list.push({ itemCode: s.itemCode, points: s.points, grade: s.grade });
    itemsOf.set(s.formId, list);
  }
  const offsetOf = new Map(offsets.map((o) => [`${o.stage}:${o.reviewerId}`, o.offset]));
  const vetoedBySignoff = new Set(vetoSignoffs.map((s) => s.applicationId));
  interface Recomputed {
    totals: number[];
    calibrated: number[];
    onsite: number[];
    material: number[];
    survey: number[];
    online: number[];
    first: number[];
    deduction: number[];
    vetoed: boolean;
  }
  const byKey = new Map<string, Recomputed>();
  let formCount = 0;
  for (const form of forms) {
    if (form.status !== "submitted") continue;
    formCount++;
    const totals = formTotals(doc, itemsOf.get(form.id) ?? []);
    const key = `${form.applicationId}|${form.stage}`;
    const entry = byKey.get(key) ?? {
      totals: [],
      calibrated: [],
      onsite: [],
      material: [],
      survey: [],
      online: [],
      first: [],
      deduction: [],
      vetoed: false,
    };
    entry.totals.push(totals.total);
    entry.calibrated.push(totals.total - (offsetOf.get(`${form.stage}:${form.reviewerId}`) ?? 0));
    entry.onsite.push(totals.methods.onsite);
    entry.material.push(totals.methods.material);
    entry.survey.push(totals.methods.survey);
    entry.online.push(totals.methods.online);
    entry.first.push(totals.categories[firstCategory] ?? 0);
    entry.deduction.push(totals.deduction);
    entry.vetoed ||= (JSON.parse(form.vetoFindings) as unknown[]).length > 0;
    byKey.set(key, entry);
    // The form's own kept totals against its score rows.
    const kept = { total: form.total, deduction: form.deduction };
    for (const field of ["total", "deduction"] as const) {
      if (round2(kept[field]) !== round2(totals[field]))
        mismatches.push({
          applicationId: form.applicationId,
          stage: form.stage,
          field: `form:${form.reviewerId}.${field}`,
          stored: kept[field],
          recomputed: totals[field],
        });
    }
  }
  const avg = (values: number[]) => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);
  const seen = new Set<string>();
  for (const result of results) {
    const key = `${result.applicationId}|${result.stage}`;
    seen.add(key);
    const entry = byKey.get(key);
    const totals = [...(entry?.totals ?? [])].sort((a, b) => a - b);
    const base =
      mode === "calibrated"
        ? entry && entry.calibrated.length > 0
          ? avg(entry.calibrated)
          : null
        : aggregateTotals(mode, totals);
    const expected = {
      reviewers: totals.length,
      reviewerTotals: totals.map(round2),
      aggregate: base === null ? null : round2(base + result.extraPoints),
      vetoed: (entry?.vetoed ?? false) || vetoedBySignoff.has(result.applicationId),
      onsite: round2(avg(entry?.onsite ?? [])),
      material: round2(avg(entry?.material ?? [])),
      survey: round2(avg(entry?.survey ?? [])),
      online: round2(avg(entry?.online ?? [])),
      firstCategory: round2(avg(entry?.first ?? [])),
      deduction: round2(avg(entry?.deduction ?? [])),
    };
    const stored = {
      reviewers: result.reviewers,
      reviewerTotals: (JSON.parse(result.reviewerTotals) as number[]).map(round2),
      aggregate: result.aggregate,
      vetoed: result.vetoed,
      onsite: round2(result.onsite),
      material: round2(result.material),
      survey: round2(result.survey),
      online: round2(result.online),
      firstCategory: round2(result.firstCategory),
      deduction: round2(result.deduction),
    };
    for (const field of Object.keys(expected) as Array<keyof typeof expected>) {
      if (JSON.stringify(stored[field]) !== JSON.stringify(expected[field]))
        mismatches.push({
          applicationId: result.applicationId,
          stage: result.stage,
          field,
          stored: stored[field],
          recomputed: expected[field],
        });
    }
  }
  // A submitted form whose application has no kept result at its stage: the result was never refreshed.
  for (const [key, entry] of byKey) {
    if (seen.has(key)) continue;
    const [applicationId = "", stage = "city"] = key.split("|");
    mismatches.push({
      applicationId,
      stage: stage as Stage,
      field: "reviewers",
      stored: null,
      recomputed: entry.totals.length,
    });
  }
  return { results: results.length, forms: formCount, mismatches, checkedAt };
}

/** Refreshes several applications' results at a stage (e.g. after a sign-off or a refit), one statement each. */
export function resultRefreshMany(
  db: Db,
  round: { tenantId: string; roundId: string },
  applicationIds: readonly string[],
  stage: Stage,
  mode: AggregationMode,
  firstCategory?: string | null,
): BatchItem<"sqlite">[] {
  return applicationIds.map((applicationId) =>
    resultRefresh(db, { ...round, applicationId }, stage, mode, firstCategory),
  );
}
