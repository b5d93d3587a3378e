import { App, Button, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type CriteriaSystem, exportCriteria } from "../../api/criteria.ts";
import { errorText } from "../../api/errors.ts";
import { saveBlob } from "../save-blob.ts";

/** JSON and XLSX downloads through the typed client, saved as blobs. */
export function ExportButtons({ tenant, system }: { tenant: string; system: CriteriaSystem }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<"json" | "xlsx" | null>(null);
  const download = async (format: "json" | "xlsx") => {
    setBusy(format);
    try {
      saveBlob(await exportCriteria(tenant, system.id, format), `${system.name}.${format}`);
    } catch (error) {
      void message.error(errorText(error, i18n.language));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space>
      <Button loading={busy === "json"} onClick={() => void download("json")} data-testid="criteria-export-json">
        {t("criteria.exportJson")}
      </Button>
      <Button loading={busy === "xlsx"} onClick={() => void download("xlsx")} data-testid="criteria-export-xlsx">
        {t("criteria.exportXlsx")}
      </Button>
    </Space>
  );
}
