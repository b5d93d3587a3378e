import { beijingTime } from "../../format/time.ts";

const dayFormats = {
  zh: new Intl.DateTimeFormat("zh-CN", { timeZone: "UTC", year: "numeric", month: "long", day: "numeric" }),
  en: new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", year: "numeric", month: "long", day: "numeric" }),
};

/** A Beijing calendar day (`YYYY-MM-DD`) as people write it: 2026年12月1日 / 1 December 2026. */
export function dayText(day: string, language: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return (language.startsWith("en") ? dayFormats.en : dayFormats.zh).format(date);
}

/** An instant in Beijing wall-clock time, marked as such for readers abroad. */
export function instantText(iso: string, language: string): string {
  return `${beijingTime(iso)} ${language.startsWith("en") ? "(Beijing time)" : "（北京时间）"}`;
}
