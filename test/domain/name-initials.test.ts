import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isInitialsQuery, nameInitials, subsequencePattern } from "../../worker/domain/name-initials.ts";

/** What SQLite's LIKE with `ESCAPE '\'` does, for checking patterns without a database. */
function likeMatches(value: string, pattern: string): boolean {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] ?? "";
    if (ch === "\\") source += (pattern[++i] ?? "").replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    else if (ch === "%") source += "[\\s\\S]*";
    else if (ch === "_") source += "[\\s\\S]";
    else source += ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`, "i").test(value);
}

describe("pinyin initials search", () => {
  it("gives a unit's name its lower-case pinyin initials", () => {
    expect(nameInitials("德阳市科学技术协会")).toBe("dyskxjsxh");
    expect(nameInitials("重庆银行")).toBe("cqyh");
  });

  it("keeps Latin letters and digits of a name, lower-cased, and drops punctuation", () => {
    expect(nameInitials("ABC 中心（1号）")).toBe("abczx1h");
  });

  it("finds 德阳市科学技术协会 by its short form, in characters or in initials", () => {
    const name = "德阳市科学技术协会";
    expect(likeMatches(name, subsequencePattern("德阳科协"))).toBe(true);
    expect(likeMatches(nameInitials(name), subsequencePattern("dykx"))).toBe(true);
    expect(likeMatches(nameInitials(name), subsequencePattern("DYKX"))).toBe(true);
    expect(likeMatches(name, subsequencePattern("科协德阳"))).toBe(false);
  });

  it("treats LIKE wildcards in a query as plain characters", () => {
    expect(likeMatches("abc", subsequencePattern("%"))).toBe(false);
    expect(likeMatches("a_c", subsequencePattern("_"))).toBe(true);
    expect(likeMatches("abc", subsequencePattern("_"))).toBe(false);
  });

  it("tells initials from a name fragment", () => {
    expect(isInitialsQuery("dykx")).toBe(true);
    expect(isInitialsQuery("德阳")).toBe(false);
    expect(isInitialsQuery("dy 科")).toBe(false);
  });

  it("matches any name by any of its own subsequences (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 12 }),
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        (name, keep) => {
          const query = Array.from(name)
            .filter((_, i) => keep[i])
            .join("")
            .replace(/\s+/g, "");
          fc.pre(query.length > 0);
          expect(likeMatches(name.toLowerCase(), subsequencePattern(query))).toBe(true);
        },
      ),
    );
  });
});
