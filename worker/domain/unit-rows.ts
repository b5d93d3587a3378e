import { isValidCreditCode } from "./credit-code.ts";

/**
 * Checking spreadsheet rows for bulk unit creation: each row on its own, every reason listed, so a
 * reviewer fixes the sheet in one pass. What only the database knows comes in as lookups.
 */
export interface UnitRowInput {
  name: string;
  creditCode: string;
  jurisdictionCode: string;
  sector: string;
  kind: string;
  contactName?: string | undefined;
  contactPhone?: string | undefined;
}

export interface UnitRowLookups {
  /** Division code → node, only for nodes under the caller's scope. */
  nodeByCode: Map<string, { id: string; path: string; cityId: string | null }>;
  /** Sector and kind by name or code (active entries only). */
  sectorId: (nameOrCode: string) => string | undefined;
  kindId: (nameOrCode: string) => string | undefined;
  takenCreditCodes: Set<string>;
  takenNames: Set<string>;
}

export interface CheckedUnitRow {
  row: number;
  name: string;
  reasons: string[];
  unit: {
    name: string;
    creditCode: string;
    jurisdictionId: string;
    jurisdictionPath: string;
    cityId: string | null;
    sectorId: string;
    kindId: string;
    contactName: string | null;
    contactPhone: string | null;
  } | null;
}

export const PHONE = /^[0-9+\-() ]{7,20}$/;

export function normalizeCreditCode(code: string): string {
  return code.trim().toUpperCase();
}

/**
 * A unit's name as the tenant's one-name-per-unit rule compares it (bulk import and self-registration alike):
 * surrounding spaces do not count; any unit of the tenant, whatever its status, holds its name.
 */
export function unitNameKey(name: string): string {
  return name.trim();
}

/** The one message for a name the tenant already has, in a sheet's row report and under the registration field. */
export const UNIT_NAME_TAKEN = "已有同名单位 / a unit of this name exists";

export function validateUnitRows(rows: UnitRowInput[], lookups: UnitRowLookups): CheckedUnitRow[] {
  const seenCodes = new Set<string>();
  const seenNames = new Set<string>();
  return rows.map((input, index) => {
    const reasons: string[] = [];
    const name = unitNameKey(input.name);
    const creditCode = normalizeCreditCode(input.creditCode);
    const node = lookups.nodeByCode.get(input.jurisdictionCode.trim());
    const sectorId = lookups.sectorId(input.sector.trim());
    const kindId = lookups.kindId(input.kind.trim());
    const contactPhone = input.contactPhone?.trim() || null;
    if (!name) reasons.push("单位名称为空 / name is empty");
    else if ([...name].length > 100) reasons.push("单位名称过长 / name too long");
    else if (seenNames.has(name)) reasons.push("表内单位名称重复 / name repeated in the sheet");
    else if (lookups.takenNames.has(name)) reasons.push(UNIT_NAME_TAKEN);
    if (!isValidCreditCode(creditCode)) reasons.push("统一社会信用代码无效 / invalid unified social credit code");
    else if (seenCodes.has(creditCode)) reasons.push("表内信用代码重复 / credit code repeated in the sheet");
    else if (lookups.takenCreditCodes.has(creditCode)) reasons.push("信用代码已登记 / credit code already registered");
    if (!node) reasons.push(`所在地代码不在管辖范围内：${input.jurisdictionCode} / place code not in your scope`);
    if (!sectorId) reasons.push(`系统/行业无法识别：${input.sector} / unknown sector`);
    if (!kindId) reasons.push(`单位类别无法识别：${input.kind} / unknown unit kind`);
    if (contactPhone && !PHONE.test(contactPhone)) reasons.push("联系电话格式不正确 / invalid phone");
    if (name) seenNames.add(name);
    if (creditCode) seenCodes.add(creditCode);
    const unit =
      reasons.length === 0 && node && sectorId && kindId
        ? {
            name,
            creditCode,
            jurisdictionId: node.id,
            jurisdictionPath: node.path,
            cityId: node.cityId,
            sectorId,
            kindId,
            contactName: input.contactName?.trim() || null,
            contactPhone,
          }
        : null;
    return { row: index + 1, name, reasons, unit };
  });
}
