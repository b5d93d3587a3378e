import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { Card, Skeleton, Space, Typography } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { COVERAGE_STATUSES, type RoundCoverageItem, roundCoverageQuery } from "../api/coverage.ts";
import { roundQuery } from "../api/rounds.ts";
import { ChartTableCard } from "../components/charts/ChartTableCard.tsx";
import type { ExportColumn } from "../components/charts/export-xlsx.ts";
import { barOption } from "../components/charts/options.ts";
import { QueryErrorResult } from "../components/QueryErrorResult.tsx";
import { RoundCardTitle } from "../components/rounds/RoundCardTitle.tsx";
import { useMembership } from "./use-membership.ts";

const route = getRouteApi("/_app/t/$tenant/rounds/$roundId/coverage");

/** Bars for the least covered items: enough to read on a phone, the table holds every item. */
const CHART_ITEMS = 10;
const STATUS_COLORS = { covered: "#52c41a", thin: "#faad14", empty: "#ff4d4f" } as const;

/** Which criteria items the applications in scope cover least: a chart of the weakest, the table, an XLSX export. */
export function RoundCoveragePage() {
  const { t } = useTranslation();
  const { roundId } = route.useParams();
  const { tenant } = useMembership();
  const round = useQuery(roundQuery(tenant, roundId));
  const coverage = useQuery(roundCoverageQuery(tenant, roundId));
  const items = coverage.data?.items;

  const columns = useMemo<ExportColumn<RoundCoverageItem>[]>(
    () => [
      { header: t("coverage.column.code"), value: (r) => r.itemCode },
      { header: t("coverage.column.title"), value: (r) => r.title },
      { header: t("coverage.column.category"), value: (r) => r.categoryCode },
      ...COVERAGE_STATUSES.map((s) => ({ header: t(`coverage.status.${s}`), value: (r: RoundCoverageItem) => r[s] })),
    ],
    [t],
  );
  const chart = useMemo(() => {
    // Least covered first, as the server orders them.
    const weakest = (items ?? []).slice(0, CHART_ITEMS);
    return {
      ...barOption(
        weakest.map((i) => i.itemCode),
        COVERAGE_STATUSES.map((s) => ({ name: t(`coverage.status.${s}`), data: weakest.map((i) => i[s]) })),
        true,
      ),
      // The status tags' colours: green covered, orange thin, red empty.
      color: COVERAGE_STATUSES.map((s) => STATUS_COLORS[s]),
    };
  }, [items, t]);

  if (round.isError) return <QueryErrorResult error={round.error} onRetry={() => void round.refetch()} />;
  if (round.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Card title={<RoundCardTitle tenant={tenant} round={round.data} />}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {coverage.data ? t("coverage.applications", { count: coverage.data.applications }) : t("coverage.roundHint")}
        </Typography.Paragraph>
      </Card>
      <ChartTableCard<RoundCoverageItem>
        title={t("coverage.roundTitle")}
        fileName={`${t("coverage.exportName")}.xlsx`}
        columns={columns}
        rows={coverage.data && coverage.data.applications > 0 ? items : []}
        rowKey={(r) => r.itemCode}
        chart={chart}
        loading={coverage.isPending}
        error={coverage.error}
        onRetry={() => void coverage.refetch()}
        testId="round-coverage"
      />
    </Space>
  );
}
