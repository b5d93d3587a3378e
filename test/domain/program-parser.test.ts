import { describe, expect, it } from "vitest";
import {
  classifySectionKind,
  extractDepartments,
  type ParsedProgram,
  parseProgramText,
  readNumbering,
  readPeriod,
} from "../../worker/domain/program-parser.ts";

const concatenatedOutput = (program: ParsedProgram) =>
  [
    program.title,
    ...program.sections.flatMap((s) => [s.heading, s.text, ...s.items.flatMap((item) => [item.title, item.text])]),
  ].join("");
const withoutWhitespace = (text: string) => text.replace(/\s+/g, "");

/** Parses and checks the no-text-lost invariant on the way, so every case below also proves it. */
function parse(text: string): ParsedProgram {
  const program = parseProgramText(text);
  expect(withoutWhitespace(concatenatedOutput(program))).toBe(withoutWhitespace(text));
  return program;
}

const doc = (...lines: string[]) => lines.join("\n");
const shape = (program: ParsedProgram) =>
  program.sections.map((s) => ({ kind: s.kind, heading: s.heading, items: s.items.map((item) => item.title) }));

describe("program parser: outline numbering", () => {
  it("full-width （一） and half-width (一) numbering are the same level", () => {
    const program = parse(doc("一、工作措施", "（一）开展道德讲堂。", "(二)组织志愿服务。", "（三)加强宣传。"));
    expect(shape(program)).toEqual([
      {
        kind: "measures",
        heading: "一、工作措施",
        items: ["（一）开展道德讲堂。", "(二)组织志愿服务。", "（三)加强宣传。"],
      },
    ]);
  });

  it("full-width digits １． １、 （１） are read like their half-width forms", () => {
    expect(readNumbering("１．加强领导")).toMatchObject({ style: "digit-dot", value: 1 });
    expect(readNumbering("1.加强领导")).toMatchObject({ style: "digit-dot", value: 1 });
    expect(readNumbering("１２、加强领导")).toMatchObject({ style: "digit", value: 12 });
    expect(readNumbering("（１）加强领导")).toMatchObject({ style: "digit-paren", value: 1 });
    expect(readNumbering("(1)加强领导")).toMatchObject({ style: "digit-paren", value: 1 });
    expect(readNumbering("二十三、其他")).toMatchObject({ style: "cn", value: 23 });
  });

  it("enclosed forms ⒈ ⑴ ① are the dot, parenthesised and circled styles", () => {
    expect(readNumbering("⒈加强领导")).toMatchObject({ style: "digit-dot", value: 1 });
    expect(readNumbering("⑵加强督导")).toMatchObject({ style: "digit-paren", value: 2 });
    expect(readNumbering("⑫其他")).toMatchObject({ style: "circled", value: 12 });
  });

  it("body lines that merely start with numerals are not numbered", () => {
    for (const line of [
      "三年内实现目标。",
      "2015年完成创建。",
      "10 月份开展检查。",
      "1.5万元用于宣传。",
      "一把手亲自抓。",
    ]) {
      expect(readNumbering(line), line).toBeNull();
    }
  });

  it("numbering without a following 、 (a space, or directly a heading word) still opens sections", () => {
    const program = parse(doc("一　指导思想", "内容甲。", "二创建目标", "内容乙。", "三 保障措施", "内容丙。"));
    expect(program.sections.map((s) => [s.kind, s.heading])).toEqual([
      ["guiding", "一　指导思想"],
      ["goals", "二创建目标"],
      ["safeguards", "三 保障措施"],
    ]);
  });

  it("①② sub-items stay in their item's text", () => {
    const program = parse(doc("一、工作措施", "（一）开展宣传。", "①办好专栏；", "②办好讲座。", "（二）结对共建。"));
    const items = program.sections[0]?.items ?? [];
    expect(items.map((item) => item.title)).toEqual(["（一）开展宣传。", "（二）结对共建。"]);
    expect(items[0]?.text).toBe("①办好专栏；\n②办好讲座。");
  });

  it("1. entries under （一） are a deeper level and stay in the item's text", () => {
    const program = parse(
      doc("一、工作措施", "（一）开展宣传。", "1.办好专栏。", "2.办好讲座。", "（二）结对共建。", "1.走访社区。"),
    );
    const items = program.sections[0]?.items ?? [];
    expect(items.map((item) => [item.title, item.text])).toEqual([
      ["（一）开展宣传。", "1.办好专栏。\n2.办好讲座。"],
      ["（二）结对共建。", "1.走访社区。"],
    ]);
  });

  it("numbering styles mixed within a section: a slip that continues the sequence is the next item", () => {
    const program = parse(
      doc("一、工作措施", "1、开展宣传。", "（1）办好专栏。", "（2）办好讲座。", "2.结对共建。", "3、志愿服务。"),
    );
    const items = program.sections[0]?.items ?? [];
    expect(items.map((item) => item.title)).toEqual(["1、开展宣传。", "2.结对共建。", "3、志愿服务。"]);
    expect(items[0]?.text).toBe("（1）办好专栏。\n（2）办好讲座。");
  });

  it("each section learns its own item style", () => {
    const program = parse(
      doc("一、工作措施", "（一）开展宣传。", "（二）结对共建。", "二、保障措施", "1、加强领导。", "2、加强督导。"),
    );
    expect(shape(program).map((s) => s.items)).toEqual([
      ["（一）开展宣传。", "（二）结对共建。"],
      ["1、加强领导。", "2、加强督导。"],
    ]);
  });

  it("the top level is the style of the first heading, even when it is not 一、", () => {
    const program = parse(doc("（一）指导思想", "内容。", "（二）工作措施", "1.开展宣传。", "2.结对共建。"));
    expect(shape(program)).toEqual([
      { kind: "guiding", heading: "（一）指导思想", items: [] },
      { kind: "measures", heading: "（二）工作措施", items: ["1.开展宣传。", "2.结对共建。"] },
    ]);
  });
});

