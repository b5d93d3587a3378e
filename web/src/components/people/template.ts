import { toCsv } from "./csv.ts";

const TEMPLATE = [
  ["姓名", "邮箱", "角色", "管辖范围代码", "部门"],
  ["张三", "zhangsan@example.com", "审核员", "330100", ""],
  ["李四", "lisi@example.com", "部门账号", "330000", "纪检监察"],
  ["王五", "wangwu@example.com", "租户管理员", "330000", ""],
];

/** The example sheet as a data: URL (CSV with a BOM, so Excel reads the Chinese headers right). */
export function templateHref(): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(toCsv(TEMPLATE))}`;
}
