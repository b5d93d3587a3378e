import { Flex, List, Progress, Table, type TableColumnsType, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { StoredContent } from "../../api/programs.ts";
import { usePhone } from "../responsive.ts";

type Item = StoredContent["sections"][number]["items"][number];

const STATUS_COLORS = { not_started: "default", in_progress: "processing", done: "success", blocked: "error" } as const;

/**
 * A measures section read-only: one row per measure with its 责任部室 and progress. On a phone each measure
 * is a short entry instead, since six columns would only scroll sideways.
 */
export function MeasureTable({ items }: { items: Item[] }) {
  const { t } = useTranslation();
  const phone = usePhone();
  const none = t("common.none");
  const departments = (list: string[]) => (list.length ? list.map((d) => <Tag key={d}>{d}</Tag>) : none);
  const status = (s: Item["status"]) => <Tag color={STATUS_COLORS[s]}>{t(`measureStatus.${s}`)}</Tag>;
  if (phone) {
    return (
      <List<Item>
        size="small"
        dataSource={items}
        rowKey="id"
        locale={{ emptyText: none }}
        data-testid="measure-table"
        renderItem={(item, i) => (
          <List.Item style={{ display: "block", paddingInline: 0 }}>
            <Flex justify="space-between" gap={8}>
              <Typography.Text strong>{`${i + 1}. ${item.title}`}</Typography.Text>
              {status(item.status)}
            </Flex>
            {item.text ? <Typography.Paragraph style={{ margin: "4px 0" }}>{item.text}</Typography.Paragraph> : null}
            <Typography.Text type="secondary">
              {`${t("program.departments")}：`}
              {departments(item.departments)}
              {`　${t("program.lead")}：${item.lead ?? none}　${t("program.dueDate")}：${item.dueDate ?? none}`}
            </Typography.Text>
            <Progress percent={item.progress} size="small" />
          </List.Item>
        )}
      />
    );
  }
  const columns: TableColumnsType<Item> = [
    {
      title: t("program.itemTitle"),
      dataIndex: "title",
      render: (title: string, item) => (
        <>
          <div>{title}</div>
          {item.text ? <Typography.Text type="secondary">{item.text}</Typography.Text> : null}
        </>
      ),
    },
    { title: t("program.departments"), dataIndex: "departments", width: 180, render: departments },
    { title: t("program.lead"), dataIndex: "lead", width: 100, render: (lead: string | null) => lead ?? none },
    { title: t("program.dueDate"), dataIndex: "dueDate", width: 110, render: (due: string | null) => due ?? none },
    {
      title: t("program.progress"),
      dataIndex: "progress",
      width: 140,
      render: (p: number) => <Progress percent={p} size="small" />,
    },
    { title: t("program.status"), dataIndex: "status", width: 90, render: status },
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
