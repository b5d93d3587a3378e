/**
 * Reads the pasted text of a unit's creation program (创建工作方案) into a structured draft.
 *
 * Design, in one place:
 * - Nothing is lost. Every non-blank line (trimmed) lands in exactly one field, in input order:
 *   `title`, a section's `heading` or `text`, or an item's `title` or `text`. Only whitespace at line
 *   ends and blank lines are dropped, so "input without whitespace" equals "output fields concatenated
 *   without whitespace". Departments are copied out of text that stays where it is.
 * - `title` is the first line when it reads like a title (not numbered, short, no closing punctuation);
 *   otherwise `""` and that line is body text.
 * - Levels come from the document itself: the style of the first numbered line is the top level, and
 *   every line in that style opens a section. Inside a section the first other style seen is the item
 *   level; any further style is deeper and stays in the current item's text. A slip of style that
 *   continues the item sequence (`1、` `2.` `3、`) is still read as the next item.
 * - A section `heading` and an item `title` hold the numbered line *with its numbering*, up to and
 *   including its first sentence-ending mark (。！？；：) when more follows on that line; the rest of the
 *   line starts the `text`. So `（一）加强领导。科协…` → title `（一）加强领导。`, text `科协…`.
 * - Text before the first heading (after the title) is a section of kind `other` with heading `""`.
 * - Multi-line `text` keeps its lines joined with "\n".
 * - Section kind comes from the heading's words (specific phrases such as 保障措施 before generic ones such
 *   as 措施); an unknown heading is `other`, never dropped.
 * - Period: the title, else the preamble, else the goals sections; a year range before a single `2018年`.
 *   Target level: the title, else the goals sections; a level word must be followed by 文明 (市级文明单位),
 *   and 文明城市 does not count. Both are null when not found.
 *
 * Everything is a single pass over lines plus a few anchored regular expressions: linear in the input.
 */

import type { SectionKind } from "./vocabulary.ts";

export type TargetLevel = "county" | "city" | "province" | "national";
export interface ParsedItem {
  title: string;
  text: string;
  departments: string[];
}
export interface ParsedSection {
  kind: SectionKind;
  heading: string;
  text: string;
  items: ParsedItem[];
}
export interface ParsedProgram {
  title: string;
  startYear: number | null;
  endYear: number | null;
  targetLevel: TargetLevel | null;
  sections: ParsedSection[];
}

// ---------------------------------------------------------------------------------------------------
// Folding: a length-preserving copy of the text used only for matching, so that full-width forms
// (（１）．：) and traditional characters (指導思想) match the same patterns as their plain forms, while
// every index still points at the same character of the original.

/** Traditional → simplified, limited to characters that occur in the words this parser looks for. */
const TRADITIONAL_PAIRS =
  "導导標标點点務务動动載载體体創创組组織织領领時时間间驟骤實实責责門门牽牵頭头單单級级縣县區区國国進进階阶劃划規规總总設设與与內内關关為为爭争達达專专項项護护證证";
const TRADITIONAL_TO_SIMPLIFIED = new Map<string, string>();
for (let i = 0; i + 1 < TRADITIONAL_PAIRS.length; i += 2) {
  TRADITIONAL_TO_SIMPLIFIED.set(TRADITIONAL_PAIRS.charAt(i), TRADITIONAL_PAIRS.charAt(i + 1));
}

const FOLDABLE = new RegExp(`[\\uff01-\\uff5e\\u3000${[...TRADITIONAL_TO_SIMPLIFIED.keys()].join("")}]`, "g");

function foldCharacter(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code === 0x3000) return " ";
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
  return TRADITIONAL_TO_SIMPLIFIED.get(ch) ?? ch;
}

/** Full-width ASCII (U+FF01–FF5E) to ASCII, U+3000 to a space, traditional to simplified; 1:1 in UTF-16 units. */
export function foldForMatching(text: string): string {
  return text.replace(FOLDABLE, foldCharacter);
}

// ---------------------------------------------------------------------------------------------------
// Numbering detection

