/**
 * Validation of spreadsheet rows for bulk-creating people: each row is judged on its own, and a row is
 * refused with every reason that applies, so one pass over the sheet fixes everything.
 */
import type { ManagedRole } from "./vocabulary.ts";

export interface BulkRowInput {
  displayName: string;
  email: string;
  role: string;
  scopeCode: string;
  department?: string | undefined;
}

export type BulkRole = ManagedRole;

/** Role cells as office staff write them, in Chinese or as the API's names. */
const ROLE_WORDS: Record<string, BulkRole> = {
  审核员: "reviewer",
  评审员: "reviewer",
  reviewer: "reviewer",
  租户管理员: "tenant_admin",
  管理员: "tenant_admin",
  tenant_admin: "tenant_admin",
  部门账号: "department",
  部门: "department",
  department: "department",
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface CheckedRow {
  row: number;
  email: string;
  reasons: string[];
  person: {
    email: string;
    displayName: string;
    role: BulkRole;
    jurisdictionId: string;
    department: string | null;
  } | null;
}

export function parseRole(cell: string): BulkRole | undefined {
  return ROLE_WORDS[cell.trim().toLowerCase()] ?? ROLE_WORDS[cell.trim()];
}

export function validateBulkRows(
  rows: BulkRowInput[],
  known: { takenEmails: Set<string>; nodeIdByCode: Map<string, string>; rootId: string },
): CheckedRow[] {
  const seen = new Set<string>();
  return rows.map((input, index) => {
    const reasons: string[] = [];
    const email = input.email.trim().toLowerCase();
    const displayName = input.displayName.trim();
    const role = parseRole(input.role);
    const department = input.department?.trim() || null;
    if (!displayName) reasons.push("姓名为空 / name is empty");
    else if ([...displayName].length > 60) reasons.push("姓名过长 / name too long");
    if (!EMAIL.test(email)) reasons.push("邮箱格式不正确 / invalid email");
    else if (seen.has(email)) reasons.push("表内邮箱重复 / email repeated in the sheet");
    else if (known.takenEmails.has(email)) reasons.push("该邮箱已有账号 / email already has an account");
    if (!role) reasons.push(`角色无法识别：${input.role} / unknown role`);
    const nodeId = role === "tenant_admin" ? known.rootId : known.nodeIdByCode.get(input.scopeCode.trim());
    if (role && role !== "tenant_admin" && !nodeId) {
      reasons.push(`管辖范围代码不在本辖区：${input.scopeCode} / scope code not in this office's tree`);
    }
    if (role === "department" && !department) reasons.push("部门账号须填写部门 / department required");
    if (email) seen.add(email);
    const person =
      reasons.length === 0 && role && nodeId
        ? { email, displayName, role, jurisdictionId: nodeId, department: role === "department" ? department : null }
        : null;
    return { row: index + 1, email, reasons, person };
  });
}
