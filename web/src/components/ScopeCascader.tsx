import { Cascader } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { fetchJurisdictions, type JurisdictionNode } from "../api/jurisdictions.ts";

interface Option {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: Option[];
}

interface Props {
  tenant: string;
  /** The chosen node's id. */
  value?: string | undefined;
  onChange?: (id: string | undefined) => void;
  /** Shown before the tree has loaded, e.g. the person's current scope. */
  placeholder?: string | undefined;
  testId?: string;
}

const toOption = (node: JurisdictionNode): Option => ({
  value: node.id,
  label: node.name,
  isLeaf: node.level === "county",
});

/** Picks any node of the tenant's jurisdiction tree, loading each level only when it is opened. */
export function ScopeCascader({ tenant, value, onChange, placeholder, testId }: Props) {
  const { t } = useTranslation();
  const [options, setOptions] = useState<Option[]>([]);
  const [loading, setLoading] = useState(true);
  const [failed, setFailed] = useState(false);
  const [path, setPath] = useState<string[]>([]);

  useEffect(() => {
    let live = true;
    fetchJurisdictions(tenant)
      .then((roots) => {
        if (live) setOptions(roots.items.map(toOption));
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
  }, [tenant]);

  // A value set from outside (a reset form) clears the displayed path.
  useEffect(() => {
    if (value === undefined) setPath([]);
  }, [value]);

  const loadData = async (selected: Option[]) => {
    const target = selected[selected.length - 1];
    if (!target) return;
    try {
      const children = await fetchJurisdictions(tenant, target.value);
      target.children = children.items.map(toOption);
      if (children.items.length === 0) target.isLeaf = true;
    } catch {
      target.children = [];
    }
    setOptions((current) => [...current]);
  };

  return (
    <Cascader<Option>
      options={options}
      loadData={loadData}
      changeOnSelect
      loading={loading}
      status={failed ? "error" : undefined}
      placeholder={failed ? t("scope.loadFailed") : (placeholder ?? t("scope.placeholder"))}
      value={path.length > 0 ? path : undefined}
      onChange={(next) => {
        const ids = (next ?? []).map(String);
        setPath(ids);
        onChange?.(ids[ids.length - 1]);
      }}
      style={{ width: "100%" }}
      data-testid={testId}
    />
  );
}
