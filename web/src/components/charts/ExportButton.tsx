import { App, Button } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type ExportColumn, exportXlsx } from "./export-xlsx.ts";

interface Props<T> {
  fileName: string;
  columns: ExportColumn<T>[];
  rows: T[];
}

/** Downloads the table it sits next to as XLSX. */
export function ExportButton<T>({ fileName, columns, rows }: Props<T>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await exportXlsx(fileName, columns, rows);
    } catch {
      void message.error(t("stats.exportFailed"));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      size="small"
      loading={busy}
      disabled={rows.length === 0}
      onClick={() => void run()}
      data-testid="export-xlsx"
    >
      {t("stats.export")}
    </Button>
  );
}
