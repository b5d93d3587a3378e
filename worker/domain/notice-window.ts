/**
 * A notice's window (公示期): `days` calendar days, or `days` working days skipping Saturdays, Sundays and the
 * office's holiday list, from its first day. Dates are Beijing dates (YYYY-MM-DD); the window opens at 00:00
 * Beijing time on `startsOn` and closes at 24:00 on `endsOn`, kept as UTC instants for comparisons.
 */

const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

export interface NoticeWindowInput {
  /** YYYY-MM-DD, Beijing: the day the notice is published. */
  startsOn: string;
  days: number;
  workingDays: boolean;
  /** YYYY-MM-DD public holidays, skipped when counting working days. */
  holidays: readonly string[];
}

export interface NoticeWindow {
  startsOn: string;
  endsOn: string;
  /** UTC ISO instants: 00:00 Beijing of `startsOn`, 24:00 Beijing of `endsOn`. */
  startsAt: string;
  endsAt: string;
}

const dayMs = (date: string) => Date.parse(`${date}T00:00:00Z`);
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function addDays(date: string, n: number): string {
  return dateOf(dayMs(date) + n * DAY_MS);
}

/** Not a Saturday, a Sunday or one of the holidays. */
export function isWorkingDay(date: string, holidays: ReadonlySet<string> | readonly string[]): boolean {
  const weekday = new Date(dayMs(date)).getUTCDay();
  const isHoliday = holidays instanceof Set ? holidays.has(date) : (holidays as readonly string[]).includes(date);
  return weekday !== 0 && weekday !== 6 && !isHoliday;
}

/**
 * The window of a notice published on `startsOn`. In working-day mode a notice published on a non-working day
 * still opens that day (objections are welcome from publication), but its count starts with the next working
 * day, so it always runs its full number of working days.
 */
export function noticeWindow({ startsOn, days, workingDays, holidays }: NoticeWindowInput): NoticeWindow {
  let endsOn = addDays(startsOn, days - 1);
  if (workingDays) {
    const skip = new Set(holidays);
    let counted = 0;
    let day = startsOn;
    for (;;) {
      if (isWorkingDay(day, skip)) counted += 1;
      if (counted === days) break;
      day = addDays(day, 1);
    }
    endsOn = day;
  }
  return {
    startsOn,
    endsOn,
    startsAt: new Date(dayMs(startsOn) - BEIJING_OFFSET_MS).toISOString(),
    endsAt: new Date(dayMs(endsOn) + DAY_MS - BEIJING_OFFSET_MS).toISOString(),
  };
}

export type NoticeState = "upcoming" | "open" | "ended";

export function noticeState(window: Pick<NoticeWindow, "startsAt" | "endsAt">, now: Date): NoticeState {
  const t = now.getTime();
  if (t < Date.parse(window.startsAt)) return "upcoming";
  return t < Date.parse(window.endsAt) ? "open" : "ended";
}
