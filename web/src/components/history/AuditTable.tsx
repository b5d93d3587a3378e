import { type TableColumnsType, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { AuditEvent, AuditPage } from "../../api/audit.ts";
import { beijingTime } from "../../format/time.ts";
import { PagedTable } from "../PagedTable.tsx";
import { actionLabel, actorRoleLabel, targetText } from "./audit-labels.ts";

interface Props {
  data: AuditPage | undefined;
  loading: boolean;
  filtered: boolean;
  onPage: (page: number) => void;
}

/** The office's audit log, newest first, times in Beijing time. */
export function AuditTable({ data, loading, filtered, onPage }: Props) {
  const { t } = useTranslation();
  const none = t("common.none");
  const columns: TableColumnsType<AuditEvent> = [
    { title: t("audit.time"), key: "time", width: 150, render: (_, e) => beijingTime(e.createdAt) },
    {
      title: t("audit.actor"),
      key: "actor",
      render: (_, e) =>
        e.actor ? (
          <>
            <div>{e.actor.displayName}</div>
            <Typography.Text type="secondary">{actorRoleLabel(t, e.actorRole)}</Typography.Text>
          </>
        ) : (
          <Typography.Text type="secondary">{t("audit.system")}</Typography.Text>
        ),
    },
    {
      title: t("audit.action"),
      key: "action",
      render: (_, e) => actionLabel(t, e.action),
    },
    {
      title: t("audit.target"),
      key: "target",
      render: (_, e) => <span data-testid="audit-target">{targetText(t, e)}</span>,
    },
    { title: t("audit.reason"), key: "reason", render: (_, e) => e.reason ?? none },
  ];
  return (
    <PagedTable<AuditEvent>
      columns={columns}
      data={data}
      loading={loading}
      empty={filtered ? t("audit.emptyFiltered") : t("audit.empty")}
      totalLabel={(total) => t("audit.total", { count: total })}
      onPage={onPage}
      scrollX={800}
      testId="audit-table"
    />
  );
}
