export interface ExportColumn<T> {
  header: string;
  value: (row: T) => string | number | null;
}

/** One table as an .xlsx download; the writer loads only when someone exports. */
export async function exportXlsx<T>(fileName: string, columns: ExportColumn<T>[], rows: T[]): Promise<void> {
  const { default: writeXlsxFile } = await import("write-excel-file/browser");
  const data = [
    columns.map((c) => ({ value: c.header, fontWeight: "bold" as const })),
    ...rows.map((row) => columns.map((c) => c.value(row))),
  ];
  await writeXlsxFile(data).toFile(fileName);
}
