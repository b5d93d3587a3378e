import { Link } from "@tanstack/react-router";
import type { TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import type { UnitPage, UnitSummary } from "../api/queries.ts";
import type { UnitSearch } from "../api/unit-search.ts";
import { PagedTable } from "./PagedTable.tsx";
import { StatusTag } from "./StatusTag.tsx";

interface Props {
  tenant: string;
  /** The list's filters and page, handed to the detail page so its back link returns to them. */
  search: UnitSearch;
  data: UnitPage | undefined;
  loading: boolean;
  filtered: boolean;
  onPage: (page: number) => void;
}

export function UnitTable({ tenant, search, data, loading, filtered, onPage }: Props) {
  const { t } = useTranslation();
  const none = t("common.none");
  const columns: TableColumnsType<UnitSummary> = [
    {
      title: t("units.colName"),
      dataIndex: "name",
      render: (_, unit) => (
        <Link to="/t/$tenant/units/$id" params={{ tenant, id: unit.id }} state={{ unitListSearch: search }}>
          {unit.name}
        </Link>
      ),
    },
    { title: t("units.colCity"), key: "city", render: (_, unit) => unit.city?.name ?? none },
    { title: t("units.colJurisdiction"), key: "jurisdiction", render: (_, unit) => unit.jurisdiction.name },
    { title: t("units.colSector"), key: "sector", render: (_, unit) => unit.sector?.name ?? none },
    { title: t("units.colKind"), key: "kind", render: (_, unit) => unit.kind?.name ?? none },
    { title: t("units.colStatus"), key: "status", width: 110, render: (_, unit) => <StatusTag status={unit.status} /> },
  ];

  return (
    <PagedTable<UnitSummary>
      columns={columns}
      data={data}
      loading={loading}
      empty={
        <>
          <div>{t("units.empty")}</div>
          <div>{filtered ? t("units.emptyHint") : t("units.emptyScope")}</div>
        </>
      }
      totalLabel={(total) => t("units.total", { count: total })}
      onPage={onPage}
      scrollX={860}
      testId="unit-table"
    />
  );
}
