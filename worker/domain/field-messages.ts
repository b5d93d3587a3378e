import type { core } from "zod";
import { zhCN } from "zod/locales";

/**
 * Field messages in both languages. The API answers `fields` in Simplified Chinese and `fieldsEn` in English
 * (like `message` / `messageEn`), so the SPA can show the UI language's message under each input.
 */
export interface Bilingual {
  zh: string;
  en: string;
}

/** A field message as code writes it: a pair, or one "中文 / English" text. */
export type FieldText = string | Bilingual;

/** Field path → its messages, before they are split into the two languages of the error body. */
export type FieldProblems = Record<string, ReadonlyArray<FieldText>>;

const HAN = /\p{Script=Han}/u;
const LATIN = /[A-Za-z]/;
const SEPARATOR = " / ";

/**
 * Splits one of the codebase's "中文 / English" texts at the first " / " with Chinese before it and English
 * without Chinese after it (else the first with any English after it), so a "/" inside either half stays
 * where it is. A text that is not such a pair is the same in both languages.
 */
export function splitBilingual(text: string): Bilingual {
  let fallback: Bilingual | undefined;
  for (let at = text.indexOf(SEPARATOR); at >= 0; at = text.indexOf(SEPARATOR, at + 1)) {
    const zh = text.slice(0, at).trim();
    const en = text.slice(at + SEPARATOR.length).trim();
    if (!HAN.test(zh) || !LATIN.test(en)) continue;
    if (!HAN.test(en)) return { zh, en };
    fallback ??= { zh, en };
  }
  return fallback ?? { zh: text, en: text };
}

function asBilingual(text: FieldText): Bilingual {
  return typeof text === "string" ? splitBilingual(text) : text;
}

/** The error body's two maps: `fields` in Chinese, `fieldsEn` in English, with the same keys in the same order. */
export function fieldMaps(problems: FieldProblems): {
  fields: Record<string, string[]>;
  fieldsEn: Record<string, string[]>;
} {
  const fields: Record<string, string[]> = {};
  const fieldsEn: Record<string, string[]> = {};
  for (const [key, texts] of Object.entries(problems)) {
    const pairs = texts.map(asBilingual);
    fields[key] = pairs.map((p) => p.zh);
    fieldsEn[key] = pairs.map((p) => p.en);
  }
  return { fields, fieldsEn };
}

/** Unknown fields, named in both languages. */
export function unknownFields(keys: readonly string[]): Bilingual {
  return { zh: `未知字段：${keys.join("、")}`, en: `unknown field(s): ${keys.join(", ")}` };
}

const TYPE_ZH: Record<string, string> = {
  string: "文本",
  number: "数字",
  int: "整数",
  boolean: "是或否（布尔值）",
  array: "列表（数组）",
  object: "对象",
  date: "日期",
  null: "空值",
};

const UNIT_ZH: Record<string, string> = { string: "个字符", array: "项", set: "项", file: "字节" };

function sizeMessage(issue: core.$ZodIssueTooSmall | core.$ZodIssueTooBig): string | undefined {
  const unit = UNIT_ZH[issue.origin];
  const small = issue.code === "too_small";
  const bound = small ? (issue as core.$ZodIssueTooSmall).minimum : (issue as core.$ZodIssueTooBig).maximum;
  if (unit) {
    if (small && issue.origin === "string" && Number(bound) === 1) return "不能为空";
    if (small && issue.origin === "array" && Number(bound) === 1) return "至少填写 1 项";
    return small ? `至少 ${bound} ${unit}` : `最多 ${bound} ${unit}`;
  }
  if (issue.origin === "number" || issue.origin === "int" || issue.origin === "bigint") {
    if (small) return issue.inclusive ? `不能小于 ${bound}` : `须大于 ${bound}`;
    return issue.inclusive ? `不能大于 ${bound}` : `须小于 ${bound}`;
  }
  return undefined;
}

const FORMAT_ZH: Record<string, string> = {
  email: "邮箱格式不正确",
  url: "网址格式不正确",
  date: "日期格式不正确（应为 YYYY-MM-DD）",
  datetime: "时间格式不正确",
  uuid: "标识格式不正确",
  regex: "格式不正确",
};

