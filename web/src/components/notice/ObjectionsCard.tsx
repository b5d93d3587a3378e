import { useQuery } from "@tanstack/react-query";
import { Button, Card, Empty, Table } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type Objection, objectionsQuery } from "../../api/notice.ts";
import { beijingTime } from "../../format/time.ts";
import { QueryErrorResult } from "../QueryErrorResult.tsx";
import { ObjectionDrawer } from "./ObjectionDrawer.tsx";
import { isOpen, ObjectionStatusTag } from "./ObjectionStatusTag.tsx";

interface Props {
  tenant: string;
  roundId: string;
  canHandle: boolean;
  admin: boolean;
}

/** 异议处理: every objection lodged on the round's notice; a row opens its drawer. */
export function ObjectionsCard({ tenant, roundId, canHandle, admin }: Props) {
  const { t } = useTranslation();
  const objections = useQuery(objectionsQuery(tenant, roundId));
  const [openId, setOpenId] = useState<string | null>(null);
  const items = objections.data?.items ?? [];
  // The drawer shows the list's current copy, so a save's refetch updates it in place.
  const selected = items.find((o) => o.id === openId) ?? null;
  const waiting = items.filter((o) => isOpen(o.status)).length;
  return (
    <Card title={t("notice.objections.title", { open: waiting, total: items.length })} data-testid="objections">
      {objections.isError ? (
        <QueryErrorResult error={objections.error} onRetry={() => void objections.refetch()} />
      ) : (
        <Table<Objection>
          size="small"
          rowKey="id"
          loading={objections.isPending}
          pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          scroll={{ x: "max-content" }}
          dataSource={items}
          locale={{ emptyText: <Empty description={t("notice.objections.empty")} /> }}
          onRow={(o) => ({ "data-testid": "objection-row", "data-reference": o.reference }) as object}
          columns={[
            {
              key: "reference",
              title: t("notice.objections.reference"),
              render: (_, o) => (
                <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpenId(o.id)}>
                  {o.reference}
                </Button>
              ),
            },
            { key: "unit", title: t("notice.unit"), dataIndex: "unitName" },
            { key: "lodged", title: t("notice.objections.lodgedAt"), render: (_, o) => beijingTime(o.lodgedAt) },
            {
              key: "status",
              title: t("notice.objections.status"),
              render: (_, o) => <ObjectionStatusTag status={o.status} />,
            },
            {
              key: "assignee",
              title: t("notice.objections.assignee"),
              render: (_, o) => o.assignee?.name ?? t("notice.objections.unassigned"),
            },
            {
              key: "action",
              title: t("common.actions"),
              render: (_, o) => (
                <Button size="small" onClick={() => setOpenId(o.id)} data-testid="objection-open">
                  {canHandle && isOpen(o.status) ? t("notice.objections.handle") : t("common.view")}
                </Button>
              ),
            },
          ]}
        />
      )}
      <ObjectionDrawer
        tenant={tenant}
        roundId={roundId}
        objection={selected}
        canHandle={canHandle}
        admin={admin}
        onClose={() => setOpenId(null)}
      />
    </Card>
  );
}
