import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Space, Tag, Tooltip, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText, hasCode } from "../../api/errors.ts";
import { type Program, programQuery, programsKey, publishProgram, saveProgram } from "../../api/programs.ts";
import { type Draft, fromStored, sameContent, toContent } from "./draft.ts";
import { ProgramEditor } from "./ProgramEditor.tsx";
import { useUnsavedGuard } from "./use-unsaved-guard.ts";

interface Props {
  tenant: string;
  program: Program;
  /** Loads the program as it is on the server now (after someone else saved it). */
  onReload: () => Promise<Program>;
  /** Back to reading the published program; also called once a version is published. Absent: no way back. */
  onDone?: () => void;
}

/** Staff edit the draft, save it against the version they loaded, and publish numbered versions. */
export function ProgramWorkbench({ tenant, program, onReload, onDone }: Props) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [loaded, setLoaded] = useState(program);
  const [draft, setDraft] = useState<Draft>(() => fromStored(program.draft));
  const pristine = useMemo(() => fromStored(loaded.draft), [loaded]);
  const dirty = !sameContent(draft, pristine);
  useUnsavedGuard(dirty);

  const adopt = (fresh: Program) => {
    setLoaded(fresh);
    setDraft(fromStored(fresh.draft));
    queryClient.setQueryData(programQuery(tenant, fresh.id).queryKey, fresh);
    void queryClient.invalidateQueries({ queryKey: programsKey(tenant) });
  };
  const save = useMutation({
    mutationFn: () => saveProgram(tenant, loaded.id, loaded.version, toContent(draft)),
    onSuccess: (fresh) => {
      adopt(fresh);
      void message.success(t("program.saved"));
    },
  });
  const publish = useMutation({
    mutationFn: () => publishProgram(tenant, loaded.id, loaded.version),
    onSuccess: (fresh) => {
      adopt(fresh);
      void message.success(t("program.publishedN", { n: fresh.publishedVersion }));
      onDone?.();
    },
  });
  const failure = save.error ?? publish.error;
  const stale = hasCode(failure, "stale_version");

  const reload = async () => {
    save.reset();
    publish.reset();
    adopt(await onReload());
  };
  const confirmPublish = () =>
    modal.confirm({
      title: t("program.publishTitle"),
      content: t("program.publishText", { n: loaded.publishedVersion + 1 }),
      okText: t("program.publish"),
      cancelText: t("common.cancel"),
      onOk: () => publish.mutateAsync(),
    });
  const done = () => {
    if (!onDone) return;
    if (!dirty) return onDone();
    modal.confirm({
      title: t("program.leaveEditTitle"),
      content: t("program.leaveText"),
      okText: t("program.leave"),
      okButtonProps: { danger: true },
      cancelText: t("program.stay"),
      onOk: onDone,
    });
  };

  return (
    <Card
      title={
        <Space wrap>
          <Typography.Text strong>{loaded.title}</Typography.Text>
          <Tag color={loaded.status === "published" ? "success" : "default"}>{t(`programStatus.${loaded.status}`)}</Tag>
          {loaded.publishedVersion > 0 ? (
            <Tag color="red" data-testid="published-version">
              {t("program.versionN", { n: loaded.publishedVersion })}
            </Tag>
          ) : null}
          {dirty ? <Typography.Text type="warning">{t("program.unsaved")}</Typography.Text> : null}
        </Space>
      }
      extra={
        <Space wrap>
          {onDone ? (
            <Button onClick={done} data-testid="program-done">
              {t("program.doneEditing")}
            </Button>
          ) : null}
          <Button
            onClick={() => save.mutate()}
            loading={save.isPending}
            disabled={!dirty || stale}
            data-testid="program-save"
          >
            {t("program.saveDraft")}
          </Button>
          <Tooltip title={dirty ? t("program.saveFirst") : undefined}>
            <Button
              type="primary"
              onClick={confirmPublish}
              disabled={dirty || stale}
              loading={publish.isPending}
              data-testid="program-publish"
            >
              {t("program.publish")}
            </Button>
          </Tooltip>
        </Space>
      }
    >
      {stale ? (
        <Alert
          type="warning"
          showIcon
          title={t("program.staleTitle")}
          description={t("program.staleText")}
          action={
            <Button size="small" onClick={() => void reload()} data-testid="program-reload">
              {t("program.reload")}
            </Button>
          }
          style={{ marginBottom: 16 }}
          data-testid="program-stale"
        />
      ) : failure ? (
        <Alert
          type="error"
          showIcon
          title={errorText(failure, i18n.language)}
          style={{ marginBottom: 16 }}
          data-testid="program-error"
        />
      ) : null}
      <ProgramEditor draft={draft} onChange={setDraft} />
    </Card>
  );
}
