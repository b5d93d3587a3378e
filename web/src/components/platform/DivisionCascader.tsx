import { useTranslation } from "react-i18next";
import { fetchDivisions } from "../../api/admin.ts";
import { LazyCascader } from "../LazyCascader.tsx";

interface Props {
  /** The chosen 6-digit division code: a province, or one of its cities. */
  value?: string | undefined;
  onChange?: (code: string | undefined) => void;
}

/** A tenant's root: a province, or a single city under it (cities load when a province opens). */
export function DivisionCascader({ value, onChange }: Props) {
  const { t } = useTranslation();
  // Two levels only: provinces, then their cities as leaves.
  const load = async (province?: string) =>
    (await fetchDivisions(province)).items.map((d) => ({ value: d.code, label: d.name, isLeaf: Boolean(province) }));
  return (
    <LazyCascader
      load={load}
      source="divisions"
      value={value}
      onChange={onChange}
      placeholder={t("platform.rootPlaceholder")}
      searchable
      testId="tenant-root"
    />
  );
}