/** The Chinese message of a zod issue: plain wording for the common cases, zod's zh-CN locale for the rest. */
function zhMessage(issue: core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return `应为${TYPE_ZH[issue.expected] ?? issue.expected}`;
    case "too_small":
    case "too_big": {
      const sized = sizeMessage(issue);
      if (sized) return sized;
      break;
    }
    case "invalid_format": {
      const format = FORMAT_ZH[issue.format];
      if (format) return format;
      break;
    }
    case "invalid_value":
      return issue.values.length === 1
        ? `须为 ${String(issue.values[0])}`
        : `须为以下之一：${issue.values.map(String).join("、")}`;
    case "not_multiple_of":
      return `须为 ${issue.divisor} 的整数倍`;
    case "unrecognized_keys":
      return unknownFields(issue.keys).zh;
    default:
      break;
  }
  return zhCN().localeError(issue as unknown as core.$ZodRawIssue) as string;
}

/**
 * One zod issue in both languages. A message the schema wrote itself ("中文 / English") is split; zod's own
 * message (English, from the default locale) gets its Chinese from the issue's code. `missing` says the
 * value at the issue's path was absent: "必填 / required" rather than "expected string, received undefined".
 */
export function issueMessage(issue: core.$ZodIssue, missing = false): Bilingual {
  if (issue.code === "unrecognized_keys") return unknownFields(issue.keys);
  const own = splitBilingual(issue.message);
  if (own.zh !== own.en) return own;
  if (missing) return { zh: "必填", en: "required" };
  return { zh: zhMessage(issue), en: issue.message };
}

/** The value at a path of an input, or undefined when any step is missing. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const step of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[step];
  }
  return value;
}

/** Field path → messages in both languages, from a zod error; `input` (what was parsed) tells missing from wrong. */
export function zodFieldProblems(issues: readonly core.$ZodIssue[], input?: unknown): Record<string, Bilingual[]> {
  const problems: Record<string, Bilingual[]> = {};
  for (const issue of issues) {
    const key = issue.path.length > 0 ? issue.path.join(".") : "_";
    const missing =
      input !== undefined &&
      (issue.code === "invalid_type" || issue.code === "invalid_value") &&
      valueAt(input, issue.path) === undefined;
    problems[key] = [...(problems[key] ?? []), issueMessage(issue, missing)];
  }
  return problems;
}

// Names and free text: what a person can type, nothing that hides in storage or breaks a sheet.
const CONTROL = /\p{Cc}/u;
/** Free text keeps line breaks and tabs; other control characters are refused. */
const CONTROL_EXCEPT_LINES = /[^\P{Cc}\n\r\t]/u;
/** A lone surrogate: a half of a UTF-16 pair that SQLite would silently turn into U+FFFD. */
const LONE_SURROGATE = /\p{Cs}/u;

export const NO_CONTROL_CHARACTERS: Bilingual = {
  zh: "不能包含控制字符（如换行、NUL）",
  en: "must not contain control characters (such as line breaks or NUL)",
};
export const NO_CONTROL_CHARACTERS_FREE: Bilingual = {
  zh: "除换行和制表符外不能包含控制字符（如 NUL）",
  en: "must not contain control characters other than line breaks and tabs (such as NUL)",
};
export const NO_LONE_SURROGATES: Bilingual = {
  zh: "含有无效字符（不成对的 UTF-16 代理项）",
  en: "contains an invalid character (a lone UTF-16 surrogate)",
};

/** Why a name (one line) or a free text is refused, or undefined when it is fine. */
export function textProblem(text: string, kind: "name" | "free"): Bilingual | undefined {
  if (LONE_SURROGATE.test(text)) return NO_LONE_SURROGATES;
  if (kind === "name" ? CONTROL.test(text) : CONTROL_EXCEPT_LINES.test(text)) {
    return kind === "name" ? NO_CONTROL_CHARACTERS : NO_CONTROL_CHARACTERS_FREE;
  }
  return undefined;
}

/** A pair as one "中文 / English" text, for zod messages (which are strings); `issueMessage` splits it again. */
export function joined(message: Bilingual): string {
  return `${message.zh}${SEPARATOR}${message.en}`;
}
