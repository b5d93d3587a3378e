import { useQuery } from "@tanstack/react-query";
import { Card, Table, type TableColumnsType, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { type MutualProgressRow, type MutualSettings, mutualProgressQuery } from "../../api/mutual.ts";
import { QueryErrorResult } from "../QueryErrorResult.tsx";

/**
 * Per unit in the caller's scope: how many peers score it, how many have submitted, the peers' points per item and
 * in all; who scored it only once the window has closed (the server sends no names before).
 */
export function MutualProgressCard({
  tenant,
  roundId,
  view,
}: {
  tenant: string;
  roundId: string;
  view: MutualSettings;
}) {
  const { t } = useTranslation();
  const progress = useQuery(mutualProgressQuery(tenant, roundId));
  const columns: TableColumnsType<MutualProgressRow> = [
    {
      title: t("mutual.unit"),
      dataIndex: "unitName",
      render: (name: string, row) => (
        <span style={{ overflowWrap: "anywhere" }}>
          {name}
          {row.city ? <Typography.Text type="secondary"> · {row.city}</Typography.Text> : null}
        </span>
      ),
    },
    {
      title: t("mutual.scored"),
      key: "scored",
      width: 80,
      render: (_, row) => `${row.scored}/${row.assigned}`,
    },
    ...view.items.map((item) => ({
      title: item.code,
      key: item.code,
      width: 72,
      render: (_: unknown, row: MutualProgressRow) => row.items.find((i) => i.itemCode === item.code)?.points ?? 0,
    })),
    { title: t("mutual.points"), dataIndex: "points", width: 80 },
    {
      title: t("mutual.raters"),
      key: "raters",
      render: (_, row) =>
        row.raters === null ? (
          <Typography.Text type="secondary">{t("mutual.ratersHidden")}</Typography.Text>
        ) : (
          row.raters.map((r) => (
            <Tag key={r.applicationId} color={r.submitted ? "green" : "default"} style={{ whiteSpace: "normal" }}>
              {r.unitName}
            </Tag>
          ))
        ),
    },
  ];
  return (
    <Card title={t("mutual.progressTitle")} data-testid="mutual-progress">
      {progress.isError ? (
        <QueryErrorResult error={progress.error} onRetry={() => void progress.refetch()} />
      ) : (
        <Table<MutualProgressRow>
          size="small"
          rowKey="applicationId"
          loading={progress.isPending}
          dataSource={progress.data?.rows ?? []}
          columns={columns}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: "max-content" }}
          locale={{ emptyText: t("mutual.noRows") }}
        />
      )}
    </Card>
  );
}
