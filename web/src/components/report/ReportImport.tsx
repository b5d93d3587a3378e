import { useMutation } from "@tanstack/react-query";
import { Alert, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../../api/errors.ts";
import { type ParsedReportDocument, parseReportText } from "../../api/reports.ts";
import { TextSource } from "../program/TextSource.tsx";
import { CleaningReview } from "./CleaningReview.tsx";

interface Props {
  tenant: string;
  /** The chosen, cleaned report, to open in the editor. */
  onAdopt: (doc: ParsedReportDocument) => void;
}

/** Paste or pick a .docx, let the importer clean and structure it, review what cleaning did, adopt one report. */
export function ReportImport({ tenant, onAdopt }: Props) {
  const { t, i18n } = useTranslation();
  const [source, setSource] = useState<{ text: string; keep: string[] } | null>(null);
  const [chosen, setChosen] = useState(0);
  const parse = useMutation({
    mutationFn: (input: { text: string; keep: string[] }) => parseReportText(tenant, input.text, input.keep),
    onSuccess: (_, input) => setSource(input),
  });
  const parsed = source ? parse.data : undefined;
  const doc = parsed?.documents[chosen];

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="report-import">
      {parse.error ? (
        <Alert type="error" showIcon title={errorText(parse.error, i18n.language)} data-testid="report-import-error" />
      ) : null}
      {parsed && source ? (
        <CleaningReview
          parsed={parsed}
          chosen={Math.min(chosen, parsed.documents.length - 1)}
          onChoose={setChosen}
          onRestore={(line) => parse.mutate({ text: source.text, keep: [...source.keep, line] })}
          onAdopt={() => doc && onAdopt(doc)}
          onBack={() => {
            setSource(null);
            parse.reset();
          }}
          busy={parse.isPending}
        />
      ) : (
        <TextSource
          busy={parse.isPending}
          intro={t("report.importIntro")}
          placeholder={t("report.importPlaceholder")}
          onParse={(text) => {
            setChosen(0);
            parse.mutate({ text, keep: [] });
          }}
        />
      )}
    </Space>
  );
}
