import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { demoCriteria } from "../../db/seed/criteria.ts";
import { DEMO_SYNONYMS } from "../../db/seed/synonyms.ts";
import {
  criteriaMatcher,
  type MatchableItem,
  type Synonym,
  synonymListProblems,
} from "../../worker/domain/criteria-match.ts";

const system = demoCriteria("sichuan");
const items: MatchableItem[] = [
  ...system.categories.flatMap((c) => c.items),
  ...system.bonusItems,
  ...system.deductionItems,
].map(({ code, title, guidance }) => ({ code, title, guidance }));
const titleOf = (code: string) => items.find((i) => i.code === code)?.title ?? "";

const byCode = new Intl.Collator("en", { numeric: true }).compare;
const codes = (suggestions: ReadonlyArray<{ itemCode: string }>) => suggestions.map((s) => s.itemCode);
const plain = criteriaMatcher(items, []);

describe("criteriaMatcher on the demo criteria system", () => {
  it("the golden items are the ones their titles say", () => {
    expect(titleOf("A2.1")).toContain("理论学习中心组");
    expect(titleOf("A2.3")).toContain("道德讲堂");
    expect(titleOf("A3.2")).toContain("志愿服务队");
    expect(titleOf("A2.5")).toContain("我们的节日");
    expect(titleOf("A8.3")).toContain("消防演练");
    expect(titleOf("A11.1")).toContain("结对帮扶");
  });

  it("suggests the theory-study item first for a study paragraph, with the words that matched", () => {
    const [first] = plain("党组理论学习中心组全年组织集体学习24次，深入学习贯彻习近平新时代中国特色社会主义思想。");
    expect(first?.itemCode).toBe("A2.1");
    expect(first?.terms[0]).toBe("学习贯彻习近平新时代中国特色社会主义思想");
    expect(first?.terms).toContain("理论学习中心组");
  });

  it("suggests the volunteer items for a volunteer paragraph", () => {
    const suggestions = plain("单位成立志愿服务队，全年开展志愿服务活动12次，注册志愿者86人，人均服务时长22小时。");
    expect(codes(suggestions).slice(0, 2)).toEqual(["A3.2", "A3.3"]);
    expect(suggestions[0]?.terms[0]).toBe("成立志愿服务队");
  });

  it("suggests one item for short, specific paragraphs", () => {
    expect(codes(plain("今年春节、中秋组织了我们的节日主题活动，弘扬传统文化。"))[0]).toBe("A2.5");
    expect(codes(plain("开展消防演练和安全隐患排查。"))).toEqual(["A8.3"]);
    expect(codes(plain("关心困难职工，春节走访慰问送温暖。"))).toEqual(["A11.3"]);
    expect(codes(plain("落实八项规定精神，狠抓作风建设。"))).toEqual(["A9.5"]);
  });

  it("weighs a phrase by its rarity across the items: 志愿服务 outweighs 单位 and 服务", () => {
    const suggestions = plain("服务单位志愿服务", 10);
    expect(suggestions.length).toBeGreaterThan(0);
    for (const s of suggestions) expect(titleOf(s.itemCode)).toContain("志愿");
  });

  it("suggests nothing for unrelated text, empty text or text without Chinese", () => {
    expect(plain("本周天气晴朗，食堂菜价稳定。")).toEqual([]);
    expect(plain("")).toEqual([]);
    expect(plain("2024 年 12 月 31 日")).toEqual([]);
  });

  it("returns at most `limit` suggestions, best first, ties broken by item code", () => {
    const text = "单位网站和微信公众号每月更新创建动态，开展志愿服务，举办道德讲堂，开展消防演练。";
    expect(plain(text)).toHaveLength(3);
    expect(plain(text, 1)).toHaveLength(1);
    expect(plain(text, 0)).toEqual([]);
    const all = plain(text, 100);
    for (let i = 1; i < all.length; i++) {
      const [a, b] = [all[i - 1], all[i]];
      if (a === undefined || b === undefined) continue;
      expect(a.score > b.score || (a.score === b.score && byCode(a.itemCode, b.itemCode) < 0)).toBe(true);
    }
    // 学雷锋 is in two items' titles with the same weight: code order decides.
    expect(codes(plain("组织干部职工开展学雷锋活动。"))).toEqual(["A3.1", "A3.5"]);
  });

  it("a synonym makes the difference: the term counts as if what it means occurred, and says so", () => {
    const synonyms: Synonym[] = [{ term: "结对帮扶", means: "乡村振兴结对帮扶" }];
    const text = "到联系村开展结对帮扶。";
    const before = plain(text)[0];
    const after = criteriaMatcher(items, synonyms)(text)[0];
    expect(after?.itemCode).toBe("A11.1");
    expect(after?.score ?? 0).toBeGreaterThan(before?.score ?? 0);
    expect(after?.terms).toEqual(["结对帮扶→乡村振兴结对帮扶"]);

    const study = criteriaMatcher(items, [{ term: "学习强国", means: "理论学习中心组学习制度" }]);
    expect(plain("坚持用好学习强国平台")).toEqual([]);
    expect(codes(study("坚持用好学习强国平台"))[0]).toBe("A2.1");
    expect(study("坚持用好学习强国平台")[0]?.terms).toContain("学习强国→理论学习中心组学习制度");
  });

  it("a synonym whose term is absent from the text changes nothing", () => {
    const text = "开展消防演练和安全隐患排查。";
    expect(criteriaMatcher(items, [{ term: "道德讲堂", means: "道德讲堂建设" }])(text)).toEqual(plain(text));
  });

  it("gives the same output for the same input, whichever matcher instance rates it", () => {
    const text = "全年举办道德讲堂4期，组织志愿服务活动12次，开展读书活动和技能竞赛。";
    const again = criteriaMatcher(items, []);
    expect(again(text, 10)).toEqual(plain(text, 10));
    expect(plain(text, 10)).toEqual(plain(text, 10));
  });

  it("every suggested term, or its synonym's term, occurs in the text (property)", () => {
    const synonyms: Synonym[] = [
      { term: "道德讲堂", means: "道德讲堂建设" },
      { term: "学雷锋", means: "学雷锋志愿服务" },
      { term: "中心组学习", means: "理论学习中心组" },
    ];
    const match = criteriaMatcher(items, synonyms);
    // Text assembled from criteria wording, synonym terms and noise, so matches are frequent.
    const pieces = [
      ...items.map((i) => i.title),
      ...synonyms.map((s) => s.term),
      "全年组织",
      "次，",
      "2024年",
      "天气晴朗",
    ];
    const fragment = fc.oneof(
      fc
        .constantFrom(...pieces)
        .chain((p) =>
          fc.tuple(fc.nat(p.length), fc.nat(p.length)).map(([a, b]) => p.slice(Math.min(a, b), Math.max(a, b))),
        ),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 12 }), fc.integer({ min: 0, max: 6 }), (parts, limit) => {
        const text = parts.join("");
        const suggestions = match(text, limit);
        expect(suggestions.length).toBeLessThanOrEqual(limit);
        for (const s of suggestions) {
          for (const term of s.terms) {
            const said = term.includes("→") ? term.slice(0, term.indexOf("→")) : term;
            expect(text).toContain(said);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("rates a hundred paragraphs against the system in well under a second once built", () => {
    const paragraph =
      "单位坚持开展志愿服务活动，全年组织职工参加社区志愿服务24次，深入学习贯彻习近平新时代中国特色社会主义思想。";
    const match = criteriaMatcher(items, [{ term: "学雷锋", means: "学雷锋志愿服务" }]);
    const start = performance.now();
    for (let i = 0; i < 100; i++) match(`${paragraph}${i}`);
    // A few ms on a quiet machine; the bound only catches a quadratic regression.
    expect(performance.now() - start).toBeLessThan(500);
  });
});

describe("synonym lists", () => {
  it("a list is refused where a term means itself or a pair is listed twice", () => {
    expect(synonymListProblems([])).toEqual({});
    expect(
      synonymListProblems([
        { term: "学雷锋", means: "志愿服务" },
        { term: "学雷锋", means: "学雷锋志愿服务" },
        { term: "志愿服务", means: "志愿服务" },
        { term: "学雷锋", means: "志愿服务" },
      ]),
    ).toEqual({
      "items.2.means": ["与词语相同 / the same as the term"],
      "items.3": ["重复的近义词 / this pair is listed twice"],
    });
  });

  it("the demo list is valid and each of its terms alone finds an item in both demo systems", () => {
    expect(synonymListProblems(DEMO_SYNONYMS)).toEqual({});
    for (const slug of ["sichuan", "hubei"] as const) {
      const doc = demoCriteria(slug);
      const all = [...doc.categories.flatMap((c) => c.items), ...doc.bonusItems, ...doc.deductionItems];
      const match = criteriaMatcher(all, DEMO_SYNONYMS);
      for (const synonym of DEMO_SYNONYMS) {
        const [first] = match(`全年组织${synonym.term}。`);
        expect(first?.terms, `${slug} ${synonym.term}`).toContain(`${synonym.term}→${synonym.means}`);
      }
    }
  });
});
