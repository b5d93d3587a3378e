import { Button, Input, Select } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { UnitFilterOptions } from "../api/queries.ts";
import { UNIT_STATUSES, type UnitSearch } from "../api/unit-search.ts";
import { usePhone } from "./responsive.ts";

type FilterKey = "city" | "sector" | "kind" | "status" | "q";

interface Props {
  search: UnitSearch;
  options: UnitFilterOptions | undefined;
  loading: boolean;
  onChange: (patch: Partial<Pick<UnitSearch, FilterKey>>) => void;
  onReset: () => void;
  /** Units in scope pending approval, when the caller approves units (from the to-do counts already loaded). */
  pendingCount?: number;
}

const SELECT_WIDTH = 160;
/** On a phone two filters share a line and the search box takes a line of its own. */
const HALF = "calc(50% - 6px)";

/** Filters of the unit list; the URL holds their values, this only edits them. */
export function UnitFilterBar({ search, options, loading, onChange, onReset, pendingCount }: Props) {
  const { t } = useTranslation();
  const phone = usePhone();
  const selectWidth = phone ? HALF : SELECT_WIDTH;
  // The search box edits locally and commits on Enter, so typing does not spam the URL or the API.
  const [q, setQ] = useState(search.q ?? "");
  useEffect(() => setQ(search.q ?? ""), [search.q]);

  const toOptions = (items: { id: string; name: string }[] | undefined) =>
    (items ?? []).map((item) => ({ value: item.id, label: item.name }));
  const filtered = Boolean(search.city || search.sector || search.kind || search.status || search.q);

  return (
    <div
      style={{ display: "flex", flexWrap: "wrap", alignItems: "center", gap: 12, marginBottom: 16 }}
      data-testid="unit-filters"
    >
      <Select
        allowClear
        showSearch={{ optionFilterProp: "label" }}
        placeholder={t("units.filterCity")}
        style={{ width: selectWidth }}
        loading={loading}
        options={toOptions(options?.cities)}
        value={search.city}
        onChange={(city: string | undefined) => onChange({ city })}
        data-testid="filter-city"
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: "label" }}
        placeholder={t("units.filterSector")}
        style={{ width: selectWidth }}
        loading={loading}
        options={toOptions(options?.sectors)}
        value={search.sector}
        onChange={(sector: string | undefined) => onChange({ sector })}
        data-testid="filter-sector"
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: "label" }}
        placeholder={t("units.filterKind")}
        style={{ width: selectWidth }}
        loading={loading}
        options={toOptions(options?.kinds)}
        value={search.kind}
        onChange={(kind: string | undefined) => onChange({ kind })}
        data-testid="filter-kind"
      />
      <Select
        allowClear
        placeholder={t("units.filterStatus")}
        style={{ width: phone ? HALF : 120 }}
        options={UNIT_STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) }))}
        value={search.status}
        onChange={(status: UnitSearch["status"]) => onChange({ status })}
        data-testid="filter-status"
      />
      <Input.Search
        allowClear
        placeholder={t("units.search")}
        style={{ width: phone ? "100%" : 240 }}
        value={q}
        maxLength={100}
        onChange={(event) => setQ(event.target.value)}
        onSearch={(value) => onChange({ q: value.trim() || undefined })}
        data-testid="filter-q"
      />
      <Button
        type={search.status === "pending" ? "primary" : "default"}
        onClick={() => onChange({ status: search.status === "pending" ? undefined : "pending" })}
        data-testid="preset-pending"
      >
        {pendingCount === undefined ? t("units.presetPending") : t("todo.presetPending", { count: pendingCount })}
      </Button>
      <Button onClick={onReset} disabled={!filtered}>
        {t("units.reset")}
      </Button>
    </div>
  );
}
