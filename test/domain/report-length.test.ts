import { describe, expect, it } from "vitest";
import { reportLength } from "../../worker/domain/report-length.ts";

describe("reportLength counts as Word's 字数 does", () => {
  it("counts each Chinese character and each Chinese punctuation mark once", () => {
    expect(reportLength("组织集体学习，共24次。")).toBe(11);
  });
  it("counts a run of Latin letters or digits as one word and ignores whitespace", () => {
    expect(reportLength("开展 PPT 培训 3.5 小时")).toBe(8);
    expect(reportLength("  \n\t ")).toBe(0);
  });
  it("counts full-width letters one by one, as Word does", () => {
    expect(reportLength("ＡＢ")).toBe(2);
  });
});
