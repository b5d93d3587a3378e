import { useQuery } from "@tanstack/react-query";
import { Card, Empty, Table } from "antd";
import { useTranslation } from "react-i18next";
import { tenantsQuery } from "../api/queries.ts";
import { AppHeader } from "../components/AppHeader.tsx";
import { QueryErrorResult } from "../components/QueryErrorResult.tsx";

/** The platform admin's page: for now, the tenants that are live. */
export function PlatformPage() {
  const { t } = useTranslation();
  const tenants = useQuery(tenantsQuery());
  return (
    <>
      <AppHeader userRole="platform_admin" />
      <main className="wm-page">
        <Card title={t("platform.tenants")}>
          {tenants.isError ? (
            <QueryErrorResult error={tenants.error} onRetry={() => void tenants.refetch()} />
          ) : (
            <Table
              rowKey="slug"
              loading={tenants.isPending}
              dataSource={tenants.data?.items ?? []}
              pagination={false}
              locale={{ emptyText: <Empty description={t("platform.empty")} /> }}
              columns={[
                { title: t("platform.name"), dataIndex: "name" },
                { title: t("platform.slug"), dataIndex: "slug" },
              ]}
              data-testid="platform-tenants"
            />
          )}
        </Card>
      </main>
    </>
  );
}
