import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { Button, Card, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { unitFiltersQuery, unitListQuery } from "../api/queries.ts";
import { todoQuery } from "../api/todo.ts";
import type { UnitSearch } from "../api/unit-search.ts";
import { QueryErrorResult } from "../components/QueryErrorResult.tsx";
import { UnitFilterBar } from "../components/UnitFilterBar.tsx";
import { UnitTable } from "../components/UnitTable.tsx";
import { UnitBulkImport } from "../components/units/UnitBulkImport.tsx";

const route = getRouteApi("/_app/t/$tenant/");

interface Props {
  tenant: string;
  scope: { code: string; name: string } | null;
  /** Reviewers and tenant admins may create units from a spreadsheet; department accounts only read. */
  canImport: boolean;
}

/** Reviewers' and admins' home: the units in their scope, filtered and paged through the URL. */
export function UnitsBrowser({ tenant, scope, canImport }: Props) {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const filters = useQuery(unitFiltersQuery(tenant));
  // Keep the last page on screen while the next one loads, so paging does not flash empty.
  const list = useQuery({ ...unitListQuery(tenant, search), placeholderData: keepPreviousData });
  const [importing, setImporting] = useState(false);
  // The home's to-do card loads these counts anyway: the 待审核 button shares its query, no request of its own;
  // the roles that import units are the ones that approve them.
  const todo = useQuery({ ...todoQuery(tenant), enabled: canImport });
  const pendingCount =
    canImport && todo.data ? (todo.data.outsideRounds.find((i) => i.kind === "units_pending")?.count ?? 0) : undefined;

  const update = (patch: Partial<UnitSearch>) => {
    void navigate({
      // A changed filter starts again at page 1; only an explicit page keeps its number.
      search: (previous) => ({ ...previous, page: undefined, ...patch }),
    });
  };
  const filtered = Boolean(search.city || search.sector || search.kind || search.status || search.q);

  return (
    <Card
      title={t("units.title")}
      extra={
        <Space>
          {scope ? <Typography.Text type="secondary">{t("units.scope", { name: scope.name })}</Typography.Text> : null}
          {canImport && scope ? (
            <Button onClick={() => setImporting(true)} data-testid="bulk-units">
              {t("units.bulkUnits")}
            </Button>
          ) : null}
        </Space>
      }
    >
      <UnitFilterBar
        search={search}
        options={filters.data}
        loading={filters.isPending}
        onChange={update}
        onReset={() => void navigate({ search: {} })}
        pendingCount={pendingCount}
      />
      {list.isError && !list.data ? (
        <QueryErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <UnitTable
          tenant={tenant}
          search={search}
          data={list.data}
          loading={list.isFetching}
          filtered={filtered}
          onPage={(page) => update({ page: page > 1 ? page : undefined })}
        />
      )}
      {scope ? (
        <UnitBulkImport
          tenant={tenant}
          scopeCode={scope.code}
          options={filters.data}
          open={importing}
          onClose={() => setImporting(false)}
        />
      ) : null}
    </Card>
  );
}
