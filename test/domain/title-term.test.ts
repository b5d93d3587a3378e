import { describe, expect, it } from "vitest";
import { termText, titleTerm } from "../../worker/domain/title-term.ts";

describe("a title's term", () => {
  it("runs the office's term length from the naming year and expires on 31 December of its last year", () => {
    expect(titleTerm("2026-12-01", 3)).toEqual({ termStartYear: 2026, termEndYear: 2028, validUntil: "2028-12-31" });
    expect(titleTerm("2025-05-20", 2)).toEqual({ termStartYear: 2025, termEndYear: 2026, validUntil: "2026-12-31" });
  });

  it("starts in the next year when a late naming is for the coming term", () => {
    expect(titleTerm("2026-12-28", 3, true)).toEqual({
      termStartYear: 2027,
      termEndYear: 2029,
      validUntil: "2029-12-31",
    });
  });

  it("is written as its first and last year", () => {
    expect(termText({ termStartYear: 2024, termEndYear: 2026 })).toBe("2024-2026");
  });
});
