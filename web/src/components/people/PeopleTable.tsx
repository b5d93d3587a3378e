import { Button, Space, type TableColumnsType, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { PeoplePage, Person } from "../../api/people.ts";
import { beijingTime } from "../../format/time.ts";
import { PagedTable } from "../PagedTable.tsx";
import { roleLabel } from "../role-label.ts";
import { PersonStatus } from "./PersonStatus.tsx";

export type PersonAction = "edit" | "deactivate" | "reactivate" | "link";

interface Props {
  data: PeoplePage | undefined;
  loading: boolean;
  filtered: boolean;
  onPage: (page: number) => void;
  onAction: (action: PersonAction, person: Person) => void;
}

export function PeopleTable({ data, loading, filtered, onPage, onAction }: Props) {
  const { t } = useTranslation();
  const none = t("common.none");
  const columns: TableColumnsType<Person> = [
    {
      title: t("people.colName"),
      key: "name",
      render: (_, p) => (
        <>
          <div>{p.displayName}</div>
          <Typography.Text type="secondary">{p.email ?? t("people.noEmail")}</Typography.Text>
        </>
      ),
    },
    { title: t("people.colRole"), key: "role", render: (_, p) => roleLabel(t, p.role) },
    {
      title: t("people.colScope"),
      key: "scope",
      render: (_, p) => p.unit?.name ?? p.jurisdiction?.name ?? none,
    },
    { title: t("people.colDepartment"), key: "department", render: (_, p) => p.department ?? none },
    { title: t("people.colStatus"), key: "status", render: (_, p) => <PersonStatus person={p} /> },
    { title: t("people.colCreated"), key: "createdAt", render: (_, p) => beijingTime(p.createdAt) },
    {
      title: t("common.actions"),
      key: "actions",
      // Unit staff belong to their unit's registration, not to this screen.
      render: (_, p) =>
        p.role === "unit_staff" ? null : (
          <Space size={4} wrap>
            <Button size="small" type="link" onClick={() => onAction("edit", p)}>
              {t("people.edit")}
            </Button>
            <Button size="small" type="link" onClick={() => onAction("link", p)}>
              {p.activated ? t("people.resetLink") : t("people.newLink")}
            </Button>
            {p.status === "active" ? (
              <Button size="small" type="link" danger onClick={() => onAction("deactivate", p)}>
                {t("people.deactivate")}
              </Button>
            ) : (
              <Button size="small" type="link" onClick={() => onAction("reactivate", p)}>
                {t("people.reactivate")}
              </Button>
            )}
          </Space>
        ),
    },
  ];

  return (
    <PagedTable<Person>
      columns={columns}
      data={data}
      loading={loading}
      empty={filtered ? t("people.emptyFiltered") : t("people.empty")}
      totalLabel={(total) => t("people.total", { count: total })}
      onPage={onPage}
      scrollX={1000}
      testId="people-table"
    />
  );
}
