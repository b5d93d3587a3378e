import { Progress, Table, type TableColumnsType, Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { StoredContent } from "../../api/programs.ts";

type Item = StoredContent["sections"][number]["items"][number];

const STATUS_COLORS = { not_started: "default", in_progress: "processing", done: "success", blocked: "error" } as const;

/** A measures section read-only: one row per measure with its 责任部室 and progress. */
export function MeasureTable({ items }: { items: Item[] }) {
  const { t } = useTranslation();
  const none = t("common.none");
  const columns: TableColumnsType<Item> = [
    {
      title: t("program.itemTitle"),
      dataIndex: "title",
      render: (title: string, item) => <span title={item.text}>{title}</span>,
    },
    {
      title: t("program.departments"),
      dataIndex: "departments",
      width: 180,
      render: (departments: string[]) => (departments.length ? departments.map((d) => <Tag key={d}>{d}</Tag>) : none),
    },
    { title: t("program.lead"), dataIndex: "lead", width: 100, render: (lead: string | null) => lead ?? none },
    { title: t("program.dueDate"), dataIndex: "dueDate", width: 110, render: (due: string | null) => due ?? none },
    {
      title: t("program.progress"),
      dataIndex: "progress",
      width: 140,
      render: (p: number) => <Progress percent={p} size="small" />,
    },
    {
      title: t("program.status"),
      dataIndex: "status",
      width: 90,
      render: (status: Item["status"]) => <Tag color={STATUS_COLORS[status]}>{t(`measureStatus.${status}`)}</Tag>,
    },
  ];
  return (
    <Table<Item>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={items}
      pagination={false}
      data-testid="measure-table"
    />
  );
}
