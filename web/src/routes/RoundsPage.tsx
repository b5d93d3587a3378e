import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { Button, Card, Table, type TableColumnsType } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type RoundSummary, roundListQuery } from "../api/rounds.ts";
import { QueryErrorResult } from "../components/QueryErrorResult.tsx";
import { PhaseTag } from "../components/rounds/PhaseTag.tsx";
import { RoundFormModal } from "../components/rounds/RoundFormModal.tsx";
import { useMembership } from "./use-membership.ts";

/** The office's rounds (评选/复查); the tenant admin creates them. */
export function RoundsPage() {
  const { t } = useTranslation();
  const { tenant, membership } = useMembership();
  const admin = membership?.role === "tenant_admin";
  const navigate = useNavigate();
  const list = useQuery(roundListQuery(tenant));
  const [creating, setCreating] = useState(false);
  const columns: TableColumnsType<RoundSummary> = [
    {
      title: t("rounds.title"),
      dataIndex: "title",
      render: (title: string, r) => (
        <Link to="/t/$tenant/rounds/$roundId" params={{ tenant, roundId: r.id }}>
          {title}
        </Link>
      ),
    },
    {
      title: t("rounds.level"),
      dataIndex: "level",
      width: 110,
      render: (l: RoundSummary["level"]) => t(`roundLevel.${l}`),
    },
    { title: t("rounds.kind"), dataIndex: "kind", width: 90, render: (k: RoundSummary["kind"]) => t(`roundKind.${k}`) },
    { title: t("rounds.year"), dataIndex: "year", width: 90 },
    {
      title: t("rounds.phase"),
      dataIndex: "phase",
      width: 120,
      render: (p: RoundSummary["phase"]) => <PhaseTag phase={p} />,
    },
  ];
  return (
    <Card
      title={t("rounds.listTitle")}
      extra={
        admin ? (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="round-new">
            {t("rounds.new")}
          </Button>
        ) : null
      }
    >
      {list.isError ? (
        <QueryErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<RoundSummary>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isPending}
          pagination={false}
          locale={{ emptyText: t("rounds.empty") }}
          data-testid="round-list"
        />
      )}
      {admin ? (
        <RoundFormModal
          tenant={tenant}
          open={creating}
          onClose={() => setCreating(false)}
          onSaved={(round) => {
            setCreating(false);
            void navigate({ to: "/t/$tenant/rounds/$roundId", params: { tenant, roundId: round.id } });
          }}
        />
      ) : null}
    </Card>
  );
}
