const beijing = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

const beijingDay = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** An instant as Beijing wall-clock time, `YYYY-MM-DD HH:mm`, whatever the browser's own zone. */
export function beijingTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : beijing.format(date);
}

/** The Beijing calendar day of an instant, `YYYY-MM-DD`, whatever the browser's own zone. */
export function beijingDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : beijingDay.format(date);
}

/** The current year in Beijing: offices' years turn at Beijing midnight, not the browser's. */
export function beijingYear(now = new Date()): number {
  return Number(beijingDay.format(now).slice(0, 4));
}
