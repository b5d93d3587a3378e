/**
 * Pinyin initials of a unit's name, for public search: 德阳市科学技术协会 → dyskxjsxh. People search with the
 * short form they say (德阳科协, dykx), which is a subsequence of the full name and of its initials, so search
 * matches characters in order with gaps allowed (`subsequencePattern`).
 */
import { pinyin } from "pinyin-pro";

/** Lower-case initials; Latin letters and digits in the name are kept as they are (lower-cased). */
export function nameInitials(name: string): string {
  return pinyin(name, { pattern: "first", toneType: "none", type: "array", nonZh: "consecutive" })
    .join("")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/** Whether a query is typed as initials (Latin letters and digits only), not as part of the name. */
export function isInitialsQuery(q: string): boolean {
  return /^[a-z0-9]+$/i.test(q.trim());
}

/**
 * A LIKE pattern (with `ESCAPE '\'`) that matches the query's characters in order, with anything between them:
 * 德阳科协 finds 德阳市科学技术协会, dykx finds dyskxjsxh. Whitespace in the query is ignored.
 */
export function subsequencePattern(q: string): string {
  const chars = Array.from(q.replace(/\s+/g, "").toLowerCase()).map((ch) => (/[\\%_]/.test(ch) ? `\\${ch}` : ch));
  return `%${chars.join("%")}%`;
}
