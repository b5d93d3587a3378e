import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { Card, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { unitFiltersQuery, unitListQuery } from "../api/queries.ts";
import type { UnitSearch } from "../api/unit-search.ts";
import { QueryErrorResult } from "../components/QueryErrorResult.tsx";
import { UnitFilterBar } from "../components/UnitFilterBar.tsx";
import { UnitTable } from "../components/UnitTable.tsx";

const route = getRouteApi("/_app/t/$tenant/");

/** Reviewers' and admins' home: the units in their scope, filtered and paged through the URL. */
export function UnitsBrowser({ tenant, scopeName }: { tenant: string; scopeName: string | undefined }) {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const filters = useQuery(unitFiltersQuery(tenant));
  // Keep the last page on screen while the next one loads, so paging does not flash empty.
  const list = useQuery({ ...unitListQuery(tenant, search), placeholderData: keepPreviousData });

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
        scopeName ? <Typography.Text type="secondary">{t("units.scope", { name: scopeName })}</Typography.Text> : null
      }
    >
      <UnitFilterBar
        search={search}
        options={filters.data}
        loading={filters.isPending}
        onChange={update}
        onReset={() => void navigate({ search: {} })}
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
    </Card>
  );
}
