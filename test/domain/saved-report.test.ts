import { describe, expect, it } from "vitest";
import { reportLength } from "../../worker/domain/report-length.ts";
import { distinctLinks, paragraphsOf, reportProblems, savedReportLength } from "../../worker/domain/saved-report.ts";

const content = {
  title: "工作汇报",
  sections: [
    { id: "s1", heading: "一、基本情况", text: "现有职工128人。", items: [] },
    {
      id: "s2",
      heading: "二、主要做法",
      text: "",
      items: [{ id: "s2-1", title: "（一）道德讲堂", text: "举办道德讲堂8期。" }],
    },
  ],
};

describe("a saved report", () => {
  it("its paragraphs are each section's own text under its heading and each item; an empty section is marked", () => {
    expect(paragraphsOf(content)).toEqual([
      { id: "s1", heading: "一、基本情况", text: "现有职工128人。", section: "一、基本情况", empty: false },
      { id: "s2", heading: "二、主要做法", text: "", section: "二、主要做法", empty: true },
      { id: "s2-1", heading: "（一）道德讲堂", text: "举办道德讲堂8期。", section: "二、主要做法", empty: false },
    ]);
  });

  it("its length counts the title, headings, item titles and texts as Word does", () => {
    expect(savedReportLength(content)).toBe(
      reportLength("工作汇报一、基本情况现有职工128人。二、主要做法（一）道德讲堂举办道德讲堂8期。"),
    );
  });

  it("a sound save has no problems", () => {
    const links = [{ paragraphId: "s2-1", itemCode: "A1.1" }];
    expect(reportProblems(content, [{ id: "f1", paragraphId: "s1" }], links, new Set(["A1.1"]))).toEqual({});
  });

  it("repeated paragraph or figure ids, and figures or links pointing nowhere, are named by field", () => {
    const repeated = { ...content, sections: [...content.sections, { ...content.sections[0], id: "s2-1" }] };
    const problems = reportProblems(
      repeated as typeof content,
      [
        { id: "f1", paragraphId: "gone" },
        { id: "f1", paragraphId: null },
      ],
      [
        { paragraphId: "s9", itemCode: "A1.1" },
        { paragraphId: "s1", itemCode: "Z1" },
      ],
      new Set(["A1.1"]),
    );
    expect(Object.keys(problems).sort()).toEqual(
      [
        "content.sections.2.id",
        "figures.0.paragraphId",
        "figures.1.id",
        "links.0.paragraphId",
        "links.1.itemCode",
      ].sort(),
    );
  });

  it("a link given twice is kept once, in order", () => {
    const a = { paragraphId: "s1", itemCode: "A1.1" };
    const b = { paragraphId: "s1", itemCode: "A1.2" };
    expect(distinctLinks([a, b, { ...a }])).toEqual([a, b]);
  });
});
