import { Button, Select } from "antd";
import { useTranslation } from "react-i18next";
import type { UnitFilterOptions } from "../../api/queries.ts";
import type { CutOff } from "../../api/ranking.ts";
import { usePhone } from "../responsive.ts";
import type { RankingSearch } from "./ranking-search.ts";

type FilterKey = "city" | "sector" | "kind" | "pool" | "status";

/** Statuses an application can have once it is in the ranking's reach (submitted or later). */
export const RANKING_STATUSES = [
  "submitted",
  "city_returned",
  "city_recommended",
  "city_not_recommended",
  "province_scored",
  "vetoed",
  "on_notice",
  "awarded",
  "not_awarded",
] as const;

interface Props {
  search: RankingSearch;
  options: UnitFilterOptions | undefined;
  pools: CutOff[];
  loading: boolean;
  /** A city reader sees only their city: no city filter. */
  showCity: boolean;
  onChange: (patch: Partial<Pick<RankingSearch, FilterKey>>) => void;
  onReset: () => void;
}

const WIDTH = 150;
const HALF = "calc(50% - 6px)";

/** The ranking's filters; the URL holds their values, this only edits them. */
export function RankingFilterBar({ search, options, pools, loading, showCity, onChange, onReset }: Props) {
  const { t } = useTranslation();
  const phone = usePhone();
  const width = phone ? HALF : WIDTH;
  const toOptions = (items: { id: string; name: string }[] | undefined) =>
    (items ?? []).map((item) => ({ value: item.id, label: item.name }));
  const filtered = Boolean(search.city || search.sector || search.kind || search.pool || search.status);
  return (
    <div
      style={{ display: "flex", flexWrap: "wrap", alignItems: "center", gap: 12, marginBottom: 12 }}
      data-testid="ranking-filters"
    >
      {showCity ? (
        <Select
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          placeholder={t("ranking.filter.city")}
          style={{ width }}
          loading={loading}
          options={toOptions(options?.cities)}
          value={search.city}
          onChange={(city: string | undefined) => onChange({ city })}
          data-testid="ranking-filter-city"
        />
      ) : null}
      <Select
        allowClear
        showSearch={{ optionFilterProp: "label" }}
        placeholder={t("ranking.filter.sector")}
        style={{ width }}
        loading={loading}
        options={toOptions(options?.sectors)}
        value={search.sector}
        onChange={(sector: string | undefined) => onChange({ sector })}
        data-testid="ranking-filter-sector"
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: "label" }}
        placeholder={t("ranking.filter.kind")}
        style={{ width }}
        loading={loading}
        options={toOptions(options?.kinds)}
        value={search.kind}
        onChange={(kind: string | undefined) => onChange({ kind })}
        data-testid="ranking-filter-kind"
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: "label" }}
        placeholder={t("ranking.filter.pool")}
        style={{ width }}
        options={pools.map((p) => ({ value: p.pool, label: p.name }))}
        value={search.pool}
        onChange={(pool: string | undefined) => onChange({ pool })}
        data-testid="ranking-filter-pool"
      />
      <Select
        allowClear
        placeholder={t("ranking.filter.status")}
        style={{ width }}
        options={RANKING_STATUSES.map((s) => ({ value: s, label: t(`appStatus.${s}`) }))}
        value={search.status}
        onChange={(status: string | undefined) => onChange({ status })}
        data-testid="ranking-filter-status"
      />
      {filtered ? (
        <Button type="link" onClick={onReset} data-testid="ranking-filter-reset">
          {t("ranking.filter.reset")}
        </Button>
      ) : null}
    </div>
  );
}
