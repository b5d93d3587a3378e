import { Badge, Card, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { NoticeEntry } from "../../api/notice.ts";

/** The units on notice in list order; a unit taken off after an upheld objection keeps its row with the reason. */
export function NoticeEntriesCard({ entries }: { entries: NoticeEntry[] }) {
  const { t } = useTranslation();
  const listed = entries.filter((e) => e.status === "listed").length;
  return (
    <Card title={t("notice.entries.title", { listed, total: entries.length })} data-testid="notice-entries">
      <Table<NoticeEntry>
        size="small"
        rowKey="entryId"
        pagination={entries.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: "max-content" }}
        dataSource={entries}
        onRow={(e) => ({ "data-testid": "notice-entry", "data-status": e.status }) as object}
        columns={[
          { key: "position", title: t("notice.entries.position"), dataIndex: "position", width: 64 },
          {
            key: "unit",
            title: t("notice.unit"),
            render: (_, e) => (
              <>
                <Typography.Text delete={e.status === "removed"} data-testid="notice-entry-unit">
                  {e.unitName}
                </Typography.Text>
                {e.removedReason ? (
                  <div>
                    <Typography.Text type="secondary">
                      {t("notice.entries.removedReason", { reason: e.removedReason })}
                    </Typography.Text>
                  </div>
                ) : null}
              </>
            ),
          },
          { key: "city", title: t("notice.entries.city"), render: (_, e) => e.city ?? "—" },
          { key: "sector", title: t("notice.entries.sector"), render: (_, e) => e.sector ?? "—" },
          {
            key: "status",
            title: t("notice.entries.status"),
            render: (_, e) => (
              <Tag color={e.status === "listed" ? "green" : "red"}>{t(`notice.entryStatus.${e.status}`)}</Tag>
            ),
          },
          {
            key: "objections",
            title: t("notice.entries.objections"),
            render: (_, e) =>
              e.objections.total === 0 ? (
                "0"
              ) : (
                <Badge
                  status={e.objections.open > 0 ? "warning" : "default"}
                  text={t("notice.entries.objectionCount", { open: e.objections.open, total: e.objections.total })}
                />
              ),
          },
        ]}
      />
    </Card>
  );
}
