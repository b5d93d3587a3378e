import { describe, expect, it } from "vitest";
import {
  AMBIGUOUS_CHARACTERS,
  cleanLine,
  normalisePunctuation,
  stripPinyin,
  toSimplified,
  toSimplifiedRaw,
} from "../../worker/domain/report/convert.ts";
import { findFigures } from "../../worker/domain/report/figures.ts";
import { parseReportText } from "../../worker/domain/report/parse.ts";
import { placeholdersIn } from "../../worker/domain/report/placeholders.ts";
import { gb2312Han } from "./gb2312.ts";

const BODY = "一、加强领导\n我单位成立了创建工作领导小组，由主要负责同志任组长，定期研究创建工作中的重要问题。";
const reasonsOf = (text: string, keep: string[] = []) =>
  parseReportText(text, keep).removed.map((r) => [r.reason, r.line]);

describe("web chrome removal", () => {
  it("drops a short site name only when a breadcrumb follows it at the top", () => {
    expect(reasonsOf(`范文网\n当前位置：首页 > 工作总结\n${BODY}`)).toEqual([
      ["site_name", "范文网"],
      ["breadcrumb", "当前位置：首页 > 工作总结"],
    ]);
    // Without a breadcrumb the first short line is the report's title, kept.
    expect(reasonsOf(`创建工作汇报\n${BODY}`)).toEqual([]);
    expect(parseReportText(`创建工作汇报\n${BODY}`).documents[0]?.title).toBe("创建工作汇报");
  });

  it("drops breadcrumbs, time stamps, sources, authors and view counts", () => {
    const page = [
      "您的位置:首页>汇报材料>正文",
      "发布时间：2023-05-01 10:20",
      "时间:2020-01-01 来源:某某网",
      "来源：县文明办",
      "作者：张三",
      "浏览次数：1024",
      BODY,
    ].join("\n");
    expect(reasonsOf(page).map(([reason]) => reason)).toEqual([
      "breadcrumb",
      "timestamp",
      "timestamp",
      "timestamp",
      "timestamp",
      "timestamp",
    ]);
  });

  it("drops 导语 and 小编 disclaimers and listing titles such as (精选3篇) and （通用5篇）", () => {
    const page = [
      "导语:下面是小编为大家整理的汇报材料，欢迎阅读参考！",
      "文明单位汇报材料(精选3篇)",
      "文明单位汇报材料（通用5篇）",
      BODY,
    ].join("\n");
    expect(reasonsOf(page).map(([reason]) => reason)).toEqual(["disclaimer", "listing_title", "listing_title"]);
  });

  it("drops the page title repeated, and a long paragraph pasted twice, but keeps short lines that repeat", () => {
    const paragraph = "我们坚持每周五下午组织政治业务学习，做到学习内容有计划、学习时间有保证。";
    const page = ["创建工作汇报", "创建工作汇报", "一、具体做法", paragraph, "二、具体做法", paragraph].join("\n");
    expect(reasonsOf(page)).toEqual([
      ["repeated_title", "创建工作汇报"],
      ["duplicate_paragraph", paragraph],
    ]);
  });

  it("drops a truncated excerpt whose text starts the next line", () => {
    const full = "文明单位创建是加强精神文明建设的重大举措，下面将主要做法汇报如下：";
    expect(reasonsOf(`${full.slice(0, 20)}...\n${full}`)).toEqual([["truncated_excerpt", `${full.slice(0, 20)}...`]]);
    expect(reasonsOf(`${full.slice(0, 20)}…\n${full}`)).toEqual([["truncated_excerpt", `${full.slice(0, 20)}…`]]);
    // An ellipsis that announces nothing stays.
    expect(reasonsOf(`我们做了很多工作……\n${BODY}`)).toEqual([]);
  });

  it("never drops a body line that merely mentions these words, nor a line the user keeps", () => {
    expect(reasonsOf(`时间安排\n来源广泛的志愿者队伍不断壮大。\n${BODY}`)).toEqual([]);
    expect(reasonsOf(`时间：每周五下午\n时间：2019年3月至12月\n公众号的阅读量\n${BODY}`)).toEqual([]);
    const page = `文明单位汇报材料(精选3篇)\n${BODY}`;
    expect(reasonsOf(page, ["文明单位汇报材料(精选3篇)"])).toEqual([]);
    expect(parseReportText(page, ["文明单位汇报材料(精选3篇)"]).documents[0]?.title).toBe(
      "文明单位汇报材料（精选3篇）",
    );
  });

  it("lists removed lines as pasted, with their reasons, in input order", () => {
    const parsed = parseReportText(`网站\n位置：首页 > 汇报\n  發佈時間：2020-01-01  \n${BODY}`);
    expect(parsed.removedLines).toEqual(["网站", "位置：首页 > 汇报", "發佈時間：2020-01-01"]);
    expect(parsed.removed.map((r) => r.reason)).toEqual(["site_name", "breadcrumb", "timestamp"]);
  });
});