describe("program parser: titles, headings and text", () => {
  it("a preamble before the first heading becomes an other section", () => {
    const program = parse(doc("某单位创建工作方案", "为深化创建，制定本方案。", "一、指导思想", "内容。"));
    expect(program.title).toBe("某单位创建工作方案");
    expect(program.sections[0]).toEqual({ kind: "other", heading: "", text: "为深化创建，制定本方案。", items: [] });
    expect(program.sections[1]?.kind).toBe("guiding");
  });

  it("title detection when the first line is a heading already", () => {
    const program = parse(doc("一、指导思想", "内容。"));
    expect(program.title).toBe("");
    expect(shape(program)).toEqual([{ kind: "guiding", heading: "一、指导思想", items: [] }]);
  });

  it("a first line that is a paragraph, not a title, stays body text", () => {
    const program = parse(doc("为深化创建，结合实际，制定本方案。", "一、指导思想"));
    expect(program.title).toBe("");
    expect(program.sections[0]).toMatchObject({
      kind: "other",
      heading: "",
      text: "为深化创建，结合实际，制定本方案。",
    });
  });

  it("headings with trailing colon 一、指导思想： are classified and kept whole", () => {
    const program = parse(doc("一、指导思想：", "以核心价值观为引领。"));
    expect(program.sections[0]).toMatchObject({
      kind: "guiding",
      heading: "一、指导思想：",
      text: "以核心价值观为引领。",
    });
  });

  it("a heading line that runs on after its colon is split into heading and text", () => {
    const program = parse(doc("一、指导思想：以核心价值观为引领，推进创建。", "二、创建目标"));
    expect(program.sections[0]).toMatchObject({ heading: "一、指导思想：", text: "以核心价值观为引领，推进创建。" });
  });

  it("an item title is its first sentence with its number; an annotation's colon does not cut it", () => {
    const program = parse(doc("一、工作措施", "（一）道德讲堂（责任部室：办公室）", "（二）志愿服务。组建服务队。"));
    expect(program.sections[0]?.items.map((item) => [item.title, item.text])).toEqual([
      ["（一）道德讲堂（责任部室：办公室）", ""],
      ["（二）志愿服务。", "组建服务队。"],
    ]);
  });

  it("a section's text is its body before the first item", () => {
    const program = parse(doc("一、工作措施", "围绕以下方面开展：", "（一）开展宣传。", "继续开展。"));
    expect(program.sections[0]).toMatchObject({ text: "围绕以下方面开展：" });
    expect(program.sections[0]?.items[0]).toMatchObject({ title: "（一）开展宣传。", text: "继续开展。" });
  });

  it("a document with no numbering at all → one other section with all the text", () => {
    const program = parse(doc("创建工作方案", "第一段内容。", "第二段内容。"));
    expect(program.title).toBe("创建工作方案");
    expect(program.sections).toEqual([{ kind: "other", heading: "", text: "第一段内容。\n第二段内容。", items: [] }]);
  });

  it("empty text → empty program with title ''", () => {
    const empty = { title: "", startYear: null, endYear: null, targetLevel: null, sections: [] };
    expect(parse("")).toEqual(empty);
    expect(parse(" \r\n\u3000\n\t")).toEqual(empty);
  });

  it("repeated paragraph is kept twice", () => {
    const program = parse(doc("一、指导思想", "同一段话。", "同一段话。"));
    expect(program.sections[0]?.text).toBe("同一段话。\n同一段话。");
  });

  it("Windows line endings, blank lines and full-width spaces give the same draft as clean text", () => {
    const clean = doc("创建方案", "一、指导思想", "内容。", "二、工作措施", "（一）宣传。");
    const messy =
      "\u3000创建方案\u3000\r\n\r\n一、指导思想\r\n   内容。\r\n\r\n\r\n二、工作措施\r\n\u3000\u3000（一）宣传。\r\n";
    expect(parse(messy)).toEqual(parse(clean));
  });

  it("stray characters are kept as text, not dropped", () => {
    const program = parse(doc("一、指导思想", "★★★", "、、", "内容。"));
    expect(program.sections[0]?.text).toBe("★★★\n、、\n内容。");
  });
});

