import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Card, Select, Space, Table, type TableColumnsType } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  APPLICATION_PAGE_SIZE,
  APPLICATION_STATUSES,
  type ApplicationFilters,
  type ApplicationRow,
  roundApplicationsQuery,
} from "../../api/applications.ts";
import { unitFiltersQuery } from "../../api/queries.ts";
import { beijingTime } from "../../format/time.ts";
import { AppStatusTag } from "../application/AppStatusTag.tsx";
import { CompletenessBar } from "../application/CompletenessBar.tsx";
import { QueryErrorResult } from "../QueryErrorResult.tsx";
import { DecisionButtons } from "../ranking/DecisionButtons.tsx";

interface Props {
  tenant: string;
  roundId: string;
  /** A city reviewer in 市级评审 decides here: the round's per-city quotas show beside the buttons. */
  decide?: { perCity: { cityId: string; quota: number }[] };
}

/** Reviewers: the round's applications in their scope, filtered, with completeness per application. */
export function ApplicationsCard({ tenant, roundId, decide }: Props) {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<ApplicationFilters>({});
  const [page, setPage] = useState(1);
  const list = useQuery(roundApplicationsQuery(tenant, roundId, filters, page));
  const options = useQuery(unitFiltersQuery(tenant));
  const filter = (key: "city" | "sector" | "kind", list: { id: string; name: string }[] | undefined) => (
    <Select
      allowClear
      placeholder={t(`applications.${key}`)}
      style={{ width: 160 }}
      value={filters[key]}
      onChange={(value: string | undefined) => {
        setFilters((f) => ({ ...f, [key]: value }));
        setPage(1);
      }}
      options={(list ?? []).map((o) => ({ value: o.id, label: o.name }))}
    />
  );
  const columns: TableColumnsType<ApplicationRow> = [
    {
      title: t("applications.unit"),
      key: "unit",
      render: (_, a) => (
        <Link to="/t/$tenant/applications/$applicationId" params={{ tenant, applicationId: a.id }}>
          {a.unit.name}
        </Link>
      ),
    },
    { title: t("applications.city"), key: "city", width: 110, render: (_, a) => a.city?.name ?? t("common.none") },
    {
      title: t("applications.sector"),
      key: "sector",
      width: 140,
      render: (_, a) => a.sector?.name ?? t("common.none"),
    },
    {
      title: t("applications.status"),
      dataIndex: "status",
      width: 110,
      render: (s: ApplicationRow["status"]) => <AppStatusTag status={s} />,
    },
    {
      title: t("applications.completeness"),
      key: "completeness",
      width: 200,
      render: (_, a) => <CompletenessBar {...a.completeness} />,
    },
    {
      title: t("applications.submittedAt"),
      dataIndex: "submittedAt",
      width: 150,
      render: (at: string | null) => (at ? beijingTime(at) : t("common.none")),
    },
    {
      title: t("common.actions"),
      key: "review",
      width: 80,
      render: (_, a) => (
        <Link
          to="/t/$tenant/applications/$applicationId/review"
          params={{ tenant, applicationId: a.id }}
          data-testid="application-review"
        >
          {t("scoring.open")}
        </Link>
      ),
    },
    ...(decide
      ? [
          {
            title: t("ranking.decision.column"),
            key: "decision",
            width: 220,
            render: (_: unknown, a: ApplicationRow) => {
              const quota = a.channel === "city" ? decide.perCity.find((q) => q.cityId === a.city?.id) : undefined;
              return (
                <DecisionButtons
                  tenant={tenant}
                  roundId={roundId}
                  applicationId={a.id}
                  unitName={a.unit.name}
                  status={a.status}
                  pool={
                    quota && a.city ? { pool: `city:${a.city.id}`, name: a.city.name, quota: quota.quota } : undefined
                  }
                />
              );
            },
          },
        ]
      : []),
  ];
  return (
    <Card title={t("applications.title")}>
      <Space wrap style={{ marginBottom: 12 }}>
        {filter("city", options.data?.cities)}
        {filter("sector", options.data?.sectors)}
        {filter("kind", options.data?.kinds)}
        <Select
          allowClear
          placeholder={t("applications.filterStatus")}
          style={{ width: 140 }}
          value={filters.status}
          onChange={(status: ApplicationRow["status"] | undefined) => {
            setFilters((f) => ({ ...f, status }));
            setPage(1);
          }}
          options={APPLICATION_STATUSES.map((s) => ({ value: s, label: t(`appStatus.${s}`) }))}
        />
      </Space>
      {list.isError ? (
        <QueryErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<ApplicationRow>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isPending}
          locale={{ emptyText: t("applications.empty") }}
          pagination={{
            current: page,
            pageSize: APPLICATION_PAGE_SIZE,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
          }}
          data-testid="application-list"
        />
      )}
    </Card>
  );
}
