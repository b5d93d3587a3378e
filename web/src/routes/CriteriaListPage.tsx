import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Card, Space, Table, type TableColumnsType, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { type CriteriaSummary, criteriaListQuery } from "../api/criteria.ts";
import { CriteriaImport } from "../components/criteria/CriteriaImport.tsx";
import { FrozenTag } from "../components/criteria/FrozenTag.tsx";
import { NewCriteriaButton } from "../components/criteria/NewCriteriaButton.tsx";
import { QueryErrorResult } from "../components/QueryErrorResult.tsx";
import { useMembership } from "./use-membership.ts";

/** The office's criteria systems; the tenant admin creates and imports them. */
export function CriteriaListPage() {
  const { t } = useTranslation();
  const { tenant, membership } = useMembership();
  const admin = membership?.role === "tenant_admin";
  const list = useQuery(criteriaListQuery(tenant));
  const columns: TableColumnsType<CriteriaSummary> = [
    {
      title: t("criteria.name"),
      dataIndex: "name",
      render: (name: string, s) => (
        <Link to="/t/$tenant/criteria/$criteriaId" params={{ tenant, criteriaId: s.id }}>
          {name}
        </Link>
      ),
    },
    {
      title: t("criteria.version"),
      dataIndex: "version",
      width: 100,
      render: (n: number) => t("criteria.versionN", { n }),
    },
    {
      title: t("criteria.state"),
      dataIndex: "frozen",
      width: 200,
      render: (frozen: boolean) => (frozen ? <FrozenTag /> : <Tag>{t("criteria.editable")}</Tag>),
    },
  ];
  return (
    <Card title={t("criteria.listTitle")} extra={admin ? <NewCriteriaButton tenant={tenant} /> : null}>
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        {admin ? <CriteriaImport tenant={tenant} /> : null}
        {list.isError ? (
          <QueryErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<CriteriaSummary>
            rowKey="id"
            columns={columns}
            dataSource={list.data?.items}
            loading={list.isPending}
            pagination={false}
            locale={{ emptyText: t("criteria.empty") }}
            data-testid="criteria-list"
          />
        )}
      </Space>
    </Card>
  );
}
