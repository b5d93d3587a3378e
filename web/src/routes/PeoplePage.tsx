import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { Button, Card, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type Person, peopleKey, peopleQuery, setPersonActive } from "../api/people.ts";
import type { PeopleSearch } from "../api/people-search.ts";
import { CreatePersonModal } from "../components/people/CreatePersonModal.tsx";
import { currentPerson } from "../components/people/current-person.ts";
import { EditPersonModal } from "../components/people/EditPersonModal.tsx";
import { PeopleBulkImport } from "../components/people/PeopleBulkImport.tsx";
import { PeopleFilterBar } from "../components/people/PeopleFilterBar.tsx";
import { PeopleTable, type PersonAction } from "../components/people/PeopleTable.tsx";
import { PersonLinkModal } from "../components/people/PersonLinkModal.tsx";
import { QueryErrorResult } from "../components/QueryErrorResult.tsx";
import { ReasonModal } from "../components/ReasonModal.tsx";
import { AdminOnly } from "./AdminOnly.tsx";

const route = getRouteApi("/_app/t/$tenant/people");

/** `/t/$tenant/people`: the office's accounts, who may do what, and their one-time links. */
export function PeoplePage() {
  return (
    <AdminOnly>
      <People />
    </AdminOnly>
  );
}

function People() {
  const { t } = useTranslation();
  const { tenant } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const queryClient = useQueryClient();
  const list = useQuery({ ...peopleQuery(tenant, search), placeholderData: keepPreviousData });
  const [dialog, setDialog] = useState<"create" | "bulk" | null>(null);
  const [action, setAction] = useState<{ kind: PersonAction; person: Person } | null>(null);

  const update = (patch: Partial<PeopleSearch>) =>
    void navigate({ search: (previous) => ({ ...previous, page: undefined, ...patch }) });
  const rebase = (person: Person) => setAction((current) => (current ? { ...current, person } : null));
  const closeAction = () => setAction(null);
  const of = (kind: PersonAction) => (action?.kind === kind ? action.person : null);
  const toggling = action?.kind === "deactivate" || action?.kind === "reactivate" ? action : null;

  const toggle = async (reason: string | undefined) => {
    if (!toggling) return;
    try {
      await setPersonActive(tenant, toggling.person, toggling.kind === "reactivate", reason);
    } catch (error) {
      const current = currentPerson(error);
      if (current) rebase(current);
      throw error;
    } finally {
      void queryClient.invalidateQueries({ queryKey: peopleKey(tenant) });
    }
  };

  return (
    <Card
      title={t("people.title")}
      extra={
        <Space>
          <Button onClick={() => setDialog("bulk")} data-testid="bulk-import">
            {t("bulk.open")}
          </Button>
          <Button type="primary" onClick={() => setDialog("create")} data-testid="create-person">
            {t("people.create")}
          </Button>
        </Space>
      }
    >
      <PeopleFilterBar search={search} onChange={update} onReset={() => void navigate({ search: {} })} />
      {list.isError && !list.data ? (
        <QueryErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <PeopleTable
          data={list.data}
          loading={list.isFetching}
          filtered={Boolean(search.q || search.role || search.status)}
          onPage={(page) => update({ page: page > 1 ? page : undefined })}
          onAction={(kind, person) => setAction({ kind, person })}
        />
      )}
      <CreatePersonModal tenant={tenant} open={dialog === "create"} onClose={() => setDialog(null)} />
      <PeopleBulkImport tenant={tenant} open={dialog === "bulk"} onClose={() => setDialog(null)} />
      <EditPersonModal tenant={tenant} person={of("edit")} onRebase={rebase} onClose={closeAction} />
      <PersonLinkModal tenant={tenant} person={of("link")} onRebase={rebase} onClose={closeAction} />
      <ReasonModal
        open={toggling !== null}
        title={
          toggling?.kind === "deactivate"
            ? t("people.deactivateTitle", { name: toggling.person.displayName })
            : t("people.reactivateTitle", { name: toggling?.person.displayName ?? "" })
        }
        description={toggling?.kind === "deactivate" ? t("people.deactivateConfirm") : t("people.reactivateConfirm")}
        okText={toggling?.kind === "deactivate" ? t("people.deactivate") : t("people.reactivate")}
        danger={toggling?.kind === "deactivate"}
        onConfirm={toggle}
        onClose={closeAction}
      />
    </Card>
  );
}
