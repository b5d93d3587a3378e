import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Card, Empty, List, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../../api/errors.ts";
import { decideScoreChange, type ScoreChange, scoreChangesQuery, scoringKey } from "../../api/scoring.ts";
import { beijingTime } from "../../format/time.ts";
import { ReasonModal } from "../ReasonModal.tsx";

interface Props {
  tenant: string;
  applicationId: string;
  /** Reviewers (and the round owner) may decide a change someone else proposed. */
  canDecide: boolean;
  userId: string;
}

const COLORS: Record<ScoreChange["status"], string> = {
  pending: "processing",
  approved: "success",
  rejected: "default",
};
const n2 = (n: number) => String(Math.round(n * 100) / 100);

/** Score changes after a stage closed: who proposed what and why, and a second reviewer's approval or rejection. */
export function ScoreChangesCard({ tenant, applicationId, canDecide, userId }: Props) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const changes = useQuery(scoreChangesQuery(tenant, applicationId));
  const [deciding, setDeciding] = useState<{ change: ScoreChange; decision: "approve" | "reject" } | null>(null);
  const items: ScoreChange[] = changes.data?.items ?? [];
  if (changes.isSuccess && items.length === 0) return null;

  const line = (c: ScoreChange) => (
    <List.Item
      key={c.id}
      actions={
        canDecide && c.status === "pending" && c.proposedBy.id !== userId
          ? [
              <Button
                key="approve"
                size="small"
                type="link"
                onClick={() => setDeciding({ change: c, decision: "approve" })}
                data-testid="change-approve"
              >
                {t("scoring.changeApprove")}
              </Button>,
              <Button
                key="reject"
                size="small"
                type="link"
                danger
                onClick={() => setDeciding({ change: c, decision: "reject" })}
                data-testid="change-reject"
              >
                {t("scoring.changeReject")}
              </Button>,
            ]
          : []
      }
      data-testid="score-change"
    >
      <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
        <Space wrap size={[6, 4]}>
          <span>{c.proposedBy.name}</span>
          <Tag>{t(`scoring.stageName.${c.stage}`)}</Tag>
          <Tag color={COLORS[c.status]}>{t(`scoring.changeStatus.${c.status}`)}</Tag>
          <Typography.Text>{t("scoring.changeTotals", { before: n2(c.before), after: n2(c.after) })}</Typography.Text>
          <Typography.Text type="secondary">{beijingTime(c.createdAt)}</Typography.Text>
        </Space>
        <Typography.Text style={{ overflowWrap: "anywhere" }}>
          {t("scoring.changeReason", { reason: c.reason })}
        </Typography.Text>
        {c.decidedBy ? (
          <Typography.Text type="secondary">
            {t("scoring.changeDecided", { name: c.decidedBy.name, reason: c.decisionReason ?? t("common.none") })}
          </Typography.Text>
        ) : null}
      </Space>
    </List.Item>
  );

  return (
    <Card size="small" title={t("scoring.changesTitle")} loading={changes.isPending} data-testid="score-changes">
      {changes.isError ? (
        <Typography.Text type="danger">{errorText(changes.error, i18n.language)}</Typography.Text>
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <List size="small" dataSource={items} renderItem={line} />
      )}
      <ReasonModal
        open={deciding !== null}
        title={deciding?.decision === "approve" ? t("scoring.changeApproveTitle") : t("scoring.changeRejectTitle")}
        description={deciding?.decision === "approve" ? t("scoring.changeApproveHint") : t("scoring.changeRejectHint")}
        okText={deciding?.decision === "approve" ? t("scoring.changeApprove") : t("scoring.changeReject")}
        danger={deciding?.decision === "reject"}
        reasonRequired={deciding?.decision === "reject"}
        label={
          deciding?.decision === "reject" ? t("scoring.reasonRequiredAudited") : t("scoring.reasonOptionalAudited")
        }
        onConfirm={async (reason) => {
          if (!deciding) return;
          await decideScoreChange(tenant, applicationId, deciding.change.id, deciding.decision, reason);
          void queryClient.invalidateQueries({ queryKey: scoringKey(tenant, applicationId) });
        }}
        onClose={() => setDeciding(null)}
      />
    </Card>
  );
}
