import type { ChartOption } from "./EChart.tsx";

/** Bars of one or more series over categories (stacked when `stack` is set). */
export function barOption(
  categories: string[],
  series: { name: string; data: number[] }[],
  stack = false,
): ChartOption {
  return {
    tooltip: { trigger: "axis" },
    legend: series.length > 1 ? { top: 0 } : undefined,
    grid: { left: 40, right: 16, top: series.length > 1 ? 36 : 16, bottom: 40, containLabel: true },
    xAxis: { type: "category", data: categories, axisLabel: { interval: 0, rotate: categories.length > 8 ? 30 : 0 } },
    yAxis: { type: "value", minInterval: 1 },
    series: series.map((s) => ({ type: "bar", name: s.name, data: s.data, ...(stack ? { stack: "total" } : {}) })),
  };
}

export function pieOption(slices: { name: string; value: number }[]): ChartOption {
  return {
    tooltip: { trigger: "item" },
    legend: { bottom: 0 },
    series: [{ type: "pie", radius: ["35%", "65%"], data: slices, label: { formatter: "{b}: {c}" } }],
  };
}

/** Counts per month and kind, as one stacked series per kind over the months that have any. */
export function monthKindSeries<K extends string>(
  rows: { month: string; kind: K; count: number }[],
  label: (kind: K) => string,
) {
  const months = [...new Set(rows.map((r) => r.month))].sort();
  const kinds = [...new Set(rows.map((r) => r.kind))];
  const series = kinds.map((kind) => ({
    name: label(kind),
    data: months.map((month) => rows.find((r) => r.month === month && r.kind === kind)?.count ?? 0),
  }));
  return { months, series };
}