/** The outline numbering styles; half- and full-width forms of one style are the same style. */
export type NumberStyle = "cn" | "cn-paren" | "digit" | "digit-dot" | "digit-paren" | "circled";

export interface Numbering {
  style: NumberStyle;
  /** The number itself (一 → 1, ⑫ → 12), used to tell a continuing sequence from a new sub-list. */
  value: number;
  /** Length of the numbering including its separator and following spaces. */
  markerLength: number;
}

const CN_NUMERAL = "[一二三四五六七八九十百零〇]{1,4}";
const CN_DIGITS = "〇一二三四五六七八九";

/** 一 → 1, 十二 → 12, 二十三 → 23, 一百零五 → 105. */
export function chineseNumeralValue(numeral: string): number {
  let total = 0;
  let current = 0;
  for (const ch of numeral) {
    if (ch === "十" || ch === "百") {
      total += (current || 1) * (ch === "十" ? 10 : 100);
      current = 0;
    } else {
      // 零 is a placeholder (一百零五) and counts as 0, like 〇.
      current = current * 10 + Math.max(0, CN_DIGITS.indexOf(ch));
    }
  }
  return total + current;
}

/** Runs of enclosed digits: first code point and the number it stands for. */
const ENCLOSED_DIGIT_RUNS: readonly { first: number; last: number; firstValue: number; style: NumberStyle }[] = [
  { first: 0x2460, last: 0x2473, firstValue: 1, style: "circled" }, // ①–⑳
  { first: 0x3251, last: 0x325f, firstValue: 21, style: "circled" }, // ㉑–㉟
  { first: 0x32b1, last: 0x32bf, firstValue: 36, style: "circled" }, // ㊱–㊿
  { first: 0x2776, last: 0x277f, firstValue: 1, style: "circled" }, // ❶–❿
  { first: 0x2780, last: 0x2789, firstValue: 1, style: "circled" }, // ➀–➉
  { first: 0x278a, last: 0x2793, firstValue: 1, style: "circled" }, // ➊–➓
  { first: 0x2474, last: 0x2487, firstValue: 1, style: "digit-paren" }, // ⑴–⒇
  { first: 0x2488, last: 0x249b, firstValue: 1, style: "digit-dot" }, // ⒈–⒛
];

/**
 * Words that may follow a bare numeral with no separator at all (`一指导思想`, `3保障措施`): only then is
 * a numeral without 、 read as numbering, because body lines often start with numerals (`三年内…`).
 */
const HEADING_WORDS_AFTER_BARE_NUMERAL =
  "指导思想|指导原则|总体思路|总体要求|基本原则|创建目标|工作目标|总体目标|目标任务|目标|重点工作|工作措施|主要任务|活动载体|主要措施|工作任务|具体措施|重点任务|保障措施|创建要求|工作要求|组织领导|组织保障|时间安排|工作步骤|实施步骤|进度安排|方法步骤";

// Patterns run on the folded line, so `（一）`/`(一)`, `１．`/`1.` and `１、`/`1、` each share one pattern.
const NUMBERING_PATTERNS: readonly { style: NumberStyle; pattern: RegExp; cn: boolean }[] = [
  { style: "cn-paren", pattern: new RegExp(`^\\((${CN_NUMERAL})\\)[、.]?\\s*`), cn: true },
  // `一、` `一.`(from `一．`) or `一 ` — a numeral then a separator or a space.
  { style: "cn", pattern: new RegExp(`^(${CN_NUMERAL})(?:[、.]\\s*|\\s+)`), cn: true },
  { style: "cn", pattern: new RegExp(`^(${CN_NUMERAL})(?=${HEADING_WORDS_AFTER_BARE_NUMERAL})`), cn: true },
  { style: "digit-paren", pattern: /^\((\d{1,2})\)[、.]?\s*/, cn: false },
  { style: "digit-paren", pattern: /^(\d{1,2})\)\s*/, cn: false },
  { style: "digit", pattern: /^(\d{1,2})、\s*/, cn: false },
  // `1.` but not `1.5万元`.
  { style: "digit-dot", pattern: /^(\d{1,2})\.(?!\d)\s*/, cn: false },
  // `1 加强领导`, but not `10 月份` or `3 个`.
  { style: "digit", pattern: /^(\d{1,2})\s+(?![\d年月日号时分个项条次名人万元%])/, cn: false },
  { style: "digit", pattern: new RegExp(`^(\\d{1,2})(?=${HEADING_WORDS_AFTER_BARE_NUMERAL})`), cn: false },
];

