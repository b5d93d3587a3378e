// The survey part of the "province scale" benchmark tenant: a second round (in city review, the same criteria
// system) with the same 3,000 units applying and the default questionnaire (one question per survey-method item),
// 40 responses per application answered by staff or the people served, and the points the Worker keeps per item
// (source_points, by the domain's `surveyItemPoints`). A round of its own, because reviewers do not score survey
// items: the scoring round's 60-item form saves stay what §5 budgets. Written by seed-scoring.ts in the same
// transaction.
import type { DatabaseSync } from "node:sqlite";
import { defaultQuestionnaire, surveyWindow } from "../../worker/domain/questionnaire.ts";
import { type SourceItem, surveyItemPoints } from "../../worker/domain/source-points.ts";
import type { CriteriaDocument } from "../../worker/schemas/criteria.ts";
import { RoundSettings } from "../../worker/schemas/rounds.ts";

export const SURVEY = { roundId: "bench-round-survey", responses: 40 } as const;

const DAY = 86_400_000;

export function generateSurvey(
  db: DatabaseSync,
  insert: (table: string, row: Record<string, unknown>) => void,
  ctx: {
    tenantId: string;
    criteriaId: string;
    doc: CriteriaDocument;
    applications: ReadonlyArray<{ unitId: string; jurisdictionPath: string; quality: number }>;
    random: () => number;
    now: Date;
  },
): { roundId: string; applicationId: string; counts: Record<string, number> } {
  const { tenantId, random } = ctx;
  const nowIso = ctx.now.toISOString();
  const year = ctx.now.getUTCFullYear();
  insert("rounds", {
    id: SURVEY.roundId,
    tenantId,
    title: `${year}年度省级文明单位评选（基准·问卷）`,
    level: "province",
    kind: "selection",
    year,
    criteriaSystemId: ctx.criteriaId,
    phase: "city_review",
    settings: JSON.stringify(RoundSettings.parse({})),
    version: 3,
  });
  const base = ctx.doc.categories.flatMap((c) => c.items);
  const questionnaire = defaultQuestionnaire(base);
  const day = (offset: number) => new Date(ctx.now.getTime() + offset * DAY).toISOString().slice(0, 10);
  const opensOn = day(-20);
  const closesOn = day(30);
  insert("surveys", {
    roundId: SURVEY.roundId,
    tenantId,
    questions: JSON.stringify(questionnaire.questions),
    minAnswers: questionnaire.minAnswers,
    belowMinimum: questionnaire.belowMinimum,
    gradeBands: JSON.stringify(questionnaire.gradeBands),
    opensOn,
    closesOn,
    ...surveyWindow(opensOn, closesOn),
    version: 1,
    updatedAt: nowIso,
  });
  const items = new Map<string, SourceItem>(base.map((item) => [item.code, item]));
  const rule = {
    minAnswers: questionnaire.minAnswers,
    belowMinimum: questionnaire.belowMinimum,
    gradeBands: questionnaire.gradeBands,
  };
  const appStmt = db.prepare(
    `insert into applications (id, tenant_id, round_id, unit_id, jurisdiction_path, channel, status, submitted_at,
      version, updated_at) values (?, ?, ?, ?, ?, 'city', 'submitted', ?, 2, ?)`,
  );
  const responseStmt = db.prepare(
    `insert into survey_responses (id, tenant_id, round_id, application_id, device_hash, network_hash,
      duration_seconds, status, created_at) values (?, ?, ?, ?, ?, ?, ?, 'counted', ?)`,
  );
  const answerStmt = db.prepare(
    `insert into survey_answers (response_id, question_id, tenant_id, application_id, item_code, value, counted)
      values (?, ?, ?, ?, ?, ?, 1)`,
  );
  const pointsStmt = db.prepare(
    `insert into source_points (application_id, item_code, tenant_id, round_id, source, answers, rate, below_minimum,
      entered_points, points, updated_at) values (?, ?, ?, ?, 'survey', ?, ?, ?, null, ?, ?)`,
  );
  const counts: Record<string, number> = { applications: 0, survey_responses: 0, survey_answers: 0, source_points: 0 };
  const options = questionnaire.questions[0]?.options ?? [];
  for (const [i, app] of ctx.applications.entries()) {
    const id = `bench-sa-${String(i).padStart(4, "0")}`;
    appStmt.run(id, tenantId, SURVEY.roundId, app.unitId, app.jurisdictionPath, nowIso, nowIso);
    counts.applications = (counts.applications ?? 0) + 1;
    const tally = new Map<string, { n: number; sum: number }>();
    for (let r = 0; r < SURVEY.responses; r++) {
      const responseId = `${id}-r${r}`;
      const audience = r % 2 === 0 ? "staff" : "public";
      const at = new Date(ctx.now.getTime() - (1 + Math.floor(random() * 19)) * DAY + Math.floor(random() * DAY));
      responseStmt.run(
        responseId,
        tenantId,
        SURVEY.roundId,
        id,
        `d${i}-${r}`,
        `n${i % 50}-${r % 3}`,
        60 + r,
        at.toISOString(),
      );
      for (const question of questionnaire.questions.filter((q) => q.audience === audience)) {
        const satisfied = random() < app.quality;
        const value = (satisfied ? options[0] : options[1 + Math.floor(random() * 2)])?.value ?? 0;
        answerStmt.run(responseId, question.id, tenantId, id, question.itemCode, value);
        const t = tally.get(question.itemCode) ?? { n: 0, sum: 0 };
        tally.set(question.itemCode, { n: t.n + 1, sum: t.sum + value });
        counts.survey_answers = (counts.survey_answers ?? 0) + 1;
      }
      counts.survey_responses = (counts.survey_responses ?? 0) + 1;
    }
    for (const [code, t] of tally) {
      const item = items.get(code);
      if (!item) continue;
      // One question per item, so an item's answers are its respondents.
      const rate = t.sum / t.n;
      const { points, belowMinimum } = surveyItemPoints(item, { answers: t.n, rate }, rule, null);
      pointsStmt.run(id, code, tenantId, SURVEY.roundId, t.n, rate, belowMinimum ? 1 : 0, points, nowIso);
      counts.source_points = (counts.source_points ?? 0) + 1;
    }
  }
  return { roundId: SURVEY.roundId, applicationId: "bench-sa-0000", counts };
}
