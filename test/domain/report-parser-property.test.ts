import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nonBlankLines } from "../../worker/domain/program-parser.ts";
import { chromeReasons } from "../../worker/domain/report/clean.ts";
import { cleanLine, stripPinyin, toSimplified, toSimplifiedRaw } from "../../worker/domain/report/convert.ts";
import { type ParsedReportDocument, parseReportText } from "../../worker/domain/report/parse.ts";
import { gb2312Han } from "./gb2312.ts";

const documentText = (doc: ParsedReportDocument) =>
  [doc.title, ...doc.sections.flatMap((s) => [s.heading, s.text, ...s.items.flatMap((i) => [i.title, i.text])])].join(
    "",
  );
const compact = (text: string) => text.replace(/\s+/g, "");

/** Lines real pastes are made of: outline, chrome, traditional, annotated, anonymised, several reports. */
const FRAGMENTS = [
  "天天范文",
  "位置:首页 > 汇报材料",
  "当前位置：首页",
  "发布时间：2020-01-01",
  "來源：文明網",
  "浏览次数：12",
  "导语:下面是小编整理的",
  "汇报材料(精选3篇)",
  "汇报材料 篇1",
  "汇报材料 篇2",
  "第3篇",
  "一、加强领导",
  "二、組織領導",
  "（一）抓学习。",
  "(二)抓活动,提高修养.",
  "⒈抓制度，提高工作水平。",
  "1、以学习教育为载体",
  "創(chuàng)建領(lǐng)導(dǎo)",
  "共组织集体学习24次，在编教职工128人。",
  "xx县xx职业技术学校于20xx年、200*年成立***×××",
  "我们坚持每周五下午组织政治业务学习，做到学习内容有计划、学习时间有保证。",
  "文明单位创建是重大举措，下面将做法汇报如下...",
  "文明单位创建是重大举措，下面将做法汇报如下：我们坚持学习。",
  "皇后乾隆著作显著于是",
  "隨著活動取得顯著成效",
  "……",
  "（",
  "）",
  "：",
];
const GARBAGE = [..."、。，：；（）()【】“”《》—-～…年市县篇第xX*×.,:;?!(a1１一\u3000 \t\u00a0😀𠀀"];

const line = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...GARBAGE), { maxLength: 8 }).map((cs) => cs.join("")) },
);
const paste = fc
  .tuple(
    fc.array(fc.array(line, { minLength: 1, maxLength: 3 }), { maxLength: 30 }),
    fc.constantFrom("\n", "\r\n", "\n\n"),
  )
  .map(([lines, breaks]) => lines.map((parts) => parts.join("")).join(breaks));

const HALF_WIDTH: Record<string, string> = {
  "，": ",",
  "：": ":",
  "；": ";",
  "？": "?",
  "！": "!",
  "。": ".",
  "（": "(",
  "）": ")",
};
/** Full-width marks back to half-width: what widening may have changed, undone on both sides alike. */
const narrow = (text: string) => text.replace(/[，：；？！。（）]/g, (ch) => HALF_WIDTH[ch] ?? ch);

/** Every Han character of GB 2312, and the punctuation, digits and letters offices type beside them. */
function simplifiedAlphabet(): string[] {
  return [...gb2312Han(), ..."，。、；：？！“”（）《》—…0123456789abcXYZ %"];
}

describe("report parser properties", () => {
  it("loses no text beyond the listed removed lines: the kept lines, cleaned, fill the documents in order", () => {
    fc.assert(
      fc.property(paste, fc.boolean(), (text, keepFirst) => {
        const pasted = nonBlankLines(text);
        const keep = keepFirst && pasted[0] ? [pasted[0]] : [];
        const parsed = parseReportText(text, keep);
        const cleaned = pasted.map(cleanLine);
        const reasons = chromeReasons(
          cleaned.map((c) => c.text),
          pasted,
          new Set(keep),
        );
        // Exactly the lines judged chrome are listed, in order, as pasted.
        expect(parsed.removedLines).toEqual(pasted.filter((_, i) => reasons[i] !== null));
        const kept = cleaned.filter((_, i) => reasons[i] === null).map((c) => c.text);
        expect(compact(parsed.documents.map(documentText).join(""))).toBe(compact(kept.join("")));
        if (keep[0]) expect(parsed.removedLines).not.toContain(keep[0]);
      }),
      { numRuns: 300 },
    );
  });

  it("changes a line only by stripping annotations, converting characters and widening punctuation", () => {
    fc.assert(
      fc.property(paste, (text) => {
        for (const pasted of nonBlankLines(text)) {
          const { text: cleaned, pinyin, traditional } = cleanLine(pasted);
          const stripped = stripPinyin(pasted);
          expect(stripped.count).toBe(pinyin);
          // Either the line stayed as it was or it was converted as a whole; nothing else moved.
          const same = narrow(cleaned) === narrow(stripped.text);
          const converted = narrow(cleaned) === narrow(toSimplifiedRaw(stripped.text));
          expect(same || converted, pasted).toBe(true);
          if (!same) expect(traditional).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("converting an already simplified text changes nothing", () => {
    const alphabet = simplifiedAlphabet();
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 60 }), (chars) => {
        const text = chars.join("");
        expect(toSimplified(text)).toEqual({ text, count: 0 });
      }),
      { numRuns: 1000 },
    );
  });

  it("parses 100,000-character pastes of every awkward shape (the work grows with the text, not its square)", () => {
    const size = 100_000;
    const fill = (unit: string) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
    const shapes = [
      fill("文"),
      fill("xx"),
      fill("(((("),
      fill("(chuàng"),
      fill("1"),
      fill("“三个"),
      fill("共组织集体学习24次，"),
      fill("位置:首页 > 汇报\n"),
      fill("我们坚持每周五下午组织政治业务学习，做到学习内容有计划、学习时间有保证。\n"),
      fill("文明单位创建是重大举措...\n"),
      fill("汇报材料 篇1\n"),
      fill("（一）抓学习。\n⒈抓制度。\n"),
      fill("臺灣裡面乾淨"),
      fill(" \n"),
    ];
    for (const text of shapes) {
      const parsed = parseReportText(text);
      expect(parsed.removedLines.length + parsed.documents.length).toBeGreaterThanOrEqual(0);
    }
  });
});
