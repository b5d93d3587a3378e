import { DatePicker, Select, Space } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import type { RecordSearch } from "../../api/record-search.ts";
import { RECORD_KINDS } from "../../api/records.ts";
import { measureOptions } from "./record-labels.ts";
import type { MeasureChoice } from "./use-published-measures.ts";

interface Props {
  search: RecordSearch;
  measures: MeasureChoice[];
  onChange: (patch: Partial<RecordSearch>) => void;
}

/** Kind, date range and measure; the URL holds them. */
export function RecordFilterBar({ search, measures, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <Space wrap size={[12, 12]} style={{ marginBottom: 16 }}>
      <Select
        allowClear
        placeholder={t("records.kind")}
        style={{ width: 140 }}
        value={search.kind}
        options={RECORD_KINDS.map((k) => ({ value: k, label: t(`recordKind.${k}`) }))}
        onChange={(kind: RecordSearch["kind"]) => onChange({ kind })}
        data-testid="record-filter-kind"
      />
      <DatePicker.RangePicker
        value={[search.from ? dayjs(search.from) : null, search.to ? dayjs(search.to) : null]}
        allowEmpty={[true, true]}
        onChange={(range) =>
          onChange({
            from: range?.[0]?.format("YYYY-MM-DD") ?? undefined,
            to: range?.[1]?.format("YYYY-MM-DD") ?? undefined,
          })
        }
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: "label" }}
        placeholder={t("records.measure")}
        style={{ width: 260 }}
        value={search.measure}
        options={measureOptions(measures)}
        onChange={(measure: string | undefined) => onChange({ measure })}
      />
    </Space>
  );
}
