/**
 * Line cleaning that keeps every word: inline pinyin annotations stripped (`創(chuàng)建` → `創建`),
 * traditional characters converted to simplified (Hong Kong and Taiwan variants, opencc-js's maintained
 * dictionaries), and half-width punctuation inside Chinese text made full-width (`,` → `，`).
 */
import { ConverterFactory, type ConverterFunction, Locale } from "opencc-js/t2cn";

// ---------------------------------------------------------------------------------------------------
// Pinyin annotations

const TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ";
/** A Han character, then one bracketed pinyin syllable (letters with tone marks, or a tone digit). */
const ANNOTATION = new RegExp(`(\\p{Script=Han})[(（]([a-zü${TONED}ɑɡ]{1,7}[1-5]?)[)）]`, "gu");
const HAS_TONE = new RegExp(`[${TONED}]|[1-5]$`, "u");

/** Drops `(chuàng)` after `創`; a bracketed word without a tone (`(app)`, `(de)`) is ordinary text and stays. */
export function stripPinyin(line: string): { text: string; count: number } {
  let count = 0;
  const text = line.replace(ANNOTATION, (whole, han: string, syllable: string) => {
    if (!HAS_TONE.test(syllable)) return whole;
    count++;
    return han;
  });
  return { text, count };
}

// ---------------------------------------------------------------------------------------------------
// Traditional → simplified

let converter: ConverterFunction | undefined;
/**
 * opencc's Hong Kong and Taiwan variants, then traditional → simplified, on any text (no judgement of whether it
 * is traditional). Built on first use and kept for the isolate: the dictionaries take a moment to load.
 */
export function toSimplifiedRaw(text: string): string {
  converter ??= ConverterFactory(Locale.from.hk ?? [], Locale.from.tw ?? [], Locale.to.cn ?? []);
  return converter(text);
}

/**
 * Characters the converter changes although they are also ordinary simplified characters (GB 2312): 乾隆, 著作,
 * 皇后… They are converted inside a line that is traditional, but never count as a sign that it is.
 * test/domain/report-parser.test.ts proves the list complete against every GB 2312 character.
 */
export const AMBIGUOUS_CHARACTERS = "么乾著菸薹拚捱摺吒後徵夥榘於袷麴醣麽";
const AMBIGUOUS = new Set(AMBIGUOUS_CHARACTERS);

/**
 * A line is converted only when it holds at least one character that is traditional and nothing else, so an
 * already simplified line (whatever the converter would do to 著 or 乾) comes back unchanged.
 */
export function toSimplified(line: string): { text: string; count: number } {
  const converted = toSimplifiedRaw(line);
  if (converted === line) return { text: line, count: 0 };
  const before = [...line];
  const after = [...converted];
  let count = 0;
  let traditional = false;
  if (before.length === after.length) {
    for (const [i, ch] of before.entries()) {
      if (ch === after[i]) continue;
      count++;
      if (!AMBIGUOUS.has(ch)) traditional = true;
    }
  } else {
    // A phrase of another length: judge and count character by character.
    for (const ch of before) {
      if (toSimplifiedRaw(ch) === ch) continue;
      count++;
      if (!AMBIGUOUS.has(ch)) traditional = true;
    }
  }
  return traditional ? { text: converted, count } : { text: line, count: 0 };
}

// ---------------------------------------------------------------------------------------------------
// Punctuation

const FULL_WIDTH: Record<string, string> = { ",": "，", ":": "：", ";": "；", "?": "？", "!": "！", ".": "。" };
const HAN = /\p{Script=Han}/u;
const CJK_PUNCTUATION = /[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u2018-\u201f\u2026\u2014]/u;
const chineseBefore = (ch: string) => HAN.test(ch) || CJK_PUNCTUATION.test(ch);

/**
 * `,` `:` `;` `?` `!` touching Chinese text become full-width (`12:30` and `a,b` stay); a `.` only after a Han
 * character at a sentence's end (`1.5` and `1.` numbering stay); `(…)` holding Chinese becomes `（…）`.
 */
export function normalisePunctuation(line: string): string {
  const marks = line.replace(/[,:;?!.]/g, (mark, at: number) => {
    const before = line.charAt(at - 1);
    const after = line.charAt(at + 1);
    if (mark === ".") return HAN.test(before) && (after === "" || HAN.test(after)) ? "。" : mark;
    if (mark === ":" && after === "/") return mark;
    return chineseBefore(before) || HAN.test(after) ? (FULL_WIDTH[mark] ?? mark) : mark;
  });
  return marks.replace(/\(([^()\n]*)\)/g, (whole, inside: string) => (HAN.test(inside) ? `（${inside}）` : whole));
}

// ---------------------------------------------------------------------------------------------------

export interface CleanedLine {
  text: string;
  /** Characters converted from traditional. */
  traditional: number;
  /** Pinyin annotations stripped. */
  pinyin: number;
}

/** The three steps in order: annotations go first so their brackets are not taken for Chinese parentheses. */
export function cleanLine(line: string): CleanedLine {
  const stripped = stripPinyin(line);
  const simplified = toSimplified(stripped.text);
  return { text: normalisePunctuation(simplified.text), traditional: simplified.count, pinyin: stripped.count };
}
