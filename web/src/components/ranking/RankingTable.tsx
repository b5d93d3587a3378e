import { Link } from "@tanstack/react-router";
import { Table, type TableColumnsType, Tag, Tooltip, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { APPLICATION_STATUSES, type ApplicationStatus } from "../../api/applications.ts";
import type { RankingRow } from "../../api/ranking.ts";
import { AppStatusTag } from "../application/AppStatusTag.tsx";
import { ReviewerScores } from "./ReviewerScores.tsx";

interface Props {
  tenant: string;
  criteriaSystemId: string;
  rows: RankingRow[] | undefined;
  loading: boolean;
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  /** Whether the round sets each gate: a column only shows for a gate that exists. */
  gates: { onsite: number | null; naming: number | null };
  /** City reviewers in 市级评审: 推荐 / 不推荐 per row. */
  actions?: (row: RankingRow) => ReactNode;
}

function isStatus(value: string): value is ApplicationStatus {
  return (APPLICATION_STATUSES as readonly string[]).includes(value);
}

function Gate({ passed }: { passed: boolean | null }) {
  const { t } = useTranslation();
  if (passed === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return passed ? (
    <Tag color="success">{t("ranking.gate.passed")}</Tag>
  ) : (
    <Tag color="default">{t("ranking.gate.failed")}</Tag>
  );
}

/** Ranks: "—" for a vetoed or unscored row. */
function rankCell(rank: number | null) {
  return rank === null ? <Typography.Text type="secondary">—</Typography.Text> : rank;
}

/**
 * The ranking, one server page at a time: ranks (overall, in the city, in the quota pool), the aggregate and each
 * reviewer's total, the two gates, the status; vetoed applications come last with their reason. A row opens its
 * per-item scores by reviewer; while the reader's own form is unsubmitted, the others' scores stay hidden.
 */
export function RankingTable(props: Props) {
  const { tenant, criteriaSystemId, rows, loading, page, pageSize, total, onPage, gates, actions } = props;
  const { t } = useTranslation();
  const blind = <Typography.Text type="secondary">{t("ranking.blind")}</Typography.Text>;
  const columns: TableColumnsType<RankingRow> = [
    { title: t("ranking.col.rank"), key: "rank", width: 64, fixed: "left", render: (_, r) => rankCell(r.rank) },
    { title: t("ranking.col.cityRank"), key: "cityRank", width: 80, render: (_, r) => rankCell(r.cityRank) },
    { title: t("ranking.col.poolRank"), key: "poolRank", width: 90, render: (_, r) => rankCell(r.poolRank) },
    {
      title: t("ranking.col.unit"),
      key: "unit",
      render: (_, r) => (
        <Link
          to="/t/$tenant/applications/$applicationId"
          params={{ tenant, applicationId: r.applicationId }}
          data-testid="ranking-unit"
        >
          {r.unitName}
        </Link>
      ),
    },
    { title: t("ranking.col.city"), key: "city", width: 100, render: (_, r) => r.city ?? t("common.none") },
    { title: t("ranking.col.sector"), key: "sector", width: 110, render: (_, r) => r.sector ?? t("common.none") },
    {
      title: t("ranking.col.aggregate"),
      key: "aggregate",
      width: 110,
      render: (_, r) => {
        if (r.blind) return blind;
        if (r.aggregate === null) return <Typography.Text type="secondary">{t("ranking.unscored")}</Typography.Text>;
        return (
          <span data-testid="ranking-aggregate">
            <Typography.Text strong>{r.aggregate.toFixed(2)}</Typography.Text>
            {r.extraPoints ? (
              <Typography.Text type="secondary" data-testid="ranking-source-points">
                {" "}
                {t("ranking.extra", { points: r.extraPoints })}
              </Typography.Text>
            ) : null}
          </span>
        );
      },
    },
    {
      title: t("ranking.col.reviewerTotals"),
      key: "reviewerTotals",
      width: 160,
      render: (_, r) =>
        r.blind ? blind : r.reviewerTotals.length > 0 ? r.reviewerTotals.join(" / ") : t("common.none"),
    },
    ...(gates.onsite !== null
      ? [
          {
            title: t("ranking.col.onsiteGateAt", { score: gates.onsite }),
            key: "onsiteGate",
            width: 120,
            render: (_: unknown, r: RankingRow) => <Gate passed={r.gates.onsite} />,
          },
        ]
      : []),
    ...(gates.naming !== null
      ? [
          {
            title: t("ranking.col.namingGateAt", { score: gates.naming }),
            key: "namingGate",
            width: 110,
            render: (_: unknown, r: RankingRow) => <Gate passed={r.gates.naming} />,
          },
        ]
      : []),
    {
      title: t("ranking.col.status"),
      key: "status",
      width: 150,
      render: (_, r) => (
        <span>
          {isStatus(r.status) ? <AppStatusTag status={r.status} /> : <Tag>{r.status}</Tag>}
          {r.vetoed ? (
            <>
              <Tooltip title={r.vetoReason ?? undefined}>
                <Tag color="error" data-testid="ranking-vetoed">
                  {t("ranking.vetoed")}
                </Tag>
              </Tooltip>
              {r.vetoReason ? (
                <Typography.Text type="danger" style={{ display: "block", fontSize: 12 }}>
                  {r.vetoReason}
                </Typography.Text>
              ) : null}
            </>
          ) : null}
        </span>
      ),
    },
    ...(actions
      ? [
          {
            title: t("ranking.decision.column"),
            key: "actions",
            width: 180,
            render: (_: unknown, r: RankingRow) => actions(r),
          },
        ]
      : []),
  ];
  return (
    <Table<RankingRow>
      rowKey="applicationId"
      size="small"
      columns={columns}
      dataSource={rows}
      loading={loading}
      scroll={{ x: "max-content" }}
      locale={{ emptyText: t("ranking.empty") }}
      rowClassName={(r) => (r.vetoed ? "ranking-row-vetoed" : "")}
      expandable={{
        expandedRowRender: (r) =>
          r.blind ? (
            <Typography.Text type="secondary" data-testid="ranking-blind">
              {t("ranking.blind")}
            </Typography.Text>
          ) : (
            <ReviewerScores
              tenant={tenant}
              applicationId={r.applicationId}
              criteriaSystemId={criteriaSystemId}
              unitName={r.unitName}
            />
          ),
      }}
      pagination={{
        current: page,
        pageSize,
        total,
        onChange: onPage,
        showSizeChanger: false,
        showTotal: (n) => t("ranking.total", { count: n }),
      }}
      data-testid="ranking-table"
    />
  );
}
