const beijingDay = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** Today's date in Beijing, `YYYY-MM-DD`: notices start and name on Beijing days, whatever the browser's zone. */
export function beijingToday(now = new Date()): string {
  return beijingDay.format(now);
}

const DAY_MS = 86_400_000;

/** Whole days (rounded up) from now until an instant; 0 once it has passed. */
export function daysUntil(iso: string, now = new Date()): number {
  return Math.max(0, Math.ceil((new Date(iso).getTime() - now.getTime()) / DAY_MS));
}
