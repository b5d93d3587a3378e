import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { App, Button, Card } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../api/errors.ts";
import type { RecordSearch } from "../api/record-search.ts";
import { deleteRecord, recordListQuery, recordsKey, type UnitRecord } from "../api/records.ts";
import { QueryErrorResult } from "../components/QueryErrorResult.tsx";
import { RecordFilterBar } from "../components/records/RecordFilterBar.tsx";
import { RecordFormModal } from "../components/records/RecordFormModal.tsx";
import { RecordTable } from "../components/records/RecordTable.tsx";
import { usePublishedMeasures } from "../components/records/use-published-measures.ts";
import { UnitFrame } from "../components/UnitFrame.tsx";
import { useUnitAccess } from "./use-unit-access.ts";

const route = getRouteApi("/_app/t/$tenant/units/$id/records");

/** A unit's records (台账): filter, and for its staff add, edit, delete. */
export function RecordsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { tenant, id: unitId } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const queryClient = useQueryClient();
  const { ownUnit, readOnly } = useUnitAccess(unitId);
  const { measures } = usePublishedMeasures(tenant, unitId);
  // undefined: closed; null: a new record; a record: editing it.
  const [editing, setEditing] = useState<UnitRecord | null | undefined>(undefined);
  const filters = { kind: search.kind, from: search.from, to: search.to, measureKey: search.measure };
  const list = useQuery({
    ...recordListQuery(tenant, unitId, filters, search.page ?? 1),
    placeholderData: keepPreviousData,
  });

  const update = (patch: Partial<RecordSearch>) =>
    void navigate({ search: (previous) => ({ ...previous, page: undefined, ...patch }) });
  const remove = async (record: UnitRecord) => {
    try {
      await deleteRecord(tenant, record);
      void message.success(t("records.deleted"));
    } catch (error) {
      void message.error(errorText(error, i18n.language));
    }
    await queryClient.invalidateQueries({ queryKey: recordsKey(tenant, unitId) });
  };

  return (
    <UnitFrame tenant={tenant} unitId={unitId} active="records" ownUnit={ownUnit}>
      <Card
        title={t("records.pageTitle")}
        extra={
          readOnly ? null : (
            <Button type="primary" onClick={() => setEditing(null)} data-testid="record-new">
              {t("records.new")}
            </Button>
          )
        }
      >
        <RecordFilterBar search={search} measures={measures} onChange={update} />
        {list.isError && !list.data ? (
          <QueryErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <RecordTable
            tenant={tenant}
            data={list.data}
            loading={list.isFetching}
            measures={measures}
            readOnly={readOnly}
            filtered={Boolean(search.kind || search.from || search.to || search.measure)}
            onPage={(page) => update({ page: page > 1 ? page : undefined })}
            onEdit={setEditing}
            onDelete={remove}
          />
        )}
      </Card>
      {editing !== undefined ? (
        <RecordFormModal
          tenant={tenant}
          unitId={unitId}
          record={editing}
          measures={measures}
          onClose={() => setEditing(undefined)}
        />
      ) : null}
    </UnitFrame>
  );
}