describe("program parser: section kinds", () => {
  it.each([
    ["一、指导思想", "guiding"],
    ["二、创建目标", "goals"],
    ["三、重点工作", "measures"],
    ["三、主要任务", "measures"],
    ["三、活动载体", "measures"],
    ["四、保障措施", "safeguards"],
    ["四、工作要求", "safeguards"],
    ["四、组织领导", "safeguards"],
    ["五、时间安排", "schedule"],
    ["五、实施步骤", "schedule"],
    ["五、工作步骤", "schedule"],
  ] as const)("%s is %s", (heading, kind) => {
    expect(classifySectionKind(heading)).toBe(kind);
  });

  it("保障措施 is a safeguard although it contains 措施", () => {
    expect(classifySectionKind("四、保障措施")).toBe("safeguards");
    expect(classifySectionKind("三、工作措施")).toBe("measures");
  });

  it("traditional-character headings are classified", () => {
    const program = parse(doc("一、指導思想", "二、創建目標", "三、工作措施", "四、保障措施", "五、實施步驟"));
    expect(program.sections.map((s) => s.kind)).toEqual(["guiding", "goals", "measures", "safeguards", "schedule"]);
  });

  it("unknown top-level heading is kept as other", () => {
    const program = parse(doc("一、指导思想", "内容。", "二、附则", "本方案自印发之日起施行。"));
    expect(program.sections[1]).toEqual({
      kind: "other",
      heading: "二、附则",
      text: "本方案自印发之日起施行。",
      items: [],
    });
  });
});

