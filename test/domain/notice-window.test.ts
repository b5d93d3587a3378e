import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, isWorkingDay, noticeState, noticeWindow } from "../../worker/domain/notice-window.ts";

const GUOQING = ["2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07"];

describe("notice window", () => {
  it("counts calendar days from the first day, opening and closing at midnight Beijing time", () => {
    expect(noticeWindow({ startsOn: "2026-06-01", days: 7, workingDays: false, holidays: GUOQING })).toEqual({
      startsOn: "2026-06-01",
      endsOn: "2026-06-07",
      startsAt: "2026-05-31T16:00:00.000Z",
      endsAt: "2026-06-07T16:00:00.000Z",
    });
  });

  it("counts working days across a weekend", () => {
    // Thursday 2026-06-04: Thu, Fri, (Sat, Sun), Mon, Tue, Wed = 5 working days.
    const w = noticeWindow({ startsOn: "2026-06-04", days: 5, workingDays: true, holidays: [] });
    expect(w.endsOn).toBe("2026-06-10");
    expect(w.endsAt).toBe("2026-06-10T16:00:00.000Z");
  });

  it("skips the holiday list (国庆) as well as weekends", () => {
    // Wednesday 2026-09-30 counts 1; 10-01..07 are holidays; 10-08 Thu, 10-09 Fri, (10-10, 10-11), 10-12 Mon.
    const w = noticeWindow({ startsOn: "2026-09-30", days: 4, workingDays: true, holidays: GUOQING });
    expect(w.endsOn).toBe("2026-10-12");
    // The holiday list plays no part in calendar days.
    expect(noticeWindow({ startsOn: "2026-09-30", days: 4, workingDays: false, holidays: GUOQING }).endsOn).toBe(
      "2026-10-03",
    );
  });

  it("a notice published on a Saturday opens that day but counts from the Monday", () => {
    const w = noticeWindow({ startsOn: "2026-06-06", days: 5, workingDays: true, holidays: [] });
    expect(w.startsOn).toBe("2026-06-06");
    expect(w.startsAt).toBe("2026-06-05T16:00:00.000Z");
    expect(w.endsOn).toBe("2026-06-12");
  });

  it("says whether a window is upcoming, open or ended", () => {
    const w = noticeWindow({ startsOn: "2026-06-01", days: 1, workingDays: false, holidays: [] });
    expect(noticeState(w, new Date("2026-05-31T15:59:59.999Z"))).toBe("upcoming");
    expect(noticeState(w, new Date("2026-05-31T16:00:00.000Z"))).toBe("open");
    expect(noticeState(w, new Date("2026-06-01T15:59:59.999Z"))).toBe("open");
    expect(noticeState(w, new Date("2026-06-01T16:00:00.000Z"))).toBe("ended");
  });

  it("in working-day mode counts exactly `days` working days, the last one a working day", () => {
    const day = fc.integer({ min: 0, max: 3000 }).map((n) => addDays("2024-01-01", n));
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: 1, max: 30 }),
        fc.array(day, { maxLength: 40 }),
        (startsOn, days, holidays) => {
          const w = noticeWindow({ startsOn, days, workingDays: true, holidays });
          let counted = 0;
          for (let d = startsOn; d <= w.endsOn; d = addDays(d, 1)) if (isWorkingDay(d, holidays)) counted += 1;
          expect(counted).toBe(days);
          expect(isWorkingDay(w.endsOn, holidays)).toBe(true);
          const span = (Date.parse(w.endsOn) - Date.parse(w.startsOn)) / 86_400_000 + 1;
          expect(span).toBeGreaterThanOrEqual(days);
        },
      ),
    );
  });
});
