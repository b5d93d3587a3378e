/**
 * 互评 rules of the settings and of a rater's form: which items peers may score (base items no questionnaire
 * question maps to), the window (Beijing days, kept as UTC instants), and what a saved or submitted form must hold.
 */
import type { FieldProblems } from "./field-messages.ts";
import { noticeState, noticeWindow } from "./notice-window.ts";

const DAY_MS = 86_400_000;

/** The window from 00:00 Beijing time of `opensOn` to 24:00 of `closesOn`, as UTC instants. */
export function mutualWindow(opensOn: string, closesOn: string): { opensAt: string; closesAt: string } {
  const days = Math.round((Date.parse(closesOn) - Date.parse(opensOn)) / DAY_MS) + 1;
  const window = noticeWindow({ startsOn: opensOn, days, workingDays: false, holidays: [] });
  return { opensAt: window.startsAt, closesAt: window.endsAt };
}

export type MutualWindowState = "upcoming" | "open" | "closed";

export function mutualWindowState(window: { opensAt: string; closesAt: string }, now: Date): MutualWindowState {
  const state = noticeState({ startsAt: window.opensAt, endsAt: window.closesAt }, now);
  return state === "ended" ? "closed" : state;
}

/** Per field, why the settings' items or days are refused: not a base item, asked by the questionnaire, twice. */
export function mutualSettingsProblems(
  body: { itemCodes: readonly string[]; opensOn: string; closesOn: string },
  baseItems: ReadonlyMap<string, unknown>,
  surveyItems: ReadonlySet<string>,
): FieldProblems {
  const problems: FieldProblems = {};
  const seen = new Set<string>();
  body.itemCodes.forEach((code, i) => {
    const field = `itemCodes.${i}`;
    if (!baseItems.has(code)) problems[field] = ["不是本测评体系的基本测评条目 / not a base item of the system"];
    else if (surveyItems.has(code)) problems[field] = ["该项由问卷调查计分 / scored by the survey"];
    else if (seen.has(code)) problems[field] = ["条目重复 / listed twice"];
    seen.add(code);
  });
  if (body.closesOn < body.opensOn) problems.closesOn = ["结束日期不能早于开始日期 / ends before it opens"];
  return problems;
}

export interface MutualFormItem {
  code: string;
  maxPoints: number;
}

export interface MutualScoreInput {
  rateeApplicationId: string;
  itemCode: string;
  points: number;
}

/** Per field of the body, why a score is refused: not an assigned peer, not a mutual item, over the max, not a half. */
export function mutualScoreProblems(
  scores: readonly MutualScoreInput[],
  peers: ReadonlySet<string>,
  items: readonly MutualFormItem[],
): FieldProblems {
  const problems: FieldProblems = {};
  const byCode = new Map(items.map((item) => [item.code, item]));
  const seen = new Set<string>();
  scores.forEach((score, i) => {
    const item = byCode.get(score.itemCode);
    const key = JSON.stringify([score.rateeApplicationId, score.itemCode]);
    if (!peers.has(score.rateeApplicationId)) {
      problems[`scores.${i}.rateeApplicationId`] = ["不是分配给本单位的互评单位 / not a peer assigned to this unit"];
    } else if (!item) {
      problems[`scores.${i}.itemCode`] = ["不是本评选的互评条目 / not a mutual item of the round"];
    } else if (seen.has(key)) {
      problems[`scores.${i}.itemCode`] = ["同一单位同一条目重复评分 / scored twice"];
    } else if (score.points > item.maxPoints) {
      problems[`scores.${i}.points`] = [`不能超过该项满分 ${item.maxPoints} 分 / at most ${item.maxPoints}`];
    } else if (!Number.isInteger(score.points * 2)) {
      problems[`scores.${i}.points`] = ["分值须为 0.5 的整数倍 / points go in steps of 0.5"];
    }
    seen.add(key);
  });
  return problems;
}

/** The peer × item pairs a submit still lacks, given what is stored and what the body adds. */
export function unscoredPairs(
  peers: readonly string[],
  items: readonly MutualFormItem[],
  scored: Iterable<{ rateeApplicationId: string; itemCode: string }>,
): Array<{ rateeApplicationId: string; itemCode: string }> {
  const done = new Set([...scored].map((s) => JSON.stringify([s.rateeApplicationId, s.itemCode])));
  return peers.flatMap((rateeApplicationId) =>
    items
      .filter((item) => !done.has(JSON.stringify([rateeApplicationId, item.code])))
      .map((item) => ({ rateeApplicationId, itemCode: item.code })),
  );
}
