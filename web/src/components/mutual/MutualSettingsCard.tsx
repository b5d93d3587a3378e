import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Checkbox, Input, Radio, Space, Tag, Typography } from "antd";
import type { CSSProperties, ReactNode } from "react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { addDays } from "../../../../worker/domain/notice-window.ts";
import { errorText, hasCode, localizedFieldEntries } from "../../api/errors.ts";
import {
  assignMutualPeers,
  MUTUAL_GROUPS,
  type MutualSettings,
  mutualKey,
  mutualSettingsKey,
  type SaveMutualInput,
  saveMutualSettings,
} from "../../api/mutual.ts";
import { beijingTime } from "../../format/time.ts";
import { NumberInput } from "../NumberInput.tsx";
import { beijingToday } from "../notice/dates.ts";

type Draft = Omit<SaveMutualInput, "version">;

/** A new assessment's window: from today for two weeks (the owner changes it as needed). */
const DEFAULT_DAYS = 14;
const DEFAULT_PEERS = 5;
const FIELD: CSSProperties = { display: "flex", flexDirection: "column", gap: 4, minWidth: 0 };

function draftOf(view: MutualSettings): Draft {
  const today = beijingToday();
  return {
    itemCodes: view.itemCodes,
    peers: view.configured ? view.peers : DEFAULT_PEERS,
    groupBy: view.groupBy,
    opensOn: view.opensOn ?? today,
    closesOn: view.closesOn ?? addDays(today, DEFAULT_DAYS - 1),
  };
}

function Labelled({ label, children, problems }: { label: ReactNode; children: ReactNode; problems: string[] }) {
  return (
    <div style={FIELD}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      {children}
      {problems.length > 0 ? <Typography.Text type="danger">{problems.join("；")}</Typography.Text> : null}
    </div>
  );
}

export function MutualStateTag({ view }: { view: Pick<MutualSettings, "configured" | "open" | "closed"> }) {
  const { t } = useTranslation();
  if (!view.configured) return null;
  const state = view.closed ? "closed" : view.open ? "open" : "upcoming";
  return (
    <Tag color={state === "open" ? "green" : "default"} data-testid="mutual-state">
      {t(`mutual.state.${state}`)}
    </Tag>
  );
}

/**
 * The round owner's settings (reviewers read them): the items peers score (base items no questionnaire question
 * maps to), how many peers each unit scores, where peers come from and the window; one save over the version it
 * was loaded at. Below them, assigning the peers, with a confirmation since it replaces any earlier assignment.
 */
