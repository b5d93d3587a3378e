import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { Button, Card, Select, Space } from "antd";
import { useTranslation } from "react-i18next";
import { auditQuery } from "../api/audit.ts";
import type { AuditSearch } from "../api/audit-search.ts";
import { AuditTable } from "../components/history/AuditTable.tsx";
import { ACTION_CODES, actionLabel, TARGET_CODES, targetLabel } from "../components/history/audit-labels.ts";
import { QueryErrorResult } from "../components/QueryErrorResult.tsx";
import { AdminOnly } from "./AdminOnly.tsx";

const route = getRouteApi("/_app/t/$tenant/history");

/** `/t/$tenant/history`: who did what in this office, filtered and paged through the URL. */
export function HistoryPage() {
  return (
    <AdminOnly>
      <History />
    </AdminOnly>
  );
}

function History() {
  const { t } = useTranslation();
  const { tenant } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const events = useQuery({ ...auditQuery(tenant, search), placeholderData: keepPreviousData });
  const update = (patch: Partial<AuditSearch>) =>
    void navigate({ search: (previous) => ({ ...previous, page: undefined, ...patch }) });
  const filtered = Boolean(search.action || search.targetType);

  return (
    <Card title={t("audit.title")}>
      <Space wrap size={[12, 12]} style={{ marginBottom: 16 }}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          placeholder={t("audit.filterAction")}
          style={{ width: 200 }}
          options={ACTION_CODES.map((code) => ({ value: code, label: actionLabel(t, code) }))}
          value={search.action}
          onChange={(action: string | undefined) => update({ action })}
          data-testid="audit-action"
        />
        <Select
          allowClear
          placeholder={t("audit.filterTarget")}
          style={{ width: 160 }}
          options={TARGET_CODES.map((code) => ({ value: code, label: targetLabel(t, code) }))}
          value={search.targetType}
          onChange={(targetType: string | undefined) => update({ targetType })}
        />
        <Button onClick={() => void navigate({ search: {} })} disabled={!filtered}>
          {t("units.reset")}
        </Button>
      </Space>
      {events.isError && !events.data ? (
        <QueryErrorResult error={events.error} onRetry={() => void events.refetch()} />
      ) : (
        <AuditTable
          data={events.data}
          loading={events.isFetching}
          filtered={filtered}
          onPage={(page) => update({ page: page > 1 ? page : undefined })}
        />
      )}
    </Card>
  );
}
