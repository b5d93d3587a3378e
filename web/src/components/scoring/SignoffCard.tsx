import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, List, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../../api/errors.ts";
import { giveSignoff, type Signoff, type Signoffs, scoringKey, signoffsQuery } from "../../api/scoring.ts";
import { todoKey } from "../../api/todo.ts";
import { beijingTime } from "../../format/time.ts";
import { ReasonModal } from "../ReasonModal.tsx";
import { NextTodoLink } from "./NextTodoLink.tsx";

interface Props {
  tenant: string;
  applicationId: string;
  roundId: string;
  /** A department account: it gives its own department's opinion here. */
  canSign: boolean;
  /** The signed-in user, to tell their own sign-off. */
  userId: string;
}

/**
 * 部门意见: every department the round requires, with its verdict (无否决情形 / 否决) and reason. A department
 * account confirms that no veto condition of its field applies, or reports one with a reason.
 */
export function SignoffCard({ tenant, applicationId, roundId, canSign, userId }: Props) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const list = useQuery(signoffsQuery(tenant, applicationId));
  const [verdict, setVerdict] = useState<"clear" | "veto" | null>(null);
  const mine = list.data?.items.find((s) => s.by?.id === userId);
  // Not yet signed at all (a reported veto is signed, though it is not the "clear" that naming needs).
  const awaiting = (list.data?.items ?? []).filter((s) => s.verdict === null).map((s) => s.department);

  const line = (s: Signoff) => (
    <List.Item key={s.department} data-testid="signoff">
      <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
        <Space wrap size={[6, 4]}>
          <Typography.Text strong>{s.department}</Typography.Text>
          {s.verdict === null ? (
            <Tag>{t("scoring.signoffPending")}</Tag>
          ) : s.verdict === "clear" ? (
            <Tag color="success">{t("scoring.signoffClear")}</Tag>
          ) : (
            <Tag color="error">{t("scoring.signoffVeto")}</Tag>
          )}
          {s.by && s.at ? (
            <Typography.Text type="secondary">{`${s.by.name} · ${beijingTime(s.at)}`}</Typography.Text>
          ) : null}
        </Space>
        {s.reason ? <Typography.Text style={{ overflowWrap: "anywhere" }}>{s.reason}</Typography.Text> : null}
      </Space>
    </List.Item>
  );

  return (
    <Card
      size="small"
      title={t("scoring.signoffTitle")}
      loading={list.isPending}
      extra={
        canSign ? (
          <Space wrap>
            <Button size="small" type="primary" onClick={() => setVerdict("clear")} data-testid="signoff-clear">
              {t("scoring.signoffGiveClear")}
            </Button>
            <Button size="small" danger onClick={() => setVerdict("veto")} data-testid="signoff-veto">
              {t("scoring.signoffGiveVeto")}
            </Button>
          </Space>
        ) : null
      }
      data-testid="signoff-card"
    >
      {list.isError ? (
        <Typography.Text type="danger">{errorText(list.error, i18n.language)}</Typography.Text>
      ) : (
        <Space orientation="vertical" style={{ width: "100%" }}>
          {list.data?.vetoed ? <Alert type="error" showIcon title={t("scoring.signoffVetoed")} /> : null}
          {awaiting.length > 0 ? (
            <Typography.Text type="secondary">
              {t("scoring.signoffMissing", { list: awaiting.join("、") })}
            </Typography.Text>
          ) : null}
          {canSign && mine ? (
            <Space wrap>
              <Typography.Text type="secondary">{t("scoring.signoffMine")}</Typography.Text>
              <NextTodoLink tenant={tenant} roundId={roundId} current={applicationId} kind="signoffs" />
            </Space>
          ) : null}
          <List size="small" dataSource={list.data?.items ?? []} renderItem={line} />
        </Space>
      )}
      <ReasonModal
        open={verdict !== null}
        title={verdict === "veto" ? t("scoring.signoffVetoTitle") : t("scoring.signoffClearTitle")}
        description={verdict === "veto" ? t("scoring.signoffVetoHint") : t("scoring.signoffClearHint")}
        okText={verdict === "veto" ? t("scoring.signoffGiveVeto") : t("scoring.signoffGiveClear")}
        danger={verdict === "veto"}
        reasonRequired={verdict === "veto"}
        label={verdict === "veto" ? t("scoring.reasonRequiredAudited") : t("scoring.reasonOptionalAudited")}
        onConfirm={async (reason) => {
          if (!verdict) return;
          const next = await giveSignoff(tenant, applicationId, verdict, reason);
          if (next && typeof next === "object" && "items" in next) {
            queryClient.setQueryData(signoffsQuery(tenant, applicationId).queryKey, next as Signoffs);
          }
          void queryClient.invalidateQueries({ queryKey: scoringKey(tenant, applicationId) });
          void queryClient.invalidateQueries({ queryKey: todoKey(tenant) });
        }}
        onClose={() => setVerdict(null)}
      />
    </Card>
  );
}
