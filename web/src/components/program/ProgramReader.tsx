import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Skeleton, Space, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { errorText } from "../../api/errors.ts";
import { type Program, programQuery, programsKey, programVersionQuery, saveProgram } from "../../api/programs.ts";
import { QueryErrorResult } from "../QueryErrorResult.tsx";
import { fromStored, sameContent, toContent } from "./draft.ts";
import { ProgramDocumentView } from "./ProgramDocumentView.tsx";

interface Props {
  tenant: string;
  /** A program with at least one published version. */
  program: Program;
  /** Opens the editor on the draft. */
  onEdit: () => void;
}

/**
 * A published program as the document it is: its latest version to read, with 编辑 to start changing the
 * draft. When the draft already differs from that version, a notice says so, with 继续编辑 and a way to
 * drop the changes (the draft saved back to the published content: no endpoint of its own needed).
 */
export function ProgramReader({ tenant, program, onEdit }: Props) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const n = program.publishedVersion;
  const version = useQuery(programVersionQuery(tenant, program.id, n));
  const discard = useMutation({
    mutationFn: (content: Program["draft"]) =>
      saveProgram(tenant, program.id, program.version, toContent(fromStored(content))),
    onSuccess: (fresh) => {
      queryClient.setQueryData(programQuery(tenant, fresh.id).queryKey, fresh);
      void queryClient.invalidateQueries({ queryKey: programsKey(tenant) });
      void message.success(t("program.discarded", { n }));
    },
    // Someone saved in between: show what the draft is now.
    onError: () => void queryClient.invalidateQueries({ queryKey: programQuery(tenant, program.id).queryKey }),
  });

  if (version.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (version.isError) return <QueryErrorResult error={version.error} onRetry={() => void version.refetch()} />;
  const published = version.data.content;
  const unpublished = !sameContent(fromStored(program.draft), fromStored(published));
  const confirmDiscard = () =>
    modal.confirm({
      title: t("program.discardDraftTitle"),
      content: t("program.discardDraftText", { n }),
      okText: t("program.discardDraft"),
      okButtonProps: { danger: true },
      cancelText: t("common.cancel"),
      onOk: () => discard.mutateAsync(published),
    });

  return (
    <Card
      title={
        <Space wrap>
          <Tag color="success">{t("programStatus.published")}</Tag>
          <Tag color="red" data-testid="published-version">
            {t("program.versionN", { n })}
          </Tag>
        </Space>
      }
      extra={
        unpublished ? null : (
          <Button type="primary" onClick={onEdit} data-testid="program-edit">
            {t("program.edit")}
          </Button>
        )
      }
      data-testid="program-reader"
    >
      {unpublished ? (
        <Alert
          type="warning"
          showIcon
          title={t("program.unpublishedTitle")}
          description={t("program.unpublishedText", { n })}
          action={
            <Space orientation="vertical">
              <Button size="small" type="primary" onClick={onEdit} data-testid="program-continue">
                {t("program.continueEditing")}
              </Button>
              <Button size="small" danger onClick={confirmDiscard} data-testid="program-discard-draft">
                {t("program.discardDraft")}
              </Button>
            </Space>
          }
          style={{ marginBottom: 16 }}
          data-testid="program-unpublished"
        />
      ) : null}
      {discard.error ? (
        <Alert
          type="error"
          showIcon
          title={errorText(discard.error, i18n.language)}
          style={{ marginBottom: 16 }}
          data-testid="program-error"
        />
      ) : null}
      <ProgramDocumentView content={published} />
    </Card>
  );
}