export function MutualSettingsCard({
  tenant,
  roundId,
  view,
}: {
  tenant: string;
  roundId: string;
  view: MutualSettings;
}) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<{ version: number; value: Draft } | null>(null);
  const settled = (saved: MutualSettings) => {
    queryClient.setQueryData(mutualSettingsKey(tenant, roundId), saved);
    void queryClient.invalidateQueries({ queryKey: [...mutualKey(tenant), "progress", roundId] });
  };
  const save = useMutation({
    mutationFn: (edited: { version: number; value: Draft }) =>
      saveMutualSettings(tenant, roundId, { version: edited.version, ...edited.value }),
    onSuccess: (saved) => {
      settled(saved);
      setDraft(null);
      void message.success(t("mutual.saved"));
    },
  });
  const assign = useMutation({
    mutationFn: () => assignMutualPeers(tenant, roundId, view.version),
    onSuccess: (saved) => {
      settled(saved);
      void message.success(t("mutual.assignedDone"));
    },
  });
  const editable = view.editable;
  const value = draft?.value ?? draftOf(view);
  const edit = (change: Partial<Draft>) => {
    setDraft((current) => ({
      version: current?.version ?? view.version,
      value: { ...(current?.value ?? draftOf(view)), ...change },
    }));
    save.reset();
  };
  const problems = localizedFieldEntries(save.error, i18n.language);
  const problemsAt = (prefix: string) =>
    problems.filter(([field]) => field === prefix || field.startsWith(`${prefix}.`)).flatMap(([, m]) => m);
  const dirty = draft !== null || !view.configured;
  const invalid = value.itemCodes.length === 0 || !value.opensOn || !value.closesOn || value.closesOn < value.opensOn;
  const confirmAssign = () =>
    modal.confirm({
      title: t("mutual.assign"),
      content: t("mutual.assignConfirm"),
      okText: t("mutual.assign"),
      cancelText: t("common.cancel"),
      onOk: () => assign.mutateAsync().catch(() => undefined),
    });
  const toggle = (code: string, checked: boolean) =>
    edit({ itemCodes: checked ? [...value.itemCodes, code] : value.itemCodes.filter((c) => c !== code) });

  return (
    <Card title={t("mutual.settingsTitle")} extra={<MutualStateTag view={view} />} data-testid="mutual-settings">
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        {!editable ? <Alert type="info" showIcon title={t("mutual.readOnlySettings")} /> : null}
        <Labelled label={t("mutual.items")} problems={problemsAt("itemCodes")}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("mutual.itemsHelp")}
          </Typography.Text>
          <Space orientation="vertical" size={4} style={{ width: "100%" }}>
            {view.baseItems.map((item) => (
              <Checkbox
                key={item.code}
                checked={value.itemCodes.includes(item.code)}
                disabled={!editable || item.survey}
                data-testid={`mutual-item-${item.code}`}
                onChange={(event) => toggle(item.code, event.target.checked)}
              >
                <span style={{ overflowWrap: "anywhere" }}>
                  {item.code} {item.title}（{t("mutual.maxPoints", { points: item.maxPoints })}）
                  {item.survey ? <Tag style={{ marginInlineStart: 6 }}>{t("mutual.surveyMapped")}</Tag> : null}
                </span>
              </Checkbox>
            ))}
          </Space>
        </Labelled>
        <Space wrap size="middle" align="start">
          <Labelled label={t("mutual.peers")} problems={problemsAt("peers")}>
            <NumberInput
              value={value.peers}
              min={1}
              max={10}
              precision={0}
              readOnly={!editable}
              data-testid="mutual-peers"
              onChange={(v) => edit({ peers: v ?? 1 })}
            />
          </Labelled>
          <Labelled label={t("mutual.groupBy")} problems={problemsAt("groupBy")}>
            <Radio.Group
              value={value.groupBy}
              disabled={!editable}
              optionType="button"
              onChange={(event) => edit({ groupBy: event.target.value })}
              options={MUTUAL_GROUPS.map((g) => ({
                value: g,
                label: t(g === "sector" ? "mutual.groupSector" : "mutual.groupCity"),
              }))}
            />
          </Labelled>
        </Space>
        {value.groupBy === "sector" ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("mutual.groupHelp")}
          </Typography.Text>
        ) : null}
        <Labelled label={t("mutual.window")} problems={[...problemsAt("opensOn"), ...problemsAt("closesOn")]}>
          <Space wrap>
            <Input
              type="date"
              value={value.opensOn}
              readOnly={!editable}
              aria-label={t("mutual.window")}
              data-testid="mutual-opens-on"
              onChange={(event) => edit({ opensOn: event.target.value })}
            />
            <Input
              type="date"
              value={value.closesOn}
              readOnly={!editable}
              aria-label={t("mutual.window")}
              data-testid="mutual-closes-on"
              onChange={(event) => edit({ closesOn: event.target.value })}
            />
          </Space>
        </Labelled>
        {save.error && !hasCode(save.error, "validation_failed") ? (
          <Alert type="error" showIcon title={errorText(save.error, i18n.language)} data-testid="mutual-save-error" />
        ) : null}
        {editable ? (
          <Button
            type="primary"
            disabled={!dirty || invalid}
            loading={save.isPending}
            data-testid="mutual-save"
            onClick={() => save.mutate({ version: draft?.version ?? view.version, value })}
          >
            {t("mutual.save")}
          </Button>
        ) : null}
        {view.configured ? (
          <Space wrap align="center">
            <Typography.Text data-testid="mutual-assigned">
              {view.assignedAt
                ? t("mutual.assignedSummary", {
                    count: view.assignments,
                    at: beijingTime(view.assignedAt),
                  })
                : t("mutual.notAssigned")}
            </Typography.Text>
            {editable ? (
              <Button
                disabled={draft !== null}
                loading={assign.isPending}
                data-testid="mutual-assign"
                onClick={confirmAssign}
              >
                {t("mutual.assign")}
              </Button>
            ) : null}
          </Space>
        ) : null}
        {assign.error ? (
          <Alert
            type="error"
            showIcon
            title={errorText(assign.error, i18n.language)}
            data-testid="mutual-assign-error"
          />
        ) : null}
      </Space>
    </Card>
  );
}
