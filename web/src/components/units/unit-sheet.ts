import type { BulkUnitRow } from "../../api/unit-review.ts";
import type { SheetSpec } from "../bulk/sheet.ts";

type UnitColumn = "name" | "creditCode" | "jurisdictionCode" | "sector" | "kind" | "contactName" | "contactPhone";

/** The unit template's columns, by their Chinese header; common variants and English headers are accepted too. */
export const UNIT_SHEET: SheetSpec<UnitColumn, BulkUnitRow> = {
  columns: [
    { key: "name", headers: ["单位名称", "名称", "name"], required: true },
    { key: "creditCode", headers: ["统一社会信用代码", "信用代码", "credit code", "creditcode"], required: true },
    {
      key: "jurisdictionCode",
      headers: ["所在地代码", "行政区划代码", "place code", "jurisdictioncode"],
      required: true,
    },
    { key: "sector", headers: ["系统/行业", "系统", "行业", "sector"], required: true },
    { key: "kind", headers: ["单位类别", "单位类型", "kind"], required: true },
    { key: "contactName", headers: ["联系人", "contact", "contact name"] },
    { key: "contactPhone", headers: ["联系电话", "电话", "phone", "contact phone"] },
  ],
  toRow: (cell) => {
    const contactName = cell("contactName");
    const contactPhone = cell("contactPhone");
    return {
      name: cell("name"),
      creditCode: cell("creditCode"),
      jurisdictionCode: cell("jurisdictionCode"),
      sector: cell("sector"),
      kind: cell("kind"),
      ...(contactName ? { contactName } : {}),
      ...(contactPhone ? { contactPhone } : {}),
    };
  },
};

interface TemplateNames {
  placeCode: string;
  sectors: string[];
  kinds: string[];
}

/**
 * An example sheet in the office's own words: its place codes and sector and kind names, so a
 * downloaded template passes the check once the example names and codes are replaced.
 */
export function unitTemplate({ placeCode, sectors, kinds }: TemplateNames): string[][] {
  const header = UNIT_SHEET.columns.map((c) => c.headers[0] ?? c.key);
  return [
    header,
    ["示例单位一", "12510600MB1234567A", placeCode, sectors[0] ?? "", kinds[0] ?? "", "张三", "0838-1234567"],
    ["示例单位二", "12510600MB76543217", placeCode, sectors[1] ?? sectors[0] ?? "", kinds[1] ?? kinds[0] ?? "", "", ""],
  ];
}
