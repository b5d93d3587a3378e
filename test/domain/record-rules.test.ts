import { describe, expect, it } from "vitest";
import { sniffFileType } from "../../worker/domain/file-types.ts";
import {
  beijingToday,
  beijingYear,
  contentDisposition,
  departmentsOf,
  lastTwelveMonths,
  pairProblems,
  recordDateProblem,
  statusCounts,
} from "../../worker/domain/record-rules.ts";

describe("dates in Beijing time", () => {
  it("today turns over at 16:00 UTC, the year too", () => {
    expect(beijingToday(new Date("2025-12-31T15:59:59Z"))).toBe("2025-12-31");
    expect(beijingToday(new Date("2025-12-31T16:00:00Z"))).toBe("2026-01-01");
    expect(beijingYear(new Date("2025-12-31T16:00:00Z"))).toBe(2026);
  });

  it("the last twelve months end with the current one and cross the year", () => {
    const months = lastTwelveMonths(new Date("2026-02-10T00:00:00Z"));
    expect(months).toHaveLength(12);
    expect(months[0]).toBe("2025-03");
    expect(months.slice(-3)).toEqual(["2025-12", "2026-01", "2026-02"]);
    expect(lastTwelveMonths(new Date("2026-12-31T16:30:00Z")).at(-1)).toBe("2027-01");
  });

  it("a record date lies between 2000-01-01 and today in Beijing", () => {
    const now = new Date("2026-03-04T17:00:00Z"); // already 2026-03-05 in Beijing
    expect(recordDateProblem("2026-03-05", now)).toBeUndefined();
    expect(recordDateProblem("2000-01-01", now)).toBeUndefined();
    expect(recordDateProblem("2026-03-06", now)).toMatch(/future/);
    expect(recordDateProblem("1999-12-31", now)).toMatch(/2000/);
  });
});

describe("field pairs", () => {
  const none = { quantity: null, quantityUnit: null, programId: null, measureKey: null };

  it("an amount needs its unit and a measure its program, both ways", () => {
    expect(pairProblems(none)).toEqual({});
    expect(pairProblems({ ...none, quantity: 0, quantityUnit: "hours" })).toEqual({});
    expect(Object.keys(pairProblems({ ...none, quantity: 2 }))).toEqual(["quantityUnit"]);
    expect(Object.keys(pairProblems({ ...none, quantityUnit: "count" }))).toEqual(["quantityUnit"]);
    expect(Object.keys(pairProblems({ ...none, programId: "p" }))).toEqual(["measureKey"]);
    expect(Object.keys(pairProblems({ ...none, measureKey: "m" }))).toEqual(["measureKey"]);
  });
});

describe("attachment files", () => {
  const bytes = (...b: number[]) => new Uint8Array(b);

  it("recognises PNG, JPEG, WebP and PDF by their first bytes and nothing else", () => {
    expect(sniffFileType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe("image/png");
    expect(sniffFileType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe("image/jpeg");
    expect(sniffFileType(new TextEncoder().encode("RIFF\0\0\0\0WEBPVP8 "))).toBe("image/webp");
    expect(sniffFileType(new TextEncoder().encode("%PDF-1.4\n"))).toBe("application/pdf");
    expect(sniffFileType(new TextEncoder().encode("RIFF\0\0\0\0WAVE"))).toBeUndefined();
    expect(sniffFileType(new TextEncoder().encode("<svg onload=alert(1)>"))).toBeUndefined();
    expect(sniffFileType(new Uint8Array(0))).toBeUndefined();
    expect(sniffFileType(bytes(0x89, 0x50))).toBeUndefined();
  });

  it("serves images inline and PDFs as downloads, with an RFC 5987 file name", () => {
    expect(contentDisposition("image/png", "照片.png")).toBe("inline; filename*=UTF-8''%E7%85%A7%E7%89%87.png");
    expect(contentDisposition("application/pdf", `a "b"; c'(d)*.pdf`)).toBe(
      "attachment; filename*=UTF-8''a%20%22b%22%3B%20c%27%28d%29%2A.pdf",
    );
  });
});

describe("measures", () => {
  it("reads departments from a JSON array, ignoring anything malformed", () => {
    expect(departmentsOf('["办公室","宣传部"]')).toEqual(["办公室", "宣传部"]);
    expect(departmentsOf('["办公室", 3, null]')).toEqual(["办公室"]);
    expect(departmentsOf('{"a":1}')).toEqual([]);
    expect(departmentsOf("not json")).toEqual([]);
  });

  it("counts every status in a fixed order, zero where there are none", () => {
    expect(
      statusCounts([
        { status: "done", count: 2 },
        { status: "done", count: 1 },
        { status: "blocked", count: 4 },
      ]),
    ).toEqual([
      { status: "not_started", count: 0 },
      { status: "in_progress", count: 0 },
      { status: "done", count: 3 },
      { status: "blocked", count: 4 },
    ]);
  });
});
