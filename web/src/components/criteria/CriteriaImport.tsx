import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { Alert, App, Button, Space, Upload } from "antd";
import { useTranslation } from "react-i18next";
import { type CriteriaContent, createCriteria, criteriaKey, importCriteriaXlsx } from "../../api/criteria.ts";
import { errorText } from "../../api/errors.ts";
import { ProblemList } from "./ProblemList.tsx";

async function importFile(tenant: string, file: File) {
  if (/\.xlsx$/i.test(file.name)) return importCriteriaXlsx(tenant, file);
  let content: CriteriaContent;
  try {
    content = JSON.parse(await file.text()) as CriteriaContent;
  } catch {
    throw new Error("bad_json");
  }
  return createCriteria(tenant, content);
}

/** Import buttons (JSON or XLSX); a failed import lists the API's problems per sheet or field. */
export function CriteriaImport({ tenant }: { tenant: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const run = useMutation({
    mutationFn: (file: File) => importFile(tenant, file),
    onSuccess: (system) => {
      void message.success(t("criteria.imported"));
      void queryClient.invalidateQueries({ queryKey: criteriaKey(tenant) });
      void navigate({ to: "/t/$tenant/criteria/$criteriaId", params: { tenant, criteriaId: system.id } });
    },
  });
  const picker = (accept: string, label: string, testId: string) => (
    <Upload
      accept={accept}
      showUploadList={false}
      beforeUpload={(file) => {
        run.mutate(file);
        return false;
      }}
    >
      <Button loading={run.isPending} data-testid={testId}>
        {label}
      </Button>
    </Upload>
  );
  const failure = run.error;
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Space>
        {picker(".json,application/json", t("criteria.importJson"), "criteria-import-json")}
        {picker(".xlsx", t("criteria.importXlsx"), "criteria-import-xlsx")}
      </Space>
      {failure ? (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => run.reset() }}
          title={`${t("criteria.importFailed")}：${failure.message === "bad_json" ? t("criteria.badJson") : errorText(failure, i18n.language)}`}
          description={<ProblemList error={failure} testId="criteria-import-problems" />}
        />
      ) : null}
    </Space>
  );
}
