import { App, Button, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../../api/errors.ts";
import { type ExportColumn, exportTable } from "./export-table.ts";

interface Props<T> {
  /** The file name without its extension. */
  baseName: string;
  /** One definition for the table on screen and both exports (Chinese headers when the UI is Chinese). */
  columns: ExportColumn<T>[];
  /** The rows on hand, or a loader for every row (e.g. all pages of a server-paged table). */
  rows: T[] | (() => Promise<T[]>);
  disabled?: boolean;
  testId: string;
}

/** Two buttons beside a table: download it as XLSX, or as UTF-8 CSV with a BOM. */
export function TableExport<T>({ baseName, columns, rows, disabled = false, testId }: Props<T>) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<"xlsx" | "csv" | null>(null);
  const run = async (format: "xlsx" | "csv") => {
    setBusy(format);
    try {
      const all = typeof rows === "function" ? await rows() : rows;
      await exportTable(format, baseName, columns, all);
    } catch (error) {
      void message.error(`${t("stats.exportFailed")}：${errorText(error, i18n.language)}`);
    } finally {
      setBusy(null);
    }
  };
  const empty = Array.isArray(rows) && rows.length === 0;
  return (
    <Space.Compact size="small">
      <Button
        size="small"
        loading={busy === "xlsx"}
        disabled={disabled || empty || busy !== null}
        onClick={() => void run("xlsx")}
        data-testid={`${testId}-xlsx`}
      >
        {t("ranking.export.xlsx")}
      </Button>
      <Button
        size="small"
        loading={busy === "csv"}
        disabled={disabled || empty || busy !== null}
        onClick={() => void run("csv")}
        data-testid={`${testId}-csv`}
      >
        {t("ranking.export.csv")}
      </Button>
    </Space.Compact>
  );
}
