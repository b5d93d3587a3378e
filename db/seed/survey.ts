// The questionnaire (问卷调查) of each demo review round and its answers, on top of db/seed/scoring.ts:
// - the round's default questionnaire (one question per survey-method item), minimum sample 30, open from 20 days
//   before `now` to 30 days after;
// - for every application 20–80 responses over the window's past days, each answering one audience's questions
//   (干部职工 or 服务对象), with the unit's satisfaction drawn from its quality (a good unit ≈ 90 %, a weak one
//   ≈ 65 %), a few finished too fast (stored, not counted), staff answering from a few office networks over days
//   and one application whose public answers arrive in a burst from one network;
// - a few applications below the minimum on the staff's items, and exactly one (`DEMO_SURVEY_EDGE`) at minimum − 1 on
//   every item, so one more answer lifts it over;
// - source_points as the Worker keeps them (the domain's `surveyItemPoints`), whose sum the results add as extra
//   points. Deterministic: the draws are seeded from the application ids.

import { defaultQuestionnaire, surveyWindow } from "../../worker/domain/questionnaire.ts";
import { beijingToday } from "../../worker/domain/record-rules.ts";
import {
  type SourceItem,
  type SurveyRule,
  surveyItemPoints,
  surveySourceItems,
} from "../../worker/domain/source-points.ts";
import type { BelowMinimumRule, SurveyAudience } from "../../worker/domain/vocabulary.ts";
import type { CriteriaDocument } from "../../worker/schemas/criteria.ts";
import type * as schema from "../schema.ts";
import { rng } from "./scoring.ts";

type Insert<T extends { $inferInsert: unknown }> = T["$inferInsert"];

export interface DemoSurveyRows {
  surveys: Insert<typeof schema.surveys>[];
  surveyResponses: Insert<typeof schema.surveyResponses>[];
  surveyAnswers: Insert<typeof schema.surveyAnswers>[];
  sourcePoints: Insert<typeof schema.sourcePoints>[];
}

/** The demo's survey cases, by position in the round's application list. */
export interface SurveyPlan {
  belowMinimum: BelowMinimumRule;
  /** The one application at minimum − 1 counted respondents on every item. */
  edge: number;
  /** Applications below the minimum on the staff's items; the first has a reviewer's points entered (rule "reviewer"). */
  short: readonly number[];
  /** The application whose public answers include a burst from one network. */
  burst: number;
}

/** The application of each demo tenant at minimum − 1 respondents: one more answer lifts it over the minimum. */
export const DEMO_SURVEY_EDGE = (slug: string) => `${slug}-app-10`;

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
/** A digest as the public form stores one (base64url, cut): device 32 characters, network 22. */
const digest = (random: () => number, length: number) =>
  Array.from({ length }, () => BASE64URL[Math.floor(random() * 64)]).join("");

export interface SurveyInput {
  tenantId: string;
  slug: string;
  roundId: string;
  doc: CriteriaDocument;
  applicationIds: readonly string[];
  /** The unit's quality (0.6–0.93, as its reviewers see it), which its satisfaction follows. */
  quality: (applicationId: string) => number;
  /** Applications answered exactly like another (the demo's tie must stay a tie), by id → the other's id. */
  twins: ReadonlyMap<string, string>;
  plan: SurveyPlan;
  now: Date;
}

export interface DemoSurvey extends DemoSurveyRows {
  /** The items the questionnaire scores: no reviewer scores them. */
  items: ReadonlySet<string>;
  /** Each application's survey points (its results' extra points). */
  extraPoints: ReadonlyMap<string, number>;
}

