// 互评: the unit scores the peers assigned to it.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { Alert, App, Button, Card, Empty, Skeleton, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText, hasCode, localizedFieldEntries } from "../api/errors.ts";
import { type MutualForm, mutualFormKey, mutualFormQuery, saveMutualScores } from "../api/mutual.ts";
import { NumberInput } from "../components/NumberInput.tsx";
import { QueryErrorResult } from "../components/QueryErrorResult.tsx";
import { useMembership } from "./use-membership.ts";

const route = getRouteApi("/_app/t/$tenant/applications/$applicationId/mutual");

const keyOf = (peer: string, item: string) => `${peer}|${item}`;

function pointsOf(form: MutualForm): Map<string, number | null> {
  return new Map(
    form.peers.flatMap((peer) => peer.scores.map((s) => [keyOf(peer.applicationId, s.itemCode), s.points])),
  );
}

/** One card per peer with each mutual item's points (max shown); save a draft, or submit once all are scored. */
export function MutualFormPage() {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const { applicationId } = route.useParams();
  const { tenant } = useMembership();
  const queryClient = useQueryClient();
  const form = useQuery(mutualFormQuery(tenant, applicationId));
  const [edited, setEdited] = useState<Map<string, number | null> | null>(null);
  const save = useMutation({
    mutationFn: ({ points, submit }: { points: Map<string, number | null>; submit: boolean }) =>
      saveMutualScores(tenant, applicationId, {
        submit,
        scores: [...points.entries()].flatMap(([key, value]) => {
          const [rateeApplicationId = "", itemCode = ""] = key.split("|");
          return value === null ? [] : [{ rateeApplicationId, itemCode, points: value }];
        }),
      }),
    onSuccess: (saved, { submit }) => {
      queryClient.setQueryData(mutualFormKey(tenant, applicationId), saved);
      setEdited(null);
      void message.success(t(submit ? "mutual.submitDone" : "mutual.draftSaved"));
    },
  });

  if (form.isError) return <QueryErrorResult error={form.error} onRetry={() => void form.refetch()} />;
  if (!form.data) return <Skeleton active paragraph={{ rows: 8 }} />;
  const data = form.data;
  const points = edited ?? pointsOf(data);
  const set = (key: string, value: number | null) => {
    setEdited(new Map(points).set(key, value));
    save.reset();
  };
  const complete = data.peers.length > 0 && [...points.values()].every((v) => v !== null);
  const submitted = data.peers.some((p) => p.submitted);
  const problems = localizedFieldEntries(save.error, i18n.language).flatMap(([, m]) => m);
  const confirmSubmit = () =>
    modal.confirm({
      title: t("mutual.submit"),
      content: t("mutual.submitConfirm"),
      okText: t("mutual.submit"),
      cancelText: t("common.cancel"),
      onOk: () => save.mutateAsync({ points, submit: true }).catch(() => undefined),
    });

  let notice: string | null = null;
  if (!data.configured || data.peers.length === 0) notice = t("mutual.noPeers");
  else if (submitted) notice = t("mutual.submittedNote");
  else if (!data.open) notice = t("mutual.notOpen");
  else if (!data.editable) notice = t("mutual.readOnly");

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="mutual-form">
      <Card
        title={
          <Link to="/t/$tenant/applications/$applicationId" params={{ tenant, applicationId }}>
            {t("mutual.formTitle")}
          </Link>
        }
        extra={submitted ? <Tag color="green">{t("mutual.cardSubmitted")}</Tag> : null}
      >
        <Space orientation="vertical" size="small" style={{ width: "100%" }}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t("mutual.formHint")}
          </Typography.Paragraph>
          {data.closesOn ? <Typography.Text>{t("mutual.closesOn", { date: data.closesOn })}</Typography.Text> : null}
          {notice ? <Alert type="info" showIcon title={notice} data-testid="mutual-form-notice" /> : null}
        </Space>
      </Card>
      {data.peers.length === 0 ? <Empty description={t("mutual.noPeers")} /> : null}
      {data.peers.map((peer) => (
        <Card
          key={peer.applicationId}
          size="small"
          title={<span style={{ whiteSpace: "normal", overflowWrap: "anywhere" }}>{peer.unitName}</span>}
          data-testid="mutual-peer"
        >
          <Space orientation="vertical" size="small" style={{ width: "100%" }}>
            {data.items.map((item) => {
              const key = keyOf(peer.applicationId, item.code);
              return (
                <div
                  key={item.code}
                  style={{ display: "grid", gridTemplateColumns: "minmax(0, 1fr) 112px", gap: 8, alignItems: "center" }}
                >
                  <span style={{ overflowWrap: "anywhere" }}>
                    {item.code} {item.title}
                    <Typography.Text type="secondary">
                      （{t("mutual.maxPoints", { points: item.maxPoints })}）
                    </Typography.Text>
                  </span>
                  <NumberInput
                    value={points.get(key) ?? null}
                    min={0}
                    max={item.maxPoints}
                    step={0.5}
                    readOnly={!data.editable}
                    aria-label={`${peer.unitName} ${item.code}`}
                    data-testid={`mutual-points-${item.code}`}
                    style={{ width: "100%" }}
                    onChange={(v) => set(key, typeof v === "number" ? v : null)}
                  />
                </div>
              );
            })}
          </Space>
        </Card>
      ))}
      {save.error ? (
        <Alert
          type="error"
          showIcon
          data-testid="mutual-form-error"
          title={hasCode(save.error, "form_incomplete") ? t("mutual.incomplete") : errorText(save.error, i18n.language)}
          description={problems.length > 0 ? problems.join("；") : undefined}
        />
      ) : null}
      {data.editable ? (
        <Space wrap>
          <Button
            disabled={edited === null}
            loading={save.isPending && !save.variables?.submit}
            data-testid="mutual-save-draft"
            onClick={() => save.mutate({ points, submit: false })}
          >
            {t("mutual.saveDraft")}
          </Button>
          <Button
            type="primary"
            disabled={!complete}
            loading={save.isPending && save.variables?.submit}
            data-testid="mutual-submit"
            onClick={confirmSubmit}
          >
            {t("mutual.submit")}
          </Button>
        </Space>
      ) : null}
    </Space>
  );
}
