import { Card, Empty, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { RoundNotice } from "../../api/notice.ts";

/** Before notice: who would be listed if it were published now, in rank order, and who would not and why. */
export function NoticePreview({ view }: { view: RoundNotice }) {
  const { t } = useTranslation();
  return (
    <>
      <Card title={t("notice.preview.shortlist", { count: view.shortlist.length })} data-testid="notice-shortlist">
        <Typography.Paragraph type="secondary">{t("notice.preview.shortlistHint")}</Typography.Paragraph>
        <Table
          size="small"
          rowKey="applicationId"
          pagination={false}
          scroll={{ x: "max-content" }}
          dataSource={view.shortlist}
          locale={{ emptyText: <Empty description={t("notice.preview.shortlistEmpty")} /> }}
          columns={[
            { key: "rank", title: t("notice.preview.rank"), width: 64, render: (_, __, i) => i + 1 },
            { key: "unit", title: t("notice.unit"), dataIndex: "unitName" },
            {
              key: "aggregate",
              title: t("notice.preview.aggregate"),
              dataIndex: "aggregate",
              align: "right",
              render: (value: number | null) => (value === null ? "—" : value.toFixed(2)),
            },
          ]}
        />
      </Card>
      <Card title={t("notice.preview.excluded", { count: view.excluded.length })} data-testid="notice-excluded">
        <Table
          size="small"
          rowKey="applicationId"
          pagination={view.excluded.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          scroll={{ x: "max-content" }}
          dataSource={view.excluded}
          locale={{ emptyText: <Empty description={t("notice.preview.excludedEmpty")} /> }}
          columns={[
            { key: "unit", title: t("notice.unit"), dataIndex: "unitName" },
            {
              key: "reason",
              title: t("notice.preview.reason"),
              dataIndex: "reason",
              render: (reason: RoundNotice["excluded"][number]["reason"]) => t(`notice.exclusion.${reason}`),
            },
          ]}
        />
      </Card>
    </>
  );
}