export function demoSurvey(input: SurveyInput): DemoSurvey {
  const { tenantId, slug, roundId, doc, plan, now } = input;
  const nowMs = now.getTime();
  const baseItems = doc.categories.flatMap((c) => c.items);
  const { questions, minAnswers, gradeBands } = defaultQuestionnaire(baseItems);
  const items = surveySourceItems(baseItems, questions);
  const rule: SurveyRule = { minAnswers, belowMinimum: plan.belowMinimum, gradeBands };
  const opensOn = beijingToday(new Date(nowMs - 20 * DAY));
  const closesOn = beijingToday(new Date(nowMs + 30 * DAY));
  const window = surveyWindow(opensOn, closesOn);
  const opensMs = Date.parse(window.opensAt);
  const edge = input.applicationIds[plan.edge];
  if (edge !== DEMO_SURVEY_EDGE(slug)) throw new Error(`demo survey edge of ${slug} is ${edge}`);
  const twinned = new Set([...input.twins.keys(), ...input.twins.values()]);
  if (twinned.has(edge)) throw new Error(`demo survey edge ${edge} is one of the tie`);
  const short = new Set(plan.short.map((n) => input.applicationIds[n]));
  const burst = input.applicationIds[plan.burst];
  const byAudience = (audience: SurveyAudience) => questions.filter((q) => q.audience === audience);

  const extraPoints = new Map<string, number>();
  const rows: DemoSurvey = {
    surveys: [
      {
        roundId,
        tenantId,
        questions: JSON.stringify(questions),
        minAnswers: rule.minAnswers,
        belowMinimum: rule.belowMinimum,
        gradeBands: JSON.stringify(rule.gradeBands),
        opensOn,
        closesOn,
        opensAt: window.opensAt,
        closesAt: window.closesAt,
        version: 1,
        updatedAt: iso(opensMs - 2 * DAY),
      },
    ],
    surveyResponses: [],
    surveyAnswers: [],
    sourcePoints: [],
    items: new Set(items.map((i) => i.code)),
    extraPoints,
  };

  for (const applicationId of input.applicationIds) {
    // A twin draws with the other's key, so its counts and values (and so its points) are the other's.
    const drawn = input.twins.get(applicationId) ?? applicationId;
    const random = rng(`${drawn}:survey`);
    const counts =
      drawn === edge
        ? { staff: rule.minAnswers - 1, public: rule.minAnswers - 1 }
        : short.has(drawn)
          ? { staff: 10 + Math.floor(random() * 15), public: 30 + Math.floor(random() * 11) }
          : { staff: 30 + Math.floor(random() * 9), public: 30 + Math.floor(random() * 11) };
    const tooFast = 1 + Math.floor(random() * 2);
    // Satisfaction (the share answering 满意) from the unit's quality: 0.6 → 0.40 (rate ≈ 0.65), 0.93 → 0.85 (≈ 0.91).
    const satisfied = 0.4 + ((input.quality(drawn) - 0.6) / 0.33) * 0.45;
    const offices = [digest(random, 22), digest(random, 22), digest(random, 22)];
    const burstNetwork = digest(random, 22);
    const plans: Array<{ audience: SurveyAudience; counted: boolean }> = [
      ...Array.from({ length: counts.staff }, () => ({ audience: "staff" as const, counted: true })),
      ...Array.from({ length: counts.public }, () => ({ audience: "public" as const, counted: true })),
      ...Array.from({ length: tooFast }, (_, i) => ({
        audience: i % 2 ? ("staff" as const) : ("public" as const),
        counted: false,
      })),
    ];
    const tally = new Map(items.map((item) => [item.code, { answers: 0, sum: 0 }]));
    let burstAt = 0;
    plans.forEach((p, n) => {
      const id = `${applicationId}-sr-${String(n).padStart(3, "0")}`;
      const inBurst = applicationId === burst && p.audience === "public" && p.counted && burstAt < 15;
      // Over the window's past days, in waking hours (Beijing); the burst on one morning, 20–50 seconds apart.
      const at = inBurst
        ? opensMs + 18 * DAY + 10 * 3_600_000 + burstAt++ * (20 + Math.floor(random() * 30)) * 1000
        : opensMs + Math.floor(random() * 20) * DAY + (8 + random() * 13) * 3_600_000;
      rows.surveyResponses.push({
        id,
        tenantId,
        roundId,
        applicationId,
        deviceHash: digest(random, 32),
        networkHash: inBurst
          ? burstNetwork
          : p.audience === "staff"
            ? (offices[Math.floor(random() * offices.length)] ?? "")
            : digest(random, 22),
        durationSeconds: p.counted ? 45 + Math.floor(random() * 200) : 3 + Math.floor(random() * 4),
        status: p.counted ? "counted" : "too_fast",
        createdAt: iso(Math.min(at, nowMs - 3_600_000)),
      });
      for (const question of byAudience(p.audience)) {
        const share = satisfied + (random() - 0.5) * 0.16;
        const draw = random();
        const option = draw < share ? 0 : draw < share + (1 - share) * 0.7 ? 1 : 2;
        const value = question.options[option]?.value ?? 0;
        rows.surveyAnswers.push({
          responseId: id,
          questionId: question.id,
          tenantId,
          applicationId,
          itemCode: question.itemCode,
          value,
          counted: p.counted,
        });
        const t = tally.get(question.itemCode);
        if (t && p.counted) {
          t.answers++;
          t.sum += value;
        }
      }
    });
    // A reviewer's points for the first short application's items below the minimum, where the round allows them.
    const entered = (item: SourceItem) =>
      plan.belowMinimum === "reviewer" && drawn === input.applicationIds[plan.short[0] ?? -1]
        ? Math.round(item.maxPoints * 0.8 * 2) / 2
        : null;
    let extra = 0;
    for (const item of items) {
      const t = tally.get(item.code) ?? { answers: 0, sum: 0 };
      const rate = t.answers === 0 ? null : t.sum / t.answers;
      const enteredPoints = t.answers < rule.minAnswers ? entered(item) : null;
      const { points, belowMinimum } = surveyItemPoints(item, { answers: t.answers, rate }, rule, enteredPoints);
      extra += points;
      rows.sourcePoints.push({
        applicationId,
        itemCode: item.code,
        tenantId,
        roundId,
        source: "survey",
        answers: t.answers,
        rate,
        belowMinimum,
        enteredPoints,
        points,
        updatedAt: iso(nowMs - 3_600_000),
      });
    }
    extraPoints.set(applicationId, extra);
  }
  return rows;
}
