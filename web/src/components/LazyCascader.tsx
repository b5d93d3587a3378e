import { Cascader } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

export interface LazyOption {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: LazyOption[];
}

interface Props {
  /** The options under `parent`, or the top level without one. */
  load: (parent?: string) => Promise<LazyOption[]>;
  /** Reloads the top level when it changes (the tenant, the office). */
  source: string;
  /** The chosen node; only its clearing matters here (a reset form clears the displayed path). */
  value?: string | undefined;
  onChange?: (value: string | undefined) => void;
  placeholder: string;
  searchable?: boolean;
  testId: string;
}

/**
 * A tree picker that loads each level only when it is opened and may stop at any level; a level that
 * fails to load stays empty, a top level that fails says so in the field.
 */
export function LazyCascader({ load, source, value, onChange, placeholder, searchable = false, testId }: Props) {
  const { t } = useTranslation();
  const [options, setOptions] = useState<LazyOption[]>([]);
  const [loading, setLoading] = useState(true);
  const [failed, setFailed] = useState(false);
  const [path, setPath] = useState<string[]>([]);

  // `load` is a new closure on every render; `source` says when the top level really changes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    let live = true;
    setLoading(true);
    load()
      .then((top) => {
        if (live) setOptions(top);
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
  }, [source]);

  useEffect(() => {
    if (value === undefined) setPath([]);
  }, [value]);

  const loadData = async (selected: LazyOption[]) => {
    const target = selected[selected.length - 1];
    if (!target) return;
    try {
      target.children = await load(target.value);
      if (target.children.length === 0) target.isLeaf = true;
    } catch {
      target.children = [];
    }
    setOptions((current) => [...current]);
  };

  return (
    <Cascader<LazyOption>
      options={options}
      loadData={(selected) => void loadData(selected)}
      changeOnSelect
      showSearch={searchable ? { filter: (input, p) => p.some((o) => o.label.includes(input)) } : false}
      loading={loading}
      status={failed ? "error" : undefined}
      placeholder={failed ? t("scope.loadFailed") : placeholder}
      value={path.length > 0 ? path : undefined}
      onChange={(next) => {
        const values = (next ?? []).map(String);
        setPath(values);
        onChange?.(values[values.length - 1]);
      }}
      style={{ width: "100%" }}
      data-testid={testId}
    />
  );
}
