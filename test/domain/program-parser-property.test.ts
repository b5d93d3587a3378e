import { describe, expect, it } from "vitest";
import { type ParsedProgram, parseProgramText } from "../../worker/domain/program-parser.ts";

// fast-check is not a dependency of this project, so generated documents come from a small seeded PRNG:
// the same 200 documents on every run, and a failing seed is printed in the assertion message.

const concatenatedOutput = (program: ParsedProgram) =>
  [
    program.title,
    ...program.sections.flatMap((s) => [s.heading, s.text, ...s.items.flatMap((item) => [item.title, item.text])]),
  ].join("");
const withoutWhitespace = (text: string) => text.replace(/\s+/g, "");

/** mulberry32: a tiny, well-distributed 32-bit PRNG. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FRAGMENTS = [
  "一、指导思想",
  "二、創建目標：",
  "三、工作措施",
  "四、保障措施",
  "五、时间安排",
  "六、附则",
  "（一）开展宣传。",
  "(二)结对共建。内容。",
  "（三）志愿服务（责任部室：办公室、学会部）",
  "1、加强领导。",
  "2.加强督导。",
  "１．加强宣传。",
  "（１）办好专栏；",
  "⑴办好讲座。",
  "⒈走访社区。",
  "①第一点；②第二点。",
  "牵头单位：办公室；责任单位：工会和团支部",
  "责任部门:",
  "（责任部室：）",
  "力争创建成市级文明单位。",
  "争创全国文明单位。",
  "2019—2021年创建周期。",
  "2018年",
  "为进一步深化创建，制定本方案。",
  "以社会主义核心价值观为引领，推进创建。",
  "一把手亲自抓。",
  "三年内实现目标。",
  "10 月份开展检查。",
  "（",
  "）",
  "：",
  "。",
  "、、",
  "一",
  "1",
  "①",
  "★",
  "\u3000",
  " ",
  "\t",
  "",
];
const LINE_BREAKS = ["\n", "\r\n", "\r", "\n\n"];
const GARBAGE = "、。，：；（）()【】“”‘’《》—–-～至到年级市省县区国全·•…\u3000 \t\ufeff\u200b😀𠀀a1１一";

function generatedDocument(random: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const lineCount = Math.floor(random() * 40);
  let text = "";
  for (let i = 0; i < lineCount; i++) {
    let line = "";
    const parts = 1 + Math.floor(random() * 3);
    for (let p = 0; p < parts; p++) {
      line +=
        random() < 0.75
          ? pick(FRAGMENTS)
          : [...Array(1 + Math.floor(random() * 6))].map(() => pick([...GARBAGE])).join("");
    }
    text += line + pick(LINE_BREAKS);
  }
  return text;
}

const KINDS = new Set(["guiding", "goals", "measures", "safeguards", "schedule", "other"]);
const LEVELS = new Set(["county", "city", "province", "national", null]);

describe("program parser on generated documents", () => {
  it("never throws and never loses text on 200 random mixtures of headings, lines and garbage", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const text = generatedDocument(seededRandom(seed));
      const program = parseProgramText(text);
      expect(withoutWhitespace(concatenatedOutput(program)), `seed ${seed}`).toBe(withoutWhitespace(text));
      for (const section of program.sections) {
        expect(KINDS.has(section.kind), `seed ${seed}`).toBe(true);
        for (const item of section.items) {
          expect(
            item.departments.every((d) => d.trim() === d && d.length > 0),
            `seed ${seed}`,
          ).toBe(true);
        }
      }
      expect(LEVELS.has(program.targetLevel), `seed ${seed}`).toBe(true);
      expect(program.startYear === null, `seed ${seed}`).toBe(program.endYear === null);
      if (program.startYear !== null && program.endYear !== null) {
        expect(program.startYear <= program.endYear, `seed ${seed}`).toBe(true);
      }
    }
  });

  it("keeps the text of a document with the outline repeated out of order", () => {
    const random = seededRandom(4242);
    const lines = FRAGMENTS.filter((f) => f.trim().length > 0);
    const shuffled = [...lines, ...lines].sort(() => random() - 0.5).join("\n");
    const program = parseProgramText(shuffled);
    expect(withoutWhitespace(concatenatedOutput(program))).toBe(withoutWhitespace(shuffled));
  });

  it("parses a ~1 MB generated program into the expected shape", () => {
    const section = (n: number) =>
      [
        `${"一二三四五六七八九十"[n % 10]}、工作措施`,
        "围绕以下方面开展工作。",
        ...Array.from({ length: 20 }, (_, i) =>
          [
            `（${"一二三四五六七八九十"[i % 10]}）开展第${i}项活动。组织学习宣传，不断提高文明素质。（责任部室：办公室、学会部）`,
            "1.办好专栏；",
            "①第一点；②第二点。",
          ].join("\n"),
        ),
      ].join("\r\n");
    const parts: string[] = ["某单位2019—2021年创建市级文明单位工作方案"];
    let bytes = 0;
    for (let n = 0; bytes < 1_000_000; n++) {
      const next = section(n);
      parts.push(next);
      bytes += Buffer.byteLength(next, "utf8");
    }
    const text = parts.join("\n");
    expect(Buffer.byteLength(text, "utf8")).toBeGreaterThanOrEqual(1_000_000);
    const program = parseProgramText(text);
    expect(program.title).toBe("某单位2019—2021年创建市级文明单位工作方案");
    expect([program.startYear, program.endYear, program.targetLevel]).toEqual([2019, 2021, "city"]);
    expect(program.sections.length).toBe(parts.length - 1);
    expect(program.sections.every((s) => s.kind === "measures" && s.items.length === 20)).toBe(true);
    expect(program.sections[0]?.items[0]?.departments).toEqual(["办公室", "学会部"]);
  });
});
