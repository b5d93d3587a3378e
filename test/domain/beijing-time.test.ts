import { describe, expect, it } from "vitest";
import { beijingDate, beijingTime, beijingYear } from "../../web/src/format/time.ts";

// Known instants, so the answers hold whatever zone the machine (or a reader's browser) runs in.
describe("times shown in Beijing time", () => {
  it("an instant late on 31 December UTC is already the next morning, next year, in Beijing", () => {
    expect(beijingTime("2025-12-31T17:30:00Z")).toBe("2026-01-01 01:30");
    expect(beijingDate("2025-12-31T17:30:00Z")).toBe("2026-01-01");
    expect(beijingYear(new Date("2025-12-31T17:30:00Z"))).toBe(2026);
  });

  it("an instant written with another zone's offset is shown in Beijing's", () => {
    expect(beijingTime("2026-03-01T09:05:00-05:00")).toBe("2026-03-01 22:05");
    expect(beijingDate("2026-03-01T20:00:00-05:00")).toBe("2026-03-02");
  });

  it("something that is not a time is shown as it came rather than as 'Invalid Date'", () => {
    expect(beijingTime("soon")).toBe("soon");
    expect(beijingDate("")).toBe("");
  });
});