/** Every pattern above starts with one of these: most body lines are ruled out by their first character. */
const NUMBERING_START = /^[(\d一二三四五六七八九十百零〇]/;

/** Longest numbering looked at: a 4-character numeral, its separator, spaces, and a heading word after it. */
const NUMBERING_WINDOW = 32;

/**
 * The outline numbering at the start of a line, or null for a body line.
 * `1、` and `1.` are different styles: documents nest one under the other.
 */
export function readNumbering(line: string): Numbering | null {
  // Numbering lives in the first few characters; folding only those keeps long lines cheap.
  const folded = foldForMatching(line.slice(0, NUMBERING_WINDOW));
  const first = folded.codePointAt(0);
  if (first === undefined) return null;
  for (const run of ENCLOSED_DIGIT_RUNS) {
    if (first >= run.first && first <= run.last) {
      const rest = folded.slice(1).match(/^[、.]?\s*/)?.[0] ?? "";
      return { style: run.style, value: run.firstValue + (first - run.first), markerLength: 1 + rest.length };
    }
  }
  if (!NUMBERING_START.test(folded)) return null;
  for (const { style, pattern, cn } of NUMBERING_PATTERNS) {
    const match = pattern.exec(folded);
    if (!match) continue;
    const numeral = match[1] ?? "";
    const value = cn ? chineseNumeralValue(numeral) : Number(numeral);
    return { style, value, markerLength: match[0].length };
  }
  return null;
}

/** Styles that count as one numeral family, for telling a style slip from a real sub-list. */
const numeralFamily = (style: NumberStyle) =>
  style === "cn" || style === "cn-paren" ? "cn" : style === "circled" ? "circled" : "digit";

// ---------------------------------------------------------------------------------------------------
// Line classification

const SENTENCE_ENDS = new Set(["。", "!", "?", ";", ":"]);
const OPENERS = new Set(["(", "[", "【", "《", "“", "‘", "〔"]);
const CLOSERS = new Set([")", "]", "】", "》", "”", "’", "〕"]);

/**
 * Splits a numbered line into its lead (numbering + first sentence, end mark included) and the rest.
 * Marks inside brackets don't count, so `（责任部室：办公室）` never cuts a title. With nothing after the
 * first sentence, the whole line is the lead.
 */
export function splitLead(line: string, markerLength: number): { lead: string; rest: string } {
  const folded = foldForMatching(line);
  let depth = 0;
  for (let i = markerLength; i < folded.length; i++) {
    const ch = folded.charAt(i);
    if (OPENERS.has(ch)) depth++;
    else if (CLOSERS.has(ch)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && SENTENCE_ENDS.has(ch)) {
      const rest = line.slice(i + 1).trim();
      return rest ? { lead: line.slice(0, i + 1).trimEnd(), rest } : { lead: line, rest: "" };
    }
  }
  return { lead: line, rest: "" };
}

/** Whether an unnumbered first line reads as the document's title rather than a paragraph. */
export function looksLikeTitle(line: string): boolean {
  const folded = foldForMatching(line);
  const last = folded.charAt(folded.length - 1);
  return folded.length > 0 && folded.length <= 100 && !"。!?;,、:".includes(last) && readNumbering(line) === null;
}

/** Splits on every line break (\r\n, \r, \n), trims each line (full-width spaces included) and drops blanks. */
export function nonBlankLines(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

// ---------------------------------------------------------------------------------------------------
// Section kind classification

/**
 * Specific phrases first: the earliest one in the heading decides (`指导思想和目标任务` is guiding).
 * Only when none is present do the generic words decide, so `保障措施` is a safeguard, not a measure.
 */
const SPECIFIC_PHRASES: readonly [string, SectionKind][] = [
  ...words("guiding", "指导思想 指导原则 总体思路 总体要求 基本原则"),
  ...words("goals", "目标"),
  ...words(
    "measures",
    "重点工作 工作措施 主要任务 活动载体 主要措施 工作任务 具体措施 重点任务 创建内容 工作重点 主要内容 创建措施 主要工作 实施内容",
  ),
  ...words("safeguards", "保障措施 创建要求 工作要求 组织领导 组织保障 有关要求 工作保障 几点要求 相关要求"),
  ...words("schedule", "时间安排 工作步骤 实施步骤 步骤安排 进度安排 方法步骤 时间节点 实施阶段 阶段安排 进度"),
];
const GENERIC_WORDS: readonly [string, SectionKind][] = [
  ...words("measures", "措施 任务 举措"),
  ...words("safeguards", "要求 保障 领导"),
  ...words("schedule", "步骤 安排 阶段 时间"),
];

function words(kind: SectionKind, list: string): [string, SectionKind][] {
  return list.split(" ").map((word) => [word, kind]);
}

function earliestPhrase(text: string, phrases: readonly [string, SectionKind][]): SectionKind | null {
  let best: { at: number; length: number; kind: SectionKind } | null = null;
  for (const [phrase, kind] of phrases) {
    const at = text.indexOf(phrase);
    if (at < 0) continue;
    if (!best || at < best.at || (at === best.at && phrase.length > best.length)) {
      best = { at, length: phrase.length, kind };
    }
  }
  return best?.kind ?? null;
}

/** What a top-level heading is about, from its words (numbering and full-width/traditional forms aside). */
export function classifySectionKind(heading: string): SectionKind {
  const numbering = readNumbering(heading);
  const words = foldForMatching(heading).slice(numbering?.markerLength ?? 0);
  return earliestPhrase(words, SPECIFIC_PHRASES) ?? earliestPhrase(words, GENERIC_WORDS) ?? "other";
}

// ---------------------------------------------------------------------------------------------------
// Department extraction

/** `责任部室：` `（责任部门:` `牵头单位：` … — a colon is required, or body sentences (`责任单位要…`) would match. */
const DEPARTMENT_LABEL = /(?:责任|牵头)(?:部室|部门|单位|科室|处室)\s*:\s*/g;
/** Every label starts with one of these (simplified or traditional). */
const ANNOTATION_HINT = /[责責]任|[牵牽][头頭]/;
/** The list ends at a closing bracket, a full stop or a line break (the next label also ends it). */
const LIST_END = /[)\]】〕。\n]/;
const DEPARTMENT_SEPARATORS = /[、，,；;／/\s]+/;
const CONJUNCTIONS = /以及|和|及|与|與/g;
/** Last characters of department names (办公室, 学会部, 工会, 团支部, 服务中心, 财务股 …). */
const DEPARTMENT_ENDINGS = "室部处科办会组队局委心站所院厅团联协社股司校馆";
const endsLikeDepartment = (name: string) => DEPARTMENT_ENDINGS.includes(name.trim().slice(-1) || "\u0000");

