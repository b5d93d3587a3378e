import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Modal, Space, Typography, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../../api/errors.ts";
import { ActionFooter } from "../ActionFooter.tsx";
import { BulkReportTable } from "./BulkReportTable.tsx";
import type { BulkImportSpec, BulkLine } from "./bulk-spec.ts";
import { csvHref } from "./csv.ts";
import { MAX_IMPORT_ROWS as MAX_ROWS, readSheetFile, SheetFileError } from "./read-sheet-file.ts";
import { type ParsedSheet, rowsFromSheet } from "./sheet.ts";

interface Props<K extends string, Row, Line extends BulkLine> {
  spec: BulkImportSpec<K, Row, Line>;
  open: boolean;
  onClose: () => void;
}

/** Spreadsheet import: read in the browser, checked by a dry run, then created on confirmation. */
export function BulkImportModal<K extends string, Row, Line extends BulkLine>({
  spec,
  open,
  onClose,
}: Props<K, Row, Line>) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [sheet, setSheet] = useState<ParsedSheet<Row> | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const check = useMutation({ mutationFn: (s: ParsedSheet<Row>) => spec.submit(s.rows, true) });
  const commit = useMutation({
    mutationFn: (s: ParsedSheet<Row>) => spec.submit(s.rows, false),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: spec.invalidate }),
  });

  const reset = () => {
    setSheet(null);
    setFileError(null);
    check.reset();
    commit.reset();
  };
  const close = () => {
    reset();
    onClose();
  };

  const pick = async (file: File) => {
    reset();
    try {
      const parsed = rowsFromSheet(await readSheetFile(file), spec.sheet);
      if (parsed.missing.length > 0) setFileError(t("bulk.missingColumns", { columns: parsed.missing.join("、") }));
      else if (parsed.rows.length === 0) setFileError(t("bulk.noRows"));
      else if (parsed.rows.length > MAX_ROWS) setFileError(t("bulk.tooManyRows", { max: MAX_ROWS }));
      else {
        setSheet(parsed);
        check.mutate(parsed);
      }
    } catch (error) {
      const problem = error instanceof SheetFileError ? error.problem : null;
      if (problem?.kind === "too_large") setFileError(t("bulk.fileTooLarge"));
      else if (problem?.kind === "out_of_bounds") {
        const { at, limits } = problem;
        const where = at.row > limits.rows ? "bulk.rowOutOfBounds" : "bulk.columnOutOfBounds";
        setFileError(t(where, { row: at.row, column: at.column, rows: limits.rows, columns: limits.columns }));
      } else setFileError(t("bulk.unreadable"));
    }
  };

  const report = commit.data ?? check.data;
  const valid = check.data ? check.data.rows.filter((r) => r.outcome === "valid").length : 0;
  const failure = commit.error ?? check.error;

  return (
    <Modal
      open={open}
      title={spec.title}
      onCancel={close}
      width={880}
      destroyOnHidden
      footer={
        <ActionFooter
          done={Boolean(commit.data)}
          onClose={close}
          action={{
            label: spec.confirm(valid),
            onClick: () => sheet && commit.mutate(sheet),
            loading: commit.isPending,
            disabled: !sheet || !check.data || valid === 0,
            testId: "bulk-confirm",
          }}
        />
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        {commit.data ? null : (
          <>
            <Typography.Paragraph style={{ margin: 0 }}>
              {spec.intro}{" "}
              <a href={csvHref(spec.template.rows)} download={spec.template.fileName}>
                {t("bulk.template")}
              </a>
            </Typography.Paragraph>
            <Upload.Dragger
              accept=".xlsx,.csv"
              maxCount={1}
              showUploadList={false}
              beforeUpload={(file) => {
                void pick(file);
                return false;
              }}
              disabled={check.isPending || commit.isPending}
              data-testid="bulk-file"
            >
              <p>{t("bulk.drop")}</p>
              <Typography.Text type="secondary">{t("bulk.dropHint", { max: MAX_ROWS })}</Typography.Text>
            </Upload.Dragger>
          </>
        )}
        {fileError ? <Alert type="error" showIcon title={fileError} /> : null}
        {failure ? <Alert type="error" showIcon title={errorText(failure, i18n.language)} /> : null}
        {check.isPending ? <Alert type="info" showIcon title={t("bulk.checking")} /> : null}
        {report && sheet ? (
          <>
            <Alert
              type={report.dryRun ? "info" : "success"}
              showIcon
              title={
                report.dryRun
                  ? t("bulk.dryRunSummary", { valid, refused: report.refused })
                  : spec.doneSummary(report.created, report.refused)
              }
              description={report.dryRun ? undefined : spec.doneHint}
              data-testid="bulk-summary"
            />
            <BulkReportTable lines={report.rows} sheetLines={sheet.sheetLines} subject={spec.subject} />
          </>
        ) : null}
      </Space>
    </Modal>
  );
}
