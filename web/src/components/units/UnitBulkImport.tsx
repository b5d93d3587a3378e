import { useTranslation } from "react-i18next";
import { keys, type UnitFilterOptions } from "../../api/queries.ts";
import { bulkCreateUnits } from "../../api/unit-review.ts";
import { BulkImportModal } from "../bulk/BulkImportModal.tsx";
import { UNIT_SHEET, unitTemplate } from "./unit-sheet.ts";

interface Props {
  tenant: string;
  /** The caller's scope code: the template's example place when no city lies below it. */
  scopeCode: string;
  options: UnitFilterOptions | undefined;
  open: boolean;
  onClose: () => void;
}

/** Units from a spreadsheet, created active under the reviewer's scope (they were vetted off-line). */
export function UnitBulkImport({ tenant, scopeCode, options, open, onClose }: Props) {
  const { t } = useTranslation();
  const template = unitTemplate({
    placeCode: options?.cities[0]?.code ?? scopeCode,
    sectors: options?.sectors.map((s) => s.name) ?? [],
    kinds: options?.kinds.map((k) => k.name) ?? [],
  });
  return (
    <BulkImportModal
      open={open}
      onClose={onClose}
      spec={{
        title: t("bulk.units.title"),
        intro: t("bulk.units.intro"),
        template: { rows: template, fileName: "units-template.csv" },
        sheet: UNIT_SHEET,
        submit: (rows, dryRun) => bulkCreateUnits(tenant, rows, dryRun),
        // New units change lists, counts and rollups alike.
        invalidate: keys.tenant(tenant),
        subject: { title: t("unit.name"), render: (line) => line.name },
        confirm: (count) => t("bulk.units.confirm", { count }),
        doneSummary: (created, refused) => t("bulk.units.doneSummary", { created, refused }),
      }}
    />
  );
}
