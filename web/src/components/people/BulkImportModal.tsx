import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Modal, Space, Typography, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../../api/errors.ts";
import { bulkCreatePeople, peopleKey } from "../../api/people.ts";
import { BulkReportTable } from "./BulkReportTable.tsx";
import type { ParsedSheet } from "./bulk-sheet.ts";
import { readPeopleFile } from "./read-people-file.ts";
import { templateHref } from "./template.ts";

const MAX_ROWS = 500;

/** Spreadsheet import: read in the browser, checked by a dry run, then created on confirmation. */
export function BulkImportModal({ tenant, open, onClose }: { tenant: string; open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [sheet, setSheet] = useState<ParsedSheet | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const check = useMutation({ mutationFn: (s: ParsedSheet) => bulkCreatePeople(tenant, s.rows, true) });
  const commit = useMutation({
    mutationFn: (s: ParsedSheet) => bulkCreatePeople(tenant, s.rows, false),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: peopleKey(tenant) }),
  });

  const close = () => {
    setSheet(null);
    setFileError(null);
    check.reset();
    commit.reset();
    onClose();
  };

  const pick = async (file: File) => {
    setSheet(null);
    setFileError(null);
    check.reset();
    commit.reset();
    try {
      const parsed = await readPeopleFile(file);
      if (parsed.missing.length > 0) setFileError(t("bulk.missingColumns", { columns: parsed.missing.join("、") }));
      else if (parsed.rows.length === 0) setFileError(t("bulk.noRows"));
      else if (parsed.rows.length > MAX_ROWS) setFileError(t("bulk.tooManyRows", { max: MAX_ROWS }));
      else {
        setSheet(parsed);
        check.mutate(parsed);
      }
    } catch {
      setFileError(t("bulk.unreadable"));
    }
  };

  const report = commit.data ?? check.data;
  const valid = check.data ? check.data.rows.filter((r) => r.outcome === "valid").length : 0;
  const failure = commit.error ?? check.error;

  return (
    <Modal
      open={open}
      title={t("bulk.title")}
      onCancel={close}
      width={880}
      destroyOnHidden
      footer={
        commit.data ? (
          <Button type="primary" onClick={close}>
            {t("common.done")}
          </Button>
        ) : (
          [
            <Button key="cancel" onClick={close}>
              {t("common.cancel")}
            </Button>,
            <Button
              key="ok"
              type="primary"
              disabled={!sheet || !check.data || valid === 0}
              loading={commit.isPending}
              onClick={() => sheet && commit.mutate(sheet)}
              data-testid="bulk-confirm"
            >
              {t("bulk.confirm", { count: valid })}
            </Button>,
          ]
        )
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        {commit.data ? null : (
          <>
            <Typography.Paragraph style={{ margin: 0 }}>
              {t("bulk.intro")}{" "}
              <a href={templateHref()} download="people-template.csv">
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
              <Typography.Text type="secondary">{t("bulk.dropHint")}</Typography.Text>
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
                  : t("bulk.doneSummary", { created: report.created, refused: report.refused })
              }
              description={report.dryRun ? undefined : t("link.hint")}
              data-testid="bulk-summary"
            />
            <BulkReportTable report={report} sheetLines={sheet.sheetLines} />
          </>
        ) : null}
      </Space>
    </Modal>
  );
}
