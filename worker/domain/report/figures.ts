/**
 * Counts a report states, with their unit of measure and the sentence they came from: "组织集体学习24次",
 * "在编教职工128人", "学前一年入园率达90%", "两名同志". Not figures: years and dates (`2019年`, `3月`: 年/月/日
 * are not units here), ordinals (`第3`), ranges (`1-2次`), and Chinese numerals inside quotation marks
 * (slogans such as “三个代表”) or below two (`一名共产党员` speaks of one person, it counts nothing).
 */
import { chineseNumeralValue } from "../program-parser.ts";

export interface FigureDraft {
  /** The sentence the figure came from (a window of it when the sentence runs very long). */
  text: string;
  /** What is counted, as the unit words it: 组织集体学习, 在编教职工, 目标. */
  label: string;
  value: number;
  unit: string;
}

const UNITS =
  "人次|平方米|公顷|小时|课时|学时|公里|千米|米|亩|元|人|次|名|个|项|篇|件|场|期|批|户|家|所|支|套|台|本|册|份|条|间|座|张|幅|块|辆|天|部|位|棵|株|届|处|字";
const ARABIC = new RegExp(
  `(?<![0-9.０-９第\\-~～—－])([0-9０-９]+(?:\\.[0-9]+)?)\\s*(万|亿)?(余|多)?(万|亿)?\\s*(${UNITS}|%|％)`,
  "g",
);
// 期 and 届 are left out here: 二期工程 and 十八届 are ordinals.
const CHINESE =
  /(?<![第一二三四五六七八九十百千万两零〇几])([两二三四五六七八九十][十]?[一二三四五六七八九]?)(个|项|名|次|篇|场|人|支|所|家|户|件|批|套|本|条|座|台|辆|位)/g;

/** Sentences end at these marks; clauses (for the label) at these. */
const SENTENCE = /[^。！？；!?;\n]+[。！？；!?;]?/g;
const CLAUSE_BREAK = /[，,、：:（）()“”"《》【】]/;
const LEADING_WORDS = /^(?:今年以来|一年来|全年|累计|共计|总计|合计|其中|目前|现有|共|已|约|近|有)+/;
const TRAILING_WORDS = /(?:达到|超过|共计|累计|总计|合计|达|为|约|共|计|有|逾|近|了|和|及|与|由|等)+$/;
const LABEL_LENGTH = 20;
const SENTENCE_WINDOW = 120;
const MAX_VALUE = 1e12;

const halfWidth = (digits: string) => digits.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10));

/** The clause around `at`, read backwards (`before`) or forwards (`after`) and bounded to a label's length. */
function clauseBefore(sentence: string, at: number): string {
  // `科室（二级机构）28个`: what is counted stands before the bracketed aside.
  const closer = sentence.charAt(at - 1);
  const aside = closer === "）" || closer === ")" ? sentence.lastIndexOf(closer === ")" ? "(" : "（", at) : -1;
  const end = aside > 0 ? aside : at;
  let start = end;
  while (start > 0 && end - start < LABEL_LENGTH * 2 && !CLAUSE_BREAK.test(sentence.charAt(start - 1))) start--;
  const clause = sentence.slice(start, end).trim();
  return clause.replace(LEADING_WORDS, "").replace(TRAILING_WORDS, "").trim().slice(-LABEL_LENGTH);
}
function clauseAfter(sentence: string, from: number): string {
  let end = from;
  while (end < sentence.length && end - from < LABEL_LENGTH && !CLAUSE_BREAK.test(sentence.charAt(end))) end++;
  return sentence
    .slice(from, end)
    .replace(/[。！？；!?;]$/, "")
    .trim();
}

function context(sentence: string, at: number, length: number): string {
  if (sentence.length <= SENTENCE_WINDOW * 2) return sentence.trim();
  return sentence.slice(Math.max(0, at - SENTENCE_WINDOW), at + length + SENTENCE_WINDOW).trim();
}

/** Whether each position asked about (in increasing order) lies inside “…”: one pass over the sentence. */
function quoteTracker(sentence: string): (at: number) => boolean {
  let scanned = 0;
  let open = false;
  return (at) => {
    for (; scanned < at; scanned++) {
      const ch = sentence.charAt(scanned);
      if (ch === "“") open = true;
      else if (ch === "”") open = false;
    }
    return open;
  };
}

export function findFigures(text: string): FigureDraft[] {
  const figures: FigureDraft[] = [];
  for (const sentenceMatch of text.matchAll(SENTENCE)) {
    const sentence = sentenceMatch[0];
    const found: { at: number; figure: FigureDraft }[] = [];
    for (const m of sentence.matchAll(ARABIC)) {
      const value = Number(halfWidth(m[1] ?? ""));
      if (!Number.isFinite(value) || value > MAX_VALUE) continue;
      const unit = `${m[2] ?? m[4] ?? ""}${(m[5] ?? "").replace("％", "%")}`;
      const end = m.index + m[0].length;
      const label = clauseBefore(sentence, m.index) || clauseAfter(sentence, end) || unit;
      found.push({ at: m.index, figure: { text: context(sentence, m.index, m[0].length), label, value, unit } });
    }
    const insideQuotes = quoteTracker(sentence);
    for (const m of sentence.matchAll(CHINESE)) {
      const numeral = (m[1] ?? "").replace("两", "二");
      const value = chineseNumeralValue(numeral);
      if (insideQuotes(m.index) || value < 2) continue;
      const end = m.index + m[0].length;
      // A Chinese numeral comes before what it counts: 两个目标, 三名同志.
      const label = clauseAfter(sentence, end) || clauseBefore(sentence, m.index) || (m[2] ?? "");
      found.push({
        at: m.index,
        figure: { text: context(sentence, m.index, m[0].length), label, value, unit: m[2] ?? "" },
      });
    }
    found.sort((a, b) => a.at - b.at);
    for (const f of found) figures.push(f.figure);
  }
  return figures;
}
