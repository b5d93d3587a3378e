import { Button, Empty, Table, type TableColumnsType, Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { AdminTenant } from "../../api/admin.ts";
import { beijingTime } from "../../format/time.ts";

interface Props {
  items: AdminTenant[];
  loading: boolean;
  onToggle: (tenant: AdminTenant) => void;
}

/** Every office with its status and size, and the switch to suspend or resume it. */
export function TenantTable({ items, loading, onToggle }: Props) {
  const { t } = useTranslation();
  const columns: TableColumnsType<AdminTenant> = [
    { title: t("platform.name"), dataIndex: "name" },
    { title: t("platform.slug"), dataIndex: "slug" },
    {
      title: t("platform.status"),
      key: "status",
      render: (_, tenant) =>
        tenant.status === "active" ? (
          <Tag color="success">{t("platform.active")}</Tag>
        ) : (
          <Tag color="warning">{t("platform.suspended")}</Tag>
        ),
    },
    { title: t("platform.units"), dataIndex: "units", align: "right" },
    { title: t("platform.members"), dataIndex: "members", align: "right" },
    { title: t("platform.createdAt"), key: "createdAt", render: (_, tenant) => beijingTime(tenant.createdAt) },
    {
      title: t("common.actions"),
      key: "actions",
      render: (_, tenant) => (
        <Button size="small" danger={tenant.status === "active"} onClick={() => onToggle(tenant)}>
          {tenant.status === "active" ? t("platform.suspend") : t("platform.resume")}
        </Button>
      ),
    },
  ];
  return (
    <Table<AdminTenant>
      rowKey="slug"
      size="middle"
      scroll={{ x: 800 }}
      loading={loading}
      dataSource={items}
      columns={columns}
      pagination={false}
      locale={{ emptyText: loading ? " " : <Empty description={t("platform.empty")} /> }}
      data-testid="platform-tenants"
    />
  );
}
