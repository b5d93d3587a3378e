import { useTranslation } from "react-i18next";
import { bulkCreatePeople, peopleKey } from "../../api/people.ts";
import { BulkImportModal } from "../bulk/BulkImportModal.tsx";
import { PEOPLE_SHEET, PEOPLE_TEMPLATE } from "./people-sheet.ts";

/** Accounts from a spreadsheet; each created row comes back with its one-time activation link. */
export function PeopleBulkImport({ tenant, open, onClose }: { tenant: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <BulkImportModal
      open={open}
      onClose={onClose}
      spec={{
        title: t("bulk.people.title"),
        intro: t("bulk.people.intro"),
        template: { rows: PEOPLE_TEMPLATE, fileName: "people-template.csv" },
        sheet: PEOPLE_SHEET,
        submit: (rows, dryRun) => bulkCreatePeople(tenant, rows, dryRun),
        invalidate: peopleKey(tenant),
        subject: { title: t("people.email"), render: (line) => line.email },
        confirm: (count) => t("bulk.people.confirm", { count }),
        doneSummary: (created, refused) => t("bulk.people.doneSummary", { created, refused }),
        doneHint: t("link.hint"),
      }}
    />
  );
}
