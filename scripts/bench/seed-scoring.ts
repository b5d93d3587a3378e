// The scoring part of the "province scale" benchmark tenant (DESIGN.md §5): a criteria system of 60 base items,
// one round in provincial review with 3,000 applications, each scored by a panel of 3 of 60 provincial experts
// (9,000 submitted forms, 540,000 score rows), the panels' assignments and the results kept as the Worker keeps
// them (every form's totals by the domain's `formTotals`, the aggregate by `aggregateTotals`), and what the units
// linked to each item (half the items a measure of the unit's program, half one or two of its records) and a
// report (汇报材料) with six paragraphs linked to items, as coverage reads them. Written straight
// into the SQLite file by seed-scale.ts, inside its one transaction, with plain prepared statements.
import type { DatabaseSync } from "node:sqlite";
import { demoCriteria } from "../../db/seed/criteria.ts";
import { demoReport } from "../../db/seed/reports.ts";
import { COVERAGE_SUMMARY_SQL } from "../../worker/data/coverage.ts";
import { criteriaProblems } from "../../worker/domain/criteria.ts";
import { aggregateTotals, round2 } from "../../worker/domain/scoring/aggregate.ts";
import { formTotals, type ItemScoreInput } from "../../worker/domain/scoring/form-totals.ts";
import { CriteriaContent, type CriteriaDocument } from "../../worker/schemas/criteria.ts";
import { RoundSettings } from "../../worker/schemas/rounds.ts";
import { generateSurvey } from "./seed-survey.ts";

export const SCORING = {
  roundId: "bench-round-review",
  criteriaId: "bench-criteria-60",
  applications: 3000,
  experts: 60,
  panelSize: 3,
  /** Applications through the health sector's channel instead of their city's, one in this many. */
  sectorShare: 20,
} as const;

/** The provincial experts who score: fixed cookie tokens (127.0.0.1 only), so a reused database stays signed in. */
export const EXPERTS = Array.from({ length: SCORING.experts }, (_, i) => {
  const n = String(i + 1).padStart(2, "0");
  return {
    userId: `bench-user-expert-${n}`,
    email: `expert${n}@bench.local`,
    name: `省级评审专家${n}（基准）`,
    token: `bench-expert-${n}-session-token-0123456789abcdefghijklmnopqrstuvwxyz`,
  };
});

export interface ScoringManifest {
  roundId: string;
  criteriaId: string;
  /** Per expert (index into EXPERTS), the applications on whose panel they sit, in id order. */
  seats: string[][];
  counts: Record<string, number>;
  /** The survey round (seed-survey.ts) and one of its applications. */
  survey: { roundId: string; applicationId: string };
}

/**
 * 60 base items worth 100 points: the first ten categories of the demo system, six items each (2, 2, 1.5 graded,
 * 1.5, 1.5, 1.5 points), titles and methods taken from the demo items; its first two bonus and deduction items
 * and its veto rules.
 */
export function benchCriteria(): CriteriaDocument {
  const demo = demoCriteria("sichuan");
  const POINTS = [2, 2, 1.5, 1.5, 1.5, 1.5];
  const doc = CriteriaContent.parse({
    name: "基准测评体系（60项）",
    version: 1,
    maxTotal: 100,
    categories: demo.categories.slice(0, 10).map((category, c) => ({
      code: `A${c + 1}`,
      title: category.title,
      items: POINTS.map((maxPoints, i) => {
        const like = category.items[i % category.items.length];
        const graded = i === 2;
        return {
          code: `A${c + 1}.${i + 1}`,
          title: `${like?.title ?? category.title}${i >= category.items.length ? `（${i + 1}）` : ""}`,
          maxPoints,
          mode: graded ? "graded" : "points",
          grades: graded
            ? [
                { grade: "A", share: 1 },
                { grade: "B", share: 0.66 },
                { grade: "C", share: 0.33 },
                { grade: "D", share: 0 },
              ]
            : [],
          method: like?.method ?? "material",
        };
      }),
    })),
    bonusItems: demo.bonusItems.slice(0, 2),
    bonusCap: 10,
    deductionItems: demo.deductionItems.slice(0, 2),
    deductionCap: 10,
    vetoRules: demo.vetoRules,
  });
  const problems = criteriaProblems(doc);
  if (Object.keys(problems).length) throw new Error(`bench criteria: ${JSON.stringify(problems)}`);
  return doc;
}

