/**
 * A round's questionnaire (问卷调查) as its owner edits it: the default drawn from the criteria system's
 * survey-method items, what makes a questionnaire unacceptable, which changes answers forbid, and its window.
 */

import type { FieldProblems } from "./field-messages.ts";
import { noticeState, noticeWindow } from "./notice-window.ts";
import type { BelowMinimumRule, SurveyAudience } from "./vocabulary.ts";

export interface QuestionOption {
  label: string;
  value: number;
}

export interface Question {
  id: string;
  text: string;
  itemCode: string;
  audience: SurveyAudience;
  options: QuestionOption[];
}

export interface Questionnaire {
  questions: Question[];
  minAnswers: number;
  belowMinimum: BelowMinimumRule;
  gradeBands: number[];
}

/** What a question needs of a base item of the round's criteria system. */
export interface BaseItem {
  code: string;
  title: string;
  method: string;
}

export const DEFAULT_OPTIONS: readonly QuestionOption[] = [
  { label: "满意", value: 1 },
  { label: "基本满意", value: 0.6 },
  { label: "不满意", value: 0 },
];
export const DEFAULT_MIN_ANSWERS = 30;
export const DEFAULT_GRADE_BANDS: readonly number[] = [0.9, 0.75, 0.6, 0];

export const isSurveyItem = (item: Pick<BaseItem, "method">) => item.method === "survey";

/** Items speaking of 干部职工 / 职工 ask the unit's own staff; the rest ask the people it serves. */
export function audienceOf(title: string): SurveyAudience {
  return title.includes("职工") ? "staff" : "public";
}

/** How a respondent is asked what an item's title measures, by the title's last words. */
const MEASURES: ReadonlyArray<[suffix: string, asked: string]> = [
  ["知晓率、参与率", "了解和参与情况"],
  ["知晓认同情况", "了解和认同程度"],
  ["参与度和满意度", "参与度和满意度"],
  ["满意度", "满意度"],
  ["评价", "评价"],
];
const WHO = /^(干部职工|职工|服务对象|群众)对/;
/** Subjects ending so are the unit's own work: asked about as 本单位… (a value such as 核心价值观 is not). */
const UNIT_OWN = /(工作|活动|规范|情况|建设|效能|质量|服务)$/;

/**
 * A question a respondent reads, from the item's title: "服务对象对窗口服务文明规范的满意度" →
 * "您对本单位窗口服务文明规范的满意度如何？". Titles of another shape are asked about as they stand.
 */
export function questionText(title: string): string {
  const who = WHO.exec(title);
  const measure = MEASURES.find(([suffix]) => title.endsWith(`的${suffix}`));
  if (!who || !measure) return `您对“${title}”的评价如何？`;
  const [suffix, asked] = measure;
  let subject = title.slice(who[0].length, title.length - suffix.length - 1);
  if (subject.startsWith("单位")) subject = `本${subject}`;
  else if (UNIT_OWN.test(subject)) subject = `本单位${subject}`;
  return `您对${subject}的${asked}如何？`;
}

/** The questionnaire a round starts from: one question per survey-method base item, in the system's order. */
export function defaultQuestionnaire(baseItems: readonly BaseItem[]): Questionnaire {
  return {
    questions: baseItems.filter(isSurveyItem).map((item, i) => ({
      id: `Q${i + 1}`,
      text: questionText(item.title),
      itemCode: item.code,
      audience: audienceOf(item.title),
      options: DEFAULT_OPTIONS.map((o) => ({ ...o })),
    })),
    minAnswers: DEFAULT_MIN_ANSWERS,
    belowMinimum: "zero",
    gradeBands: [...DEFAULT_GRADE_BANDS],
  };
}

/** A 400's fields for everything the schema cannot see: items, repeated ids, the window, the bands. */
export function questionnaireProblems(
  body: Pick<Questionnaire, "questions" | "gradeBands"> & { opensOn: string; closesOn: string },
  baseItems: readonly BaseItem[],
  mutualItemCodes: readonly string[],
): FieldProblems {
  const problems: FieldProblems = {};
  const items = new Map(baseItems.map((item) => [item.code, item]));
  const mutual = new Set(mutualItemCodes);
  const ids = new Set<string>();
  body.questions.forEach((question, i) => {
    const item = items.get(question.itemCode);
    const field = `questions.${i}.itemCode`;
    if (!item) problems[field] = ["测评体系中没有该条目 / no such item in the criteria system"];
    else if (!isSurveyItem(item))
      problems[field] = ["该条目的测评方法不是问卷调查 / the item is not assessed by survey"];
    else if (mutual.has(item.code)) problems[field] = ["该条目已由互评计分 / the item is scored by mutual assessment"];
    if (ids.has(question.id)) problems[`questions.${i}.id`] = ["题号重复 / this question id is used twice"];
    ids.add(question.id);
  });
  if (body.closesOn < body.opensOn) problems.closesOn = ["截止日期早于开始日期 / it closes before it opens"];
  if (body.gradeBands.some((band, i) => i > 0 && band >= (body.gradeBands[i - 1] ?? 1)))
    problems.gradeBands = ["各等次的满意率须从高到低排列 / each grade's rate must be below the previous one"];
  return problems;
}

/** Whether a change touches what answers were given against: anything but question texts and the closing day. */
export function changesAnsweredParts(
  saved: Questionnaire & { opensOn: string },
  next: Questionnaire & { opensOn: string },
): boolean {
  const scoring = (q: Questionnaire & { opensOn: string }) =>
    JSON.stringify([
      q.questions.map(({ text: _, ...rest }) => rest),
      q.minAnswers,
      q.belowMinimum,
      q.gradeBands,
      q.opensOn,
    ]);
  return scoring(saved) !== scoring(next);
}

/** Whether two questionnaires score different sets of items (what reviewers' score forms depend on). */
export function changesSourcedItems(saved: readonly Question[], next: readonly Question[]): boolean {
  const codes = (questions: readonly Question[]) => [...new Set(questions.map((q) => q.itemCode))].sort().join("\n");
  return codes(saved) !== codes(next);
}

const DAY_MS = 86_400_000;

/** The window's UTC instants: from 00:00 Beijing time on `opensOn` to 24:00 on `closesOn`. */
export function surveyWindow(opensOn: string, closesOn: string): { opensAt: string; closesAt: string } {
  const days = Math.round((Date.parse(closesOn) - Date.parse(opensOn)) / DAY_MS) + 1;
  const window = noticeWindow({ startsOn: opensOn, days, workingDays: false, holidays: [] });
  return { opensAt: window.startsAt, closesAt: window.endsAt };
}

/** Whether answers are accepted at `now`. */
export function surveyOpen(window: { opensAt: string; closesAt: string }, now: Date): boolean {
  return noticeState({ startsAt: window.opensAt, endsAt: window.closesAt }, now) === "open";
}