/**
 * `办公室和学会部` names two departments, but `普及部` is one: a conjunction separates names only where
 * the words before it already end like a department name (`学会部和普及部` → 学会部 | 普及部).
 */
function splitAtConjunctions(names: string): string[] {
  if (!endsLikeDepartment(names)) return [names];
  const pieces: string[] = [];
  let from = 0;
  for (const conjunction of names.matchAll(CONJUNCTIONS)) {
    const before = names.slice(from, conjunction.index);
    if (!endsLikeDepartment(before)) continue;
    pieces.push(before);
    from = conjunction.index + conjunction[0].length;
  }
  pieces.push(names.slice(from));
  return pieces;
}

/**
 * Departments named in responsibility annotations, in order of appearance and without repeats:
 * `（责任部室：办公室、学会部）` → ["办公室", "学会部"].
 */
export function extractDepartments(text: string): string[] {
  // Most items have no annotation: skip folding and scanning them.
  if (!ANNOTATION_HINT.test(text)) return [];
  const folded = foldForMatching(text);
  const labels = [...folded.matchAll(DEPARTMENT_LABEL)];
  const found: string[] = [];
  for (const [n, label] of labels.entries()) {
    const start = label.index + label[0].length;
    const nextLabel = labels[n + 1]?.index ?? folded.length;
    const endMatch = LIST_END.exec(folded.slice(start, nextLabel));
    const end = endMatch ? start + endMatch.index : nextLabel;
    for (const part of text.slice(start, end).split(DEPARTMENT_SEPARATORS).flatMap(splitAtConjunctions)) {
      const name = part.replace(/等$/, "").trim();
      if (name && !found.includes(name)) found.push(name);
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------------
// Period and target level

const YEAR = "((?:19|20)\\d{2})";
/** `2015—2016年度`, `2019-2021年`, `2019年至2021年`, `2019～2021`: any dash, 至 or 到 between two years. */
// (`\s*(?:年\s*)?` rather than `\s*年?\s*`: two adjacent \s* would backtrack quadratically on long blank runs.)
const YEAR_RANGE = new RegExp(`(?<!\\d)${YEAR}\\s*(?:年\\s*)?(?:[-~—–―‐‑‒−﹣〜]+|至|到)\\s*${YEAR}(?!\\d)`, "g");
const SINGLE_YEAR = new RegExp(`(?<!\\d)${YEAR}\\s*年`);

/** The program period in one piece of text: a year range first, else a single `2018年`. */
export function readPeriod(text: string): { startYear: number; endYear: number } | null {
  const folded = foldForMatching(text);
  for (const match of folded.matchAll(YEAR_RANGE)) {
    const startYear = Number(match[1]);
    const endYear = Number(match[2]);
    if (endYear >= startYear) return { startYear, endYear };
  }
  const single = SINGLE_YEAR.exec(folded);
  return single ? { startYear: Number(single[1]), endYear: Number(single[1]) } : null;
}

/**
 * A level word followed by 文明 (`市级文明单位`, `全国文明单位`) — but not 文明城市, which is a city's title,
 * not the unit's. Bare 省/市/县/区 only count outside words like 城市, 社区.
 */
const LEVEL_MENTION =
  /(全国|国家级|省级|全省|地市级|地级|市级|全市|县级|区级|全县|全区|(?<![城都社地街景园辖小校营])[省市县区])(?:精神)?文明(?!城)/;

const LEVEL_OF_WORD: Record<string, TargetLevel> = {
  全国: "national",
  国家级: "national",
  省级: "province",
  全省: "province",
  省: "province",
  地市级: "city",
  地级: "city",
  市级: "city",
  全市: "city",
  市: "city",
  县级: "county",
  区级: "county",
  全县: "county",
  全区: "county",
  县: "county",
  区: "county",
};

/** The first civilized-unit level mentioned in a piece of text. */
export function readTargetLevel(text: string): TargetLevel | null {
  const match = LEVEL_MENTION.exec(foldForMatching(text));
  return match ? (LEVEL_OF_WORD[match[1] ?? ""] ?? null) : null;
}

// ---------------------------------------------------------------------------------------------------
// Assembly

interface ItemDraft {
  title: string;
  lines: string[];
  value: number;
}
interface SectionDraft {
  heading: string;
  lines: string[];
  items: ItemDraft[];
  itemStyle: NumberStyle | null;
  /** Styles already seen below the item level in this section: they stay deeper from then on. */
  deeperStyles: Set<NumberStyle>;
}

function newSection(heading: string): SectionDraft {
  return { heading, lines: [], items: [], itemStyle: null, deeperStyles: new Set() };
}

/**
 * Whether a numbered line (not in the top style) opens a new item of the section. Records what it learns:
 * the first such style becomes the item level, a style judged deeper stays deeper.
 */
function opensItem(section: SectionDraft, numbering: Numbering): boolean {
  if (section.itemStyle === null) {
    section.itemStyle = numbering.style;
    return true;
  }
  if (numbering.style === section.itemStyle) return true;
  if (section.deeperStyles.has(numbering.style)) return false;
  const last = section.items.at(-1);
  const continuesSequence =
    last !== undefined &&
    numbering.value === last.value + 1 &&
    numeralFamily(numbering.style) === numeralFamily(section.itemStyle);
  if (continuesSequence) return true;
  section.deeperStyles.add(numbering.style);
  return false;
}

function outlineSections(lines: readonly string[]): SectionDraft[] {
  const sections: SectionDraft[] = [];
  let topStyle: NumberStyle | null = null;
  for (const line of lines) {
    const numbering = readNumbering(line);
    topStyle ??= numbering?.style ?? null;
    if (numbering && numbering.style === topStyle) {
      const { lead, rest } = splitLead(line, numbering.markerLength);
      const section = newSection(lead);
      if (rest) section.lines.push(rest);
      sections.push(section);
      continue;
    }
    let section = sections.at(-1);
    if (!section) {
      // Text before the first heading: the preamble.
      section = newSection("");
      sections.push(section);
    }
    if (numbering && opensItem(section, numbering)) {
      const { lead, rest } = splitLead(line, numbering.markerLength);
      section.items.push({ title: lead, lines: rest ? [rest] : [], value: numbering.value });
      continue;
    }
    const item = section.items.at(-1);
    (item ? item.lines : section.lines).push(line);
  }
  return sections;
}

/** A section as the outline reads it, before any document-specific reading (kinds, departments). */
export interface OutlineSection {
  heading: string;
  text: string;
  items: { title: string; text: string }[];
}

/**
 * The outline of a document's body lines (trimmed, non-blank), shared by the program and report parsers:
 * every line lands in one field, in order.
 */
export function outlineLines(lines: readonly string[]): OutlineSection[] {
  return outlineSections(lines).map((draft) => ({
    heading: draft.heading,
    text: draft.lines.join("\n"),
    items: draft.items.map((item) => ({ title: item.title, text: item.lines.join("\n") })),
  }));
}

function finishSection(section: OutlineSection): ParsedSection {
  return {
    kind: section.heading ? classifySectionKind(section.heading) : "other",
    heading: section.heading,
    text: section.text,
    items: section.items.map((item) => ({
      ...item,
      departments: extractDepartments(`${item.title}\n${item.text}`),
    })),
  };
}

const sectionContent = (section: ParsedSection) =>
  [section.heading, section.text, ...section.items.map((item) => `${item.title}\n${item.text}`)].join("\n");

/** The first reading found in the sources, in order; later sources are only built when needed. */
function firstFound<T>(sources: readonly (() => string)[], read: (text: string) => T | null): T | null {
  for (const source of sources) {
    const found = read(source());
    if (found !== null) return found;
  }
  return null;
}

export function parseProgramText(text: string): ParsedProgram {
  const lines = nonBlankLines(text);
  const first = lines[0];
  const title = first !== undefined && looksLikeTitle(first) ? first : "";
  const sections = outlineLines(title ? lines.slice(1) : lines).map(finishSection);

  // The period is usually in the title; failing that, in the preamble or the goals.
  const firstSection = sections[0];
  const preamble = firstSection?.heading === "" ? [firstSection] : [];
  const goals = sections.filter((section) => section.kind === "goals");
  const fromTitle = () => title;
  const contentOf = (section: ParsedSection) => () => sectionContent(section);
  const period = firstFound([fromTitle, ...[...preamble, ...goals].map(contentOf)], readPeriod);

  // The target level: first mention in the title, else in the goals sections.
  const targetLevel = firstFound([fromTitle, ...goals.map(contentOf)], readTargetLevel);

  return {
    title,
    startYear: period?.startYear ?? null,
    endYear: period?.endYear ?? null,
    targetLevel,
    sections,
  };
}