describe("traditional → simplified", () => {
  it("converts Taiwan and Hong Kong text and counts the characters converted", () => {
    expect(toSimplified("臺灣裡面乾淨，我們的學習實踐活動為載體")).toEqual({
      text: "台湾里面干净，我们的学习实践活动为载体",
      count: 14,
    });
    expect(toSimplified("衞生綫路着重")).toEqual({ text: "卫生线路着重", count: 2 });
  });

  it("keeps 显著 in a traditional line while converting its particle 著 (隨著)", () => {
    expect(toSimplified("隨著創建活動取得顯著成效").text).toBe("随着创建活动取得显著成效");
  });

  it("leaves already simplified text alone, whatever the converter would do to 著 乾 后 于", () => {
    for (const line of ["皇后乾隆著作显著于是", "后来我们编著了三本书", "乾坤"]) {
      expect(toSimplified(line)).toEqual({ text: line, count: 0 });
    }
  });

  it("knows every GB 2312 character the converter changes as ambiguous, so none is taken for traditional", () => {
    const changed = gb2312Han().filter((ch) => toSimplifiedRaw(ch) !== ch);
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.filter((ch) => !AMBIGUOUS_CHARACTERS.includes(ch))).toEqual([]);
    // And every ambiguous character is one of them: the list holds nothing else.
    expect([...AMBIGUOUS_CHARACTERS].filter((ch) => !changed.includes(ch))).toEqual([]);
  });

  it("reports the converted characters and each changed line before and after", () => {
    const parsed = parseReportText("一、組織領導\n我單位成立了創建工作領導小組。\n二、具体做法");
    expect(parsed.converted).toEqual({ traditional: 9, pinyin: 0 });
    expect(parsed.changes).toEqual([
      { before: "一、組織領導", after: "一、组织领导" },
      { before: "我單位成立了創建工作領導小組。", after: "我单位成立了创建工作领导小组。" },
    ]);
    expect(parsed.documents[0]?.sections.map((s) => s.heading)).toEqual(["一、组织领导", "二、具体做法"]);
  });
});

describe("pinyin annotations", () => {
  it("strips tone-marked and tone-digit syllables in half- or full-width brackets", () => {
    expect(stripPinyin("創(chuàng)建")).toEqual({ text: "創建", count: 1 });
    expect(stripPinyin("領(lǐng)導(dǎo)")).toEqual({ text: "領導", count: 2 });
    expect(stripPinyin("创（chuang4）建（jian4）")).toEqual({ text: "创建", count: 2 });
  });

  it("keeps brackets that hold words rather than annotations", () => {
    for (const line of ["开通了应用(app)", "的(de)", "世界卫生组织(WHO)", "（2019）"]) {
      expect(stripPinyin(line)).toEqual({ text: line, count: 0 });
    }
  });

  it("strips before converting, and counts both in the parse", () => {
    expect(cleanLine("創(chuàng)建領(lǐng)導(dǎo)小組")).toEqual({ text: "创建领导小组", traditional: 4, pinyin: 3 });
    expect(parseReportText("創(chuàng)建領(lǐng)導(dǎo)小組").converted).toEqual({ traditional: 4, pinyin: 3 });
  });
});

