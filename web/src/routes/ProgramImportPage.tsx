import { useMutation, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { Alert, Button, Card, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../api/errors.ts";
import { createProgram, parseProgramText, programsKey } from "../api/programs.ts";
import { type Draft, fromParsed, toContent } from "../components/program/draft.ts";
import { ProgramEditor } from "../components/program/ProgramEditor.tsx";
import { TextSource } from "../components/program/TextSource.tsx";
import { useUnsavedGuard } from "../components/program/use-unsaved-guard.ts";
import { UnitFrame } from "../components/UnitFrame.tsx";
import { beijingYear } from "../format/time.ts";
import { useUnitAccess } from "./use-unit-access.ts";

const route = getRouteApi("/_app/t/$tenant/units/$id/programs/import");

/** Paste or pick a document, let the API structure it, review the draft, save it as a new program. */
export function ProgramImportPage() {
  const { t, i18n } = useTranslation();
  const { tenant, id: unitId } = route.useParams();
  const { ownUnit } = useUnitAccess(unitId);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft | null>(null);
  const guard = useUnsavedGuard(draft !== null);

  const parse = useMutation({
    mutationFn: (text: string) => parseProgramText(tenant, text),
    onSuccess: (parsed) => setDraft(fromParsed(parsed, beijingYear())),
  });
  const save = useMutation({
    mutationFn: (d: Draft) => createProgram(tenant, unitId, toContent(d)),
    onSuccess: async (program) => {
      void queryClient.invalidateQueries({ queryKey: programsKey(tenant) });
      guard.release();
      await navigate({ to: "/t/$tenant/programs/$programId", params: { tenant, programId: program.id } });
    },
  });
  const failure = parse.error ?? save.error;

  return (
    <UnitFrame tenant={tenant} unitId={unitId} active="programs" ownUnit={ownUnit}>
      <Card
        title={draft ? t("import.reviewTitle") : t("import.title")}
        extra={
          <Link to="/t/$tenant/units/$id/programs" params={{ tenant, id: unitId }}>
            ← {t("program.backToList")}
          </Link>
        }
      >
        {failure ? (
          <Alert
            type="error"
            showIcon
            title={errorText(failure, i18n.language)}
            style={{ marginBottom: 16 }}
            data-testid="import-error"
          />
        ) : null}
        {draft ? (
          <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
            <Alert type="info" showIcon title={t("import.reviewHint")} />
            <ProgramEditor draft={draft} onChange={setDraft} />
            <Space>
              <Button onClick={() => setDraft(null)}>{t("import.startOver")}</Button>
              <Button
                type="primary"
                loading={save.isPending}
                onClick={() => save.mutate(draft)}
                data-testid="import-save"
              >
                {t("import.save")}
              </Button>
            </Space>
          </Space>
        ) : (
          <TextSource busy={parse.isPending} onParse={(text) => parse.mutate(text)} />
        )}
      </Card>
    </UnitFrame>
  );
}