/** One reviewer's scores of the 60 base items, from the application's quality and the reviewer's leaning. */
export function benchScores(doc: CriteriaDocument, quality: number, random: () => number): ItemScoreInput[] {
  return doc.categories.flatMap((c) =>
    c.items.map((item) => {
      const f = quality + (random() - 0.5) * 0.3;
      if (item.mode === "graded")
        return { itemCode: item.code, points: null, grade: f >= 0.85 ? "A" : f >= 0.55 ? "B" : f >= 0.25 ? "C" : "D" };
      const points = Math.min(item.maxPoints, Math.max(0, Math.round(item.maxPoints * f * 2) / 2));
      return { itemCode: item.code, points, grade: null };
    }),
  );
}

interface Unit {
  id: string;
  status: string;
  jurisdictionPath: string;
  cityId: string | null;
  sectorId: string | undefined;
}

/** Inserts the scoring rows; `insert` is seed-scale's counting row inserter (for the small tables). */
export function generateScoring(
  db: DatabaseSync,
  insert: (table: string, row: Record<string, unknown>) => void,
  ctx: {
    tenantId: string;
    provinceId: string;
    units: readonly Unit[];
    healthSectorId: string;
    random: () => number;
    expertSessionIds: readonly string[];
    passwordHash: string;
    adminUserId: string;
    now: Date;
    /** Per unit: the measure keys of its published program, and its records' ids. */
    measuresOf: ReadonlyMap<string, readonly string[]>;
    recordsOf: ReadonlyMap<string, readonly string[]>;
  },
): ScoringManifest {
  const { tenantId, random } = ctx;
  const doc = benchCriteria();
  const nowIso = ctx.now.toISOString();
  const year = ctx.now.getUTCFullYear();
  const counts: Record<string, number> = {};
  insert("criteria_systems", {
    id: SCORING.criteriaId,
    tenantId,
    name: doc.name,
    version: 1,
    content: JSON.stringify(doc),
    frozen: true,
  });

  // Applicants: 3,000 active units drawn at random; one in 20 health bodies comes through the sector channel.
  const active = ctx.units.filter((u) => u.status === "active" && u.cityId !== null);
  const picked: Unit[] = [];
  const taken = new Set<number>();
  while (picked.length < SCORING.applications) {
    const i = Math.floor(random() * active.length);
    if (taken.has(i)) continue;
    taken.add(i);
    picked.push(active[i] as Unit);
  }
  const perCity = new Map<string, number>();
  const applications = picked.map((unit, i) => {
    const id = `bench-a-${String(i).padStart(4, "0")}`;
    const sector = unit.sectorId === ctx.healthSectorId && i % SCORING.sectorShare === 0;
    if (!sector) perCity.set(unit.cityId as string, (perCity.get(unit.cityId as string) ?? 0) + 1);
    return { id, unit, channel: sector ? "sector" : "city", quality: 0.55 + random() * 0.4 };
  });

  const settings = RoundSettings.parse({
    eligibility: { requiresTitle: null, orConsecutiveTerms: null, minScoreForOnsite: 70, minScoreToName: 80 },
    quotas: {
      perCity: [...perCity].map(([cityId, n]) => ({ cityId, quota: Math.ceil(n * 0.6) })),
      perSector: [{ sectorId: ctx.healthSectorId, quota: 20 }],
    },
    sectorChannels: [ctx.healthSectorId],
    review: { panelSize: SCORING.panelSize, aggregation: "trimmed" },
  });
  insert("rounds", {
    id: SCORING.roundId,
    tenantId,
    title: `${year}年度省级文明单位评选（基准）`,
    level: "province",
    kind: "selection",
    year,
    criteriaSystemId: SCORING.criteriaId,
    phase: "province_review",
    settings: JSON.stringify(settings),
    version: 4,
  });

  // The experts: provincial reviewers with a session each.
  const expiresAt = new Date(ctx.now.getTime() + 30 * 86_400_000).toISOString();
  EXPERTS.forEach((expert, i) => {
    insert("users", {
      id: expert.userId,
      email: expert.email,
      displayName: expert.name,
      passwordHash: ctx.passwordHash,
      status: "active",
    });
    insert("memberships", {
      id: `${expert.userId}-m`,
      userId: expert.userId,
      tenantId,
      role: "reviewer",
      jurisdictionId: ctx.provinceId,
      status: "active",
    });
    insert("sessions", {
      id: ctx.expertSessionIds[i],
      userId: expert.userId,
      expiresAt,
      ip: "127.0.0.1",
      userAgent: "bench",
    });
  });
  const bias = EXPERTS.map(() => (random() - 0.5) * 0.1);

  const appStmt = db.prepare(
    `insert into applications (id, tenant_id, round_id, unit_id, jurisdiction_path, channel, channel_sector_id,
      status, submitted_at, version, updated_at) values (?, ?, ?, ?, ?, ?, ?, 'city_recommended', ?, 3, ?)`,
  );
  const seatStmt = db.prepare(
    `insert into assignments (id, tenant_id, round_id, application_id, stage, reviewer_user_id, status, created_by,
      updated_at) values (?, ?, ?, ?, 'province', ?, 'active', ?, ?)`,
  );
  const formStmt = db.prepare(
    `insert into score_forms (id, tenant_id, round_id, application_id, stage, reviewer_user_id, status, version,
      base, bonus, deduction, total, subtotals, veto_findings, submitted_at, updated_at)
      values (?, ?, ?, ?, 'province', ?, 'submitted', 1, ?, ?, ?, ?, ?, '[]', ?, ?)`,
  );
  const scoreStmt = db.prepare(
    "insert into scores (form_id, tenant_id, application_id, item_code, points, grade) values (?, ?, ?, ?, ?, ?)",
  );
  const resultStmt = db.prepare(
    `insert into application_results (application_id, stage, tenant_id, round_id, reviewer_totals, reviewers,
      aggregate, extra_points, onsite, material, survey, online, first_category, deduction, vetoed, updated_at)
      values (?, 'province', ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, 0, ?)`,
  );
  const itemStmt = db.prepare(
    `insert into application_items (id, tenant_id, application_id, item_code, note, measure_keys, record_ids,
      updated_at) values (?, ?, ?, ?, '', ?, ?, ?)`,
  );
  const reportStmt = db.prepare(
    `insert into application_reports (application_id, tenant_id, content, figures, length, updated_by, updated_at)
      values (?, ?, ?, ?, ?, 'bench', ?)`,
  );
  const linkStmt = db.prepare(
    "insert into report_links (tenant_id, application_id, paragraph_id, item_code) values (?, ?, ?, ?)",
  );
  const itemCodes = doc.categories.flatMap((c) => c.items.map((item) => item.code));
  const sample = <T>(xs: readonly T[] | undefined, n: number): T[] =>
    xs && xs.length > 0 ? Array.from({ length: n }, () => xs[Math.floor(random() * xs.length)] as T) : [];
  const add = (table: string, n = 1) => {
    counts[table] = (counts[table] ?? 0) + n;
  };
  const seats: string[][] = EXPERTS.map(() => []);
  const first = doc.categories[0]?.code ?? "";
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  for (const [i, app] of applications.entries()) {
    const submittedAt = new Date(ctx.now.getTime() - (60 + (i % 30)) * 86_400_000).toISOString();
    appStmt.run(
      app.id,
      tenantId,
      SCORING.roundId,
      app.unit.id,
      app.unit.jurisdictionPath,
      app.channel,
      app.channel === "sector" ? ctx.healthSectorId : null,
      submittedAt,
      nowIso,
    );
    add("applications");
    for (const [k, code] of itemCodes.entries()) {
      const measureKeys = random() < 0.5 ? sample(ctx.measuresOf.get(app.unit.id), 1) : [];
      const recordIds = random() < 0.5 ? sample(ctx.recordsOf.get(app.unit.id), 1 + (k % 2)) : [];
      itemStmt.run(
        `bench-ai-${i}-${k}`,
        tenantId,
        app.id,
        code,
        JSON.stringify([...new Set(measureKeys)]),
        JSON.stringify([...new Set(recordIds)]),
        nowIso,
      );
    }
    add("application_items", itemCodes.length);
    const report = demoReport(app.id, i);
    reportStmt.run(app.id, tenantId, report.content, report.figures, report.length, nowIso);
    add("application_reports");
    const linked = new Set(sample(itemCodes, 6));
    for (const [k, code] of [...linked].entries()) linkStmt.run(tenantId, app.id, `s3-${1 + (k % 7)}`, code);
    add("report_links", linked.size);
    // Panels rotate through the experts: three distinct ones 20 apart, 150 applications each.
    const panel = [0, 1, 2].map((k) => (i * 7 + k * 20) % SCORING.experts);
    const totals: ReturnType<typeof formTotals>[] = [];
    for (const [k, e] of panel.entries()) {
      const expert = EXPERTS[e] as (typeof EXPERTS)[number];
      seats[e]?.push(app.id);
      seatStmt.run(`bench-as-${i}-${k}`, tenantId, SCORING.roundId, app.id, expert.userId, ctx.adminUserId, nowIso);
      add("assignments");
      const items = benchScores(doc, app.quality + (bias[e] ?? 0), random);
      const t = formTotals(doc, items);
      totals.push(t);
      const formId = `bench-f-${i}-${k}`;
      formStmt.run(
        formId,
        tenantId,
        SCORING.roundId,
        app.id,
        expert.userId,
        t.base,
        t.bonus,
        t.deduction,
        t.total,
        JSON.stringify({ methods: t.methods, categories: t.categories }),
        nowIso,
        nowIso,
      );
      add("score_forms");
      for (const s of items) scoreStmt.run(formId, tenantId, app.id, s.itemCode, s.points, s.grade);
      add("scores", items.length);
    }
    const sorted = totals.map((t) => t.total).sort((a, b) => a - b);
    const aggregate = aggregateTotals("trimmed", sorted);
    resultStmt.run(
      app.id,
      tenantId,
      SCORING.roundId,
      JSON.stringify(sorted),
      sorted.length,
      aggregate === null ? null : round2(aggregate),
      round2(mean(totals.map((t) => t.methods.onsite))),
      round2(mean(totals.map((t) => t.methods.material))),
      round2(mean(totals.map((t) => t.methods.survey))),
      round2(mean(totals.map((t) => t.methods.online))),
      round2(mean(totals.map((t) => t.categories[first] ?? 0))),
      round2(mean(totals.map((t) => t.deduction))),
      nowIso,
    );
    add("application_results");
  }
  // What each application linked, summarised as the Worker's writes keep it.
  db.prepare(`update applications set coverage = ${COVERAGE_SUMMARY_SQL} where round_id = ?`).run(SCORING.roundId);
  for (const list of seats) list.sort();
  const survey = generateSurvey(db, insert, {
    tenantId,
    criteriaId: SCORING.criteriaId,
    doc,
    applications: applications.map((a) => ({
      unitId: a.unit.id,
      jurisdictionPath: a.unit.jurisdictionPath,
      quality: a.quality,
    })),
    random,
    now: ctx.now,
  });
  for (const [table, n] of Object.entries(survey.counts)) add(table, n);
  return {
    roundId: SCORING.roundId,
    criteriaId: SCORING.criteriaId,
    seats,
    counts,
    survey: { roundId: survey.roundId, applicationId: survey.applicationId },
  };
}