describe("punctuation", () => {
  it("makes half-width marks inside Chinese text full-width", () => {
    expect(normalisePunctuation("学校,是一所学校;现汇报如下:")).toBe("学校，是一所学校；现汇报如下：");
    expect(normalisePunctuation("成绩显著!今后怎么办?努力.")).toBe("成绩显著！今后怎么办？努力。");
    expect(normalisePunctuation("市级文明单位汇报材料(精选3篇)")).toBe("市级文明单位汇报材料（精选3篇）");
  });

  it("leaves numbers, times, numbering, addresses and Latin text alone", () => {
    for (const line of ["1.5万元", "12:30", "1.加强领导", "https://example.cn/a", "a,b;c", "(2019)", "1,000"]) {
      expect(normalisePunctuation(line)).toBe(line);
    }
  });
});

describe("figures", () => {
  it("finds counts with their unit, what they count and the sentence they came from", () => {
    const text = "今年以来，共组织集体学习 24 次，在编教职工128人。志愿服务时长达1200小时；学前一年入园率达到95%。";
    expect(findFigures(text)).toEqual([
      { value: 24, unit: "次", label: "组织集体学习", text: "今年以来，共组织集体学习 24 次，在编教职工128人。" },
      { value: 128, unit: "人", label: "在编教职工", text: "今年以来，共组织集体学习 24 次，在编教职工128人。" },
      { value: 1200, unit: "小时", label: "志愿服务时长", text: "志愿服务时长达1200小时；" },
      { value: 95, unit: "%", label: "学前一年入园率", text: "学前一年入园率达到95%。" },
    ]);
  });

  it("reads 余, 多, 万 and 亿 and Chinese numerals before what they count", () => {
    expect(
      findFigures("各类在校生2500余人，信息报道90多篇，投资1.8亿元，占地5万余平方米。").map((f) => [f.value, f.unit]),
    ).toEqual([
      [2500, "人"],
      [90, "篇"],
      [1.8, "亿元"],
      [5, "万平方米"],
    ]);
    expect(findFigures("我处有两名同志获得三等奖。").map((f) => [f.value, f.unit, f.label])).toEqual([
      [2, "名", "同志获得三等奖"],
    ]);
  });

  it("takes no years, dates, ordinals, ranges, slogans in quotes or a lone 一", () => {
    const text = "2019年3月5日，第3次会议提出“三个代表”，每周1-2次学习，我是一名党员，二期工程启动。";
    expect(findFigures(text)).toEqual([]);
  });
});

describe("placeholders", () => {
  it("lists anonymised names and years distinct and in order", () => {
    expect(placeholdersIn("xx县xx职业技术学校于20xx年成立，200*年来与xx县***故居、×××等。XX市级文明单位")).toEqual([
      "xx县",
      "xx职业技术学校",
      "20xx年",
      "200*年",
      "***",
      "×××",
      "XX市",
    ]);
  });

  it("ignores Latin words and a lone star", () => {
    expect(placeholdersIn("Xbox、taxi、5*3、注*")).toEqual([]);
  });
});

describe("documents", () => {
  it("splits a paste at 篇1 篇2 篇3 and titles each document with its marker line", () => {
    const parsed = parseReportText(`汇报材料 篇1\n${BODY}\n汇报材料 篇2\n${BODY}\n第3篇 汇报\n${BODY}`);
    expect(parsed.documents.map((d) => d.title)).toEqual(["汇报材料 篇1", "汇报材料 篇2", "第3篇 汇报"]);
    expect(parsed.documents.every((d) => d.sections[0]?.heading === "一、加强领导")).toBe(true);
  });

  it("does not split at a 篇 number out of sequence", () => {
    const parsed = parseReportText(`汇报材料 篇2\n${BODY}`);
    expect(parsed.documents).toHaveLength(1);
    expect(parsed.documents[0]?.title).toBe("汇报材料 篇2");
  });

  it("returns no document when every line was chrome", () => {
    expect(parseReportText("作者：张三").documents).toEqual([]);
  });

  it("places each figure in its section and item", () => {
    const parsed = parseReportText("一、学习\n（一）集体学习\n共组织集体学习24次。\n二、服务\n开展志愿服务30场。");
    expect(parsed.documents[0]?.figures.map((f) => [f.value, f.section, f.item])).toEqual([
      [24, 0, 0],
      [30, 1, null],
    ]);
  });
});
