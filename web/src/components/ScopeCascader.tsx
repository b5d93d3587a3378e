import { useTranslation } from "react-i18next";
import { fetchJurisdictions } from "../api/jurisdictions.ts";
import { LazyCascader } from "./LazyCascader.tsx";

interface Props {
  tenant: string;
  /** The chosen node's id. */
  value?: string | undefined;
  onChange?: (id: string | undefined) => void;
  /** Shown before anything is chosen, e.g. the person's current scope. */
  placeholder?: string | undefined;
  testId: string;
}

/** Picks any node of the tenant's jurisdiction tree. */
export function ScopeCascader({ tenant, value, onChange, placeholder, testId }: Props) {
  const { t } = useTranslation();
  const load = async (parent?: string) =>
    (await fetchJurisdictions(tenant, parent)).items.map((node) => ({
      value: node.id,
      label: node.name,
      isLeaf: node.level === "county",
    }));
  return (
    <LazyCascader
      load={load}
      source={tenant}
      value={value}
      onChange={onChange}
      placeholder={placeholder ?? t("scope.placeholder")}
      testId={testId}
    />
  );
}
