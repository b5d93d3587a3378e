import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Popconfirm, Space, Table, type TableColumnsType, Tag, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { errorText } from "../../api/errors.ts";
import { type ReviewerStats, rankingKey, recalibrate, reviewerStatsQuery } from "../../api/ranking.ts";
import type { Round } from "../../api/rounds.ts";
import { QueryErrorResult } from "../QueryErrorResult.tsx";
import type { ExportColumn } from "./export-table.ts";
import { TableExport } from "./TableExport.tsx";

type Line = ReviewerStats["items"][number];

const two = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);

interface Props {
  tenant: string;
  round: Round;
  /** The round's owner (a tenant admin) refits the calibrated aggregates on demand. */
  canRecalibrate: boolean;
}

/** Per reviewer: forms, mean, deviation from their panels, spread, calibrated offset, and outlier totals. */
export function ConsistencyTab({ tenant, round, canRecalibrate }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const consistency = useQuery(reviewerStatsQuery(tenant, round.id));
  const calibrated = round.settings.review.aggregation === "calibrated";
  const refit = useMutation({
    mutationFn: () => recalibrate(tenant, round.id),
    onSuccess: () => {
      void message.success(t("ranking.consistency.recalibrated"));
      void queryClient.invalidateQueries({ queryKey: rankingKey(tenant, round.id) });
    },
    onError: (error) => void message.error(errorText(error, i18n.language)),
  });
  const threshold = consistency.data?.threshold ?? round.settings.review.outlierThreshold;
  const exportColumns: ExportColumn<Line>[] = [
    { header: t("ranking.consistency.reviewer"), value: (l) => l.reviewer.name },
    { header: t("ranking.consistency.forms"), value: (l) => l.forms },
    { header: t("ranking.consistency.mean"), value: (l) => two(l.mean) },
    { header: t("ranking.consistency.meanDeviation"), value: (l) => two(l.meanDeviation) },
    { header: t("ranking.consistency.spread"), value: (l) => two(l.spread) },
    { header: t("ranking.consistency.offset"), value: (l) => two(l.offset) },
    { header: t("ranking.consistency.outliers"), value: (l) => l.outliers.length },
  ];
  const columns: TableColumnsType<Line> = [
    { title: t("ranking.consistency.reviewer"), key: "reviewer", fixed: "left", render: (_, l) => l.reviewer.name },
    { title: t("ranking.consistency.forms"), dataIndex: "forms", width: 90 },
    { title: t("ranking.consistency.mean"), key: "mean", width: 100, render: (_, l) => two(l.mean) },
    {
      title: t("ranking.consistency.meanDeviation"),
      key: "dev",
      width: 100,
      render: (_, l) => {
        const value = two(l.meanDeviation) ?? 0;
        return (
          <Typography.Text type={Math.abs(value) > threshold / 2 ? "warning" : undefined}>{value}</Typography.Text>
        );
      },
    },
    { title: t("ranking.consistency.spread"), key: "spread", width: 90, render: (_, l) => two(l.spread) },
    {
      title: t("ranking.consistency.offset"),
      key: "offset",
      width: 140,
      render: (_, l) => (
        <Space size={4}>
          <span data-testid="consistency-offset">{l.offset === null ? t("common.none") : two(l.offset)}</span>
          {l.flagged ? (
            <Tooltip title={t("ranking.consistency.flagged")}>
              <Tag color="warning">!</Tag>
            </Tooltip>
          ) : null}
        </Space>
      ),
    },
    {
      title: t("ranking.consistency.outliers"),
      key: "outliers",
      render: (_, l) =>
        l.outliers.length === 0 ? (
          t("common.none")
        ) : (
          <Tag color="error">{t("ranking.consistency.outlierCount", { count: l.outliers.length, threshold })}</Tag>
        ),
    },
  ];
  return (
    <div data-testid="consistency-tab">
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t("ranking.consistency.hint")} />
      <div style={{ display: "flex", justifyContent: "flex-end", gap: 8, marginBottom: 12, flexWrap: "wrap" }}>
        {canRecalibrate && calibrated ? (
          <Popconfirm
            title={t("ranking.consistency.recalibrateTitle")}
            description={t("ranking.consistency.recalibrateHint")}
            okText={t("ranking.consistency.recalibrate")}
            cancelText={t("common.cancel")}
            onConfirm={() => refit.mutateAsync().catch(() => undefined)}
          >
            <Button size="small" loading={refit.isPending} data-testid="recalibrate">
              {t("ranking.consistency.recalibrate")}
            </Button>
          </Popconfirm>
        ) : null}
        <TableExport
          baseName={`${round.title}-${t("ranking.consistency.title")}`}
          columns={exportColumns}
          rows={consistency.data?.items ?? []}
          testId="consistency-export"
        />
      </div>
      {consistency.isError ? (
        <QueryErrorResult error={consistency.error} onRetry={() => void consistency.refetch()} />
      ) : (
        <Table<Line>
          size="small"
          rowKey={(l) => l.reviewer.id}
          columns={columns}
          dataSource={consistency.data?.items}
          loading={consistency.isPending}
          scroll={{ x: "max-content" }}
          pagination={false}
          data-testid="consistency-table"
        />
      )}
    </div>
  );
}
