import { describe, expect, it } from "vitest";
import type { ParsedReportDocument } from "../../web/src/api/reports.ts";
import {
  draftLength,
  fromParsed,
  linksOf,
  openPlaceholders,
  paragraphsByItem,
  toBody,
  withLinks,
} from "../../web/src/components/report/draft.ts";
import { SaveReportBody } from "../../worker/schemas/reports.ts";

// The SPA's report draft (web/src/components/report/draft.ts): what 采用 builds from the importer's document,
// what a save sends, and what the scoring form shows per criteria item.

const doc: ParsedReportDocument = {
  title: "某单位创建文明单位工作总结",
  sections: [
    { heading: "一、基本情况", text: "xx县某单位在编职工128人。", items: [] },
    {
      heading: "二、主要做法",
      text: "",
      items: [
        { title: "（一）思想道德建设。", text: "全年组织集体学习24次，举办道德讲堂6场。" },
        { title: "（二）志愿服务。", text: "累计志愿服务1200小时。" },
      ],
    },
  ],
  figures: [
    { text: "xx县某单位在编职工128人。", value: 128, unit: "人", label: "在编职工", section: 0, item: null },
    { text: "全年组织集体学习24次", value: 24, unit: "次", label: "组织集体学习", section: 1, item: 0 },
    { text: "累计志愿服务1200小时", value: 1200, unit: "小时", label: "", section: 1, item: 1 },
    { text: "不在任何段落的数据 3 个", value: 3, unit: "个", label: "数据", section: 7, item: null },
  ],
  placeholders: ["xx县"],
};

describe("the report draft built from an imported document", () => {
  const draft = fromParsed(doc);

  it("gives each section and item a short stable id in reading order", () => {
    expect(draft.content.sections.map((s) => [s.id, s.items.map((i) => i.id)])).toEqual([
      ["s1", []],
      ["s2", ["s2i1", "s2i2"]],
    ]);
  });

  it("places each figure in the paragraph the importer found it in, unconfirmed, labelled", () => {
    expect(draft.figures.map((f) => [f.paragraphId, f.label, f.confirmed])).toEqual([
      ["s1", "在编职工", false],
      ["s2i1", "组织集体学习", false],
      ["s2i2", "小时", false],
      [null, "数据", false],
    ]);
  });

  it("is a body the Worker's schema accepts", () => {
    expect(SaveReportBody.safeParse(toBody(draft, 3)).success).toBe(true);
  });

  it("flags a placeholder until the text no longer holds it", () => {
    expect(openPlaceholders(draft.content, doc.placeholders)).toEqual(["xx县"]);
    const [first, ...rest] = draft.content.sections;
    if (!first) throw new Error("no first section");
    const filled = { ...draft.content, sections: [{ ...first, text: "旌阳区某单位在编职工128人。" }, ...rest] };
    expect(openPlaceholders(filled, doc.placeholders)).toEqual([]);
  });

  it("counts its length as the Worker does (title, headings and texts)", () => {
    expect(draftLength(draft.content)).toBeGreaterThan(draftLength({ ...draft.content, title: "" }));
  });
});

describe("links and a save", () => {
  const draft = fromParsed(doc);

  it("replaces one paragraph's links without touching the others', without repeats", () => {
    const links = withLinks(withLinks([], "s2i1", ["A2.3", "A2.3", "A2.4"]), "s1", ["A1.1"]);
    expect(linksOf(links, "s2i1")).toEqual(["A2.3", "A2.4"]);
    expect(linksOf(withLinks(links, "s2i1", []), "s1")).toEqual(["A1.1"]);
  });

  it("drops links of removed paragraphs and detaches their figures", () => {
    const links = withLinks(withLinks([], "s2i1", ["A2.3"]), "s1", ["A1.1"]);
    const [first, second] = draft.content.sections;
    if (!first || !second) throw new Error("sections missing");
    const edited = {
      ...draft,
      links,
      content: { ...draft.content, sections: [first, { ...second, items: second.items.slice(1) }] },
    };
    const body = toBody(edited, 5);
    expect(body.version).toBe(5);
    expect(body.links).toEqual([{ paragraphId: "s1", itemCode: "A1.1" }]);
    expect(body.figures.find((f) => f.id === "f2")?.paragraphId).toBeNull();
  });

  it("lists each criteria item's linked paragraphs in reading order, for the scoring form", () => {
    const links = withLinks(withLinks([], "s2i2", ["A3.1"]), "s1", ["A3.1", "A1.1"]);
    const byItem = paragraphsByItem(draft.content, links);
    expect(byItem.get("A3.1")?.map((p) => p.id)).toEqual(["s1", "s2i2"]);
    expect(byItem.get("A1.1")?.map((p) => p.heading)).toEqual(["一、基本情况"]);
    expect(byItem.has("A2.3")).toBe(false);
  });
});