describe("program parser: departments", () => {
  it("departments are split on 、 and 和", () => {
    expect(extractDepartments("（责任部门：办公室、学会部和普及部）")).toEqual(["办公室", "学会部", "普及部"]);
  });

  it("departments are split on ， , ； / 及 与, repeats removed", () => {
    expect(extractDepartments("（责任单位：办公室，学会部,工会；团支部/财务科及妇委会与办公室）")).toEqual([
      "办公室",
      "学会部",
      "工会",
      "团支部",
      "财务科",
      "妇委会",
    ]);
  });

  it("a department name containing 及 (普及部) is not split", () => {
    expect(extractDepartments("（责任部室：普及部）")).toEqual(["普及部"]);
  });

  it("牵头单位 annotation outside parentheses", () => {
    const program = parse(
      doc("一、工作措施", "（一）志愿服务。", "牵头单位：办公室；责任单位：学会部、工会", "（二）宣传。"),
    );
    expect(program.sections[0]?.items.map((item) => item.departments)).toEqual([["办公室", "学会部", "工会"], []]);
  });

  it("full-width colon, half-width colon and traditional 責任部門 all count; a colon is required", () => {
    expect(extractDepartments("(责任部室:办公室)")).toEqual(["办公室"]);
    expect(extractDepartments("（責任部門：辦公室）")).toEqual(["辦公室"]);
    expect(extractDepartments("责任单位要加强领导。")).toEqual([]);
  });

  it("items outside the measures section get departments when annotated", () => {
    const program = parse(doc("一、保障措施", "（一）加强领导。（责任部室：党组）", "（二）加强督导。"));
    expect(program.sections[0]?.items.map((item) => item.departments)).toEqual([["党组"], []]);
  });
});

describe("program parser: period and target level", () => {
  it("2019-2021年 period with an en dash", () => {
    const program = parse(doc("某局2019–2021年创建文明单位工作方案", "一、指导思想"));
    expect([program.startYear, program.endYear]).toEqual([2019, 2021]);
  });

  it.each([
    "2015—2016年度",
    "2015-2016年",
    "2015－2016年",
    "2015～2016年",
    "2015至2016年",
    "2015年到2016年",
    "２０１５—２０１６年",
  ])("period %s reads as 2015..2016", (phrase) => {
    expect(readPeriod(`某单位${phrase}创建规划`)).toEqual({ startYear: 2015, endYear: 2016 });
  });

  it("a single year 2018年 is a one-year period", () => {
    const program = parse(doc("某单位2018年创建文明单位工作计划", "一、指导思想"));
    expect([program.startYear, program.endYear]).toEqual([2018, 2018]);
  });

  it("a period stated in the goals section is found when the title has none", () => {
    const program = parse(doc("创建工作方案", "一、创建目标", "2020—2022年创建周期内，力争创建成市级文明单位。"));
    expect([program.startYear, program.endYear, program.targetLevel]).toEqual([2020, 2022, "city"]);
  });

  it("no period → nulls", () => {
    const program = parse(doc("创建工作方案", "一、指导思想", "内容。"));
    expect([program.startYear, program.endYear]).toEqual([null, null]);
  });

  it("力争创建成市级文明单位 in the title → city", () => {
    expect(parse("力争创建成市级文明单位工作方案").targetLevel).toBe("city");
  });

  it("target 省级 from 目标 section", () => {
    const program = parse(doc("创建工作方案", "一、指导思想", "内容。", "二、工作目标", "力争创建成省级文明单位。"));
    expect(program.targetLevel).toBe("province");
  });

  it("全国文明单位 → national; 县级 and 区级 → county", () => {
    expect(parse(doc("方案", "一、创建目标", "争创全国文明单位。")).targetLevel).toBe("national");
    expect(parse(doc("方案", "一、创建目标", "巩固县级文明单位成果。")).targetLevel).toBe("county");
    expect(parse(doc("方案", "一、创建目标", "创建区级文明单位。")).targetLevel).toBe("county");
  });

  it("the title's level wins over the goals section's", () => {
    const program = parse(doc("创建市级文明单位方案", "一、创建目标", "力争创建成省级文明单位。"));
    expect(program.targetLevel).toBe("city");
  });

  it("levels outside the title and goals, or 全国文明城市, are not the target level", () => {
    const program = parse(
      doc("创建工作方案", "一、创建目标", "助力创建全国文明城市。", "二、工作措施", "（一）学习省级文明单位经验。"),
    );
    expect(program.targetLevel).toBeNull();
  });
});
