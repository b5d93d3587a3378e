import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Empty, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { applicationsKey } from "../../api/applications.ts";
import { errorText, hasCode, localizedFieldEntries } from "../../api/errors.ts";
import { type ParsedReportDocument, type ReportView, reportKey, saveReport } from "../../api/reports.ts";
import { useUnsavedGuard } from "../program/use-unsaved-guard.ts";
import type { CriteriaChoice } from "./criteria-items.ts";
import {
  draftLength,
  emptyDraft,
  fromParsed,
  fromView,
  openPlaceholders,
  paragraphsOf,
  type ReportDraft,
  sameDraft,
  toBody,
} from "./draft.ts";
import { FiguresList } from "./FiguresList.tsx";
import { LengthMeter } from "./LengthMeter.tsx";
import type { Suggestions } from "./ParagraphLinks.tsx";
import { ReportEditor } from "./ReportEditor.tsx";
import { ReportImport } from "./ReportImport.tsx";

interface Props {
  tenant: string;
  view: ReportView;
  choices: CriteriaChoice[];
}

/** The unit's own report while its application is editable: import, edit, figures, links, save. */
export function ReportWorkbench({ tenant, view, choices }: Props) {
  const { t, i18n } = useTranslation();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const saved = view.report ? fromView(view.report) : null;
  const [draft, setDraft] = useState<ReportDraft | null>(saved);
  const [importing, setImporting] = useState(false);
  const [known, setKnown] = useState<string[]>(view.report?.placeholders ?? []);
  const dirty = draft !== null && (saved === null || !sameDraft(saved, draft));
  useUnsavedGuard(dirty);

  const save = useMutation({
    mutationFn: (d: ReportDraft) => saveReport(tenant, view.applicationId, toBody(d, view.applicationVersion)),
    onSuccess: (next) => {
      queryClient.setQueryData(reportKey(tenant, view.applicationId), next);
      // The application's version moved with the save.
      void queryClient.invalidateQueries({ queryKey: [...applicationsKey(tenant), view.applicationId], exact: true });
      void message.success(t("report.saved"));
    },
  });

  const adopt = (doc: ParsedReportDocument) => {
    const use = () => {
      setDraft(fromParsed(doc));
      setKnown((k) => [...new Set([...k, ...doc.placeholders])]);
      setImporting(false);
    };
    if (draft === null) use();
    else
      modal.confirm({
        title: t("report.replaceTitle"),
        content: t("report.replaceText"),
        okText: t("report.replace"),
        okButtonProps: { danger: true },
        cancelText: t("common.cancel"),
        onOk: use,
      });
  };

  // The page keys this workbench by the application's version: the newer report read back starts it afresh.
  const reload = () => void queryClient.invalidateQueries({ queryKey: reportKey(tenant, view.applicationId) });

  if (importing)
    return (
      <Card
        title={t("report.importTitle")}
        extra={
          <Button size="small" onClick={() => setImporting(false)}>
            {t("common.cancel")}
          </Button>
        }
      >
        <ReportImport tenant={tenant} onAdopt={adopt} />
      </Card>
    );
  if (draft === null)
    return (
      <Card>
        <Empty description={t("report.none")} data-testid="report-empty">
          <Space wrap style={{ justifyContent: "center" }}>
            <Button type="primary" onClick={() => setImporting(true)} data-testid="report-import-start">
              {t("report.import")}
            </Button>
            <Button onClick={() => setDraft(emptyDraft())} data-testid="report-write">
              {t("report.write")}
            </Button>
          </Space>
        </Empty>
      </Card>
    );

  // Every saved paragraph has its (possibly empty) list; only paragraphs added since the save have none yet.
  const suggestions = new Map<string, Suggestions>(
    (saved ? paragraphsOf(saved.content) : []).map((p) => [p.id, []] as const),
  );
  for (const s of view.suggestions) suggestions.set(s.paragraphId, s.items);
  const fields = localizedFieldEntries(save.error, i18n.language);
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Card size="small">
        <Space orientation="vertical" size="small" style={{ width: "100%" }}>
          <LengthMeter length={draftLength(draft.content)} max={view.maxChars} />
          {hasCode(save.error, "stale_version") ? (
            <Alert
              type="error"
              showIcon
              title={t("report.stale")}
              action={
                <Button size="small" onClick={reload} data-testid="report-reload">
                  {t("report.reload")}
                </Button>
              }
              data-testid="report-stale"
            />
          ) : save.error ? (
            <Alert
              type="error"
              showIcon
              title={errorText(save.error, i18n.language)}
              description={
                fields.length > 0 ? (
                  <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                    {fields.map(([field, messages]) => (
                      <li key={field}>{messages.join("；")}</li>
                    ))}
                  </ul>
                ) : undefined
              }
              data-testid="report-save-error"
            />
          ) : null}
          <Space wrap>
            <Button onClick={() => setImporting(true)} data-testid="report-reimport">
              {t("report.reimport")}
            </Button>
            <Button
              type="primary"
              loading={save.isPending}
              disabled={!dirty}
              onClick={() => save.mutate(draft)}
              data-testid="report-save"
            >
              {t("common.save")}
            </Button>
            {dirty ? <span data-testid="report-unsaved">{t("report.unsaved")}</span> : null}
          </Space>
        </Space>
      </Card>
      <ReportEditor
        draft={draft}
        onChange={setDraft}
        suggestions={suggestions}
        choices={choices}
        placeholders={openPlaceholders(draft.content, known)}
      />
      <FiguresList figures={draft.figures} onChange={(figures) => setDraft({ ...draft, figures })} />
    </Space>
  );
}
