import { beijingTime } from "../../format/time.ts";

/** A satisfaction rate as a percentage with one decimal; a dash without answers. */
export const percent = (rate: number | null) => (rate === null ? "—" : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`);

/** Points to the cent, without trailing zeros. */
export const points = (n: number) => String(Math.round(n * 100) / 100);

/** An hour bucket's label in Beijing time, "05-01 10:00": short enough under a bar. */
export const hourLabel = (hourIso: string) => {
  const [day = "", time = ""] = beijingTime(hourIso).split(" ");
  return `${day.slice(5)} ${time}`;
};
