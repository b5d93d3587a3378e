import type { BulkRow } from "../../api/people.ts";
import type { SheetSpec } from "../bulk/sheet.ts";

type PeopleColumn = "displayName" | "email" | "role" | "scopeCode" | "department";

/** The people template's columns, by their Chinese header; English headers are accepted too. */
export const PEOPLE_SHEET: SheetSpec<PeopleColumn, BulkRow> = {
  columns: [
    { key: "displayName", headers: ["姓名", "name", "displayname"], required: true },
    { key: "email", headers: ["邮箱", "email", "e-mail"], required: true },
    { key: "role", headers: ["角色", "role"], required: true },
    { key: "scopeCode", headers: ["管辖范围代码", "scopecode", "scope code", "scope"], required: true },
    { key: "department", headers: ["部门", "department"] },
  ],
  toRow: (cell) => {
    const department = cell("department");
    return {
      displayName: cell("displayName"),
      email: cell("email"),
      role: cell("role"),
      scopeCode: cell("scopeCode"),
      ...(department ? { department } : {}),
    };
  },
};

export const PEOPLE_TEMPLATE = [
  ["姓名", "邮箱", "角色", "管辖范围代码", "部门"],
  ["张三", "zhangsan@example.com", "审核员", "330100", ""],
  ["李四", "lisi@example.com", "部门账号", "330000", "纪检监察"],
  ["王五", "wangwu@example.com", "租户管理员", "330000", ""],
];
