import { Cascader } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { fetchDivisions } from "../../api/admin.ts";

interface Option {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: Option[];
}

interface Props {
  /** The chosen 6-digit division code: a province, or one of its cities. */
  value?: string | undefined;
  onChange?: (code: string | undefined) => void;
}

/** A tenant's root: a province, or a single city under it (cities load when a province opens). */
export function DivisionCascader({ value, onChange }: Props) {
  const { t } = useTranslation();
  const [options, setOptions] = useState<Option[]>([]);
  const [loading, setLoading] = useState(true);
  const [failed, setFailed] = useState(false);
  const [path, setPath] = useState<string[]>([]);

  useEffect(() => {
    let live = true;
    fetchDivisions()
      .then((provinces) => {
        if (live) setOptions(provinces.items.map((p) => ({ value: p.code, label: p.name, isLeaf: false })));
      })
      .catch(() => {
        if (live) setFailed(true);
      })
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (value === undefined) setPath([]);
  }, [value]);

  const loadData = async (selected: Option[]) => {
    const province = selected[selected.length - 1];
    if (!province) return;
    try {
      const cities = await fetchDivisions(province.value);
      province.children = cities.items.map((c) => ({ value: c.code, label: c.name, isLeaf: true }));
      if (cities.items.length === 0) province.isLeaf = true;
    } catch {
      province.children = [];
    }
    setOptions((current) => [...current]);
  };

  return (
    <Cascader<Option>
      options={options}
      loadData={loadData}
      changeOnSelect
      showSearch={{ filter: (input, path) => path.some((o) => o.label.includes(input)) }}
      loading={loading}
      status={failed ? "error" : undefined}
      placeholder={failed ? t("scope.loadFailed") : t("platform.rootPlaceholder")}
      value={path.length > 0 ? path : undefined}
      onChange={(next) => {
        const codes = (next ?? []).map(String);
        setPath(codes);
        onChange?.(codes[codes.length - 1]);
      }}
      style={{ width: "100%" }}
      data-testid="tenant-root"
    />
  );
}
