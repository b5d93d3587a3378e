/**
 * Anonymised placeholders that report templates and web copies carry (`xx县`, `xx职业技术学校`, `20xx年`, `200*年`,
 * `***`, `×××`): flagged for the unit to fill in, distinct and in order of appearance.
 */

/** A run of two or more placeholder marks, after up to four digits (`20xx`); or one `*`/`×` after 2–4 digits (`200*`). */
const PLACEHOLDER = /(?<![A-Za-z0-9])(?:[0-9]{2,4}[*＊×]|[0-9]{0,4}(?:[xXｘＸ]{2,}|[*＊×]{2,}))(?![A-Za-z])/g;
/** After a year-like placeholder only a date word belongs to it: `20xx年`, `第xx届`. */
const DATE_SUFFIX = /^[年月日届期]/;
/**
 * After a name-like one, the words up to the first place or organisation word within a few characters:
 * `xx县`, `xx职业技术学校`, `XX市`. Without one, the marks alone (`***故居` → `***`).
 */
const NAME_SUFFIX =
  /^[^\s，。、；：,.;:!?！？“”"（）()xXｘＸ*＊×]{0,8}?(?:街道|社区|学校|中心|公司|单位|小学|中学|大学|[年月日届期县市区镇乡村省州校局厅处科委院所站])/;

export function placeholdersIn(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(PLACEHOLDER)) {
    const after = text.slice(match.index + match[0].length, match.index + match[0].length + 12);
    const suffix = (/^[0-9]/.test(match[0]) ? DATE_SUFFIX : NAME_SUFFIX).exec(after)?.[0] ?? "";
    found.add(match[0] + suffix);
  }
  return [...found];
}
