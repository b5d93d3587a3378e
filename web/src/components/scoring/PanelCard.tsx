import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, List, Modal, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText, localizedFieldEntries } from "../../api/errors.ts";
import {
  type Conflict,
  decideConflict,
  exemptReviewer,
  type Panel,
  type PanelMember,
  panelQuery,
  STAGES,
  type Stage,
  scoringKey,
  setPanel,
} from "../../api/scoring.ts";
import { beijingTime } from "../../format/time.ts";
import { ReasonModal } from "../ReasonModal.tsx";
import { ReviewerPicker } from "./ReviewerPicker.tsx";

interface Props {
  tenant: string;
  applicationId: string;
  /** The round's panel size: the most reviewers a panel takes. */
  panelSize: number;
}

const MEMBER_COLORS: Record<PanelMember["status"], string> = { active: "blue", removed: "default", exempt: "warning" };
const CONFLICT_COLORS: Record<Conflict["status"], string> = {
  declared: "processing",
  accepted: "warning",
  overridden: "default",
};

type Pending =
  | { kind: "exempt"; stage: Stage; member: PanelMember }
  | { kind: "conflict"; conflict: Conflict; decision: "accept" | "override" };

/**
 * The round owner's view of an application's panels (评审组): members per stage with their form's state, set by
 * hand, a member excused with a reason; and the conflicts reviewers declared (回避申请), accepted or overridden.
 */
export function PanelCard({ tenant, applicationId, panelSize }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const panel = useQuery(panelQuery(tenant, applicationId));
  const [editing, setEditing] = useState<{ stage: Stage; ids: string[] } | null>(null);
  const [saving, setSaving] = useState(false);
  const [pending, setPending] = useState<Pending | null>(null);

  const done = (next: Panel | unknown) => {
    if (next && typeof next === "object" && "panels" in next) {
      queryClient.setQueryData(panelQuery(tenant, applicationId).queryKey, next as Panel);
    }
    void queryClient.invalidateQueries({ queryKey: scoringKey(tenant, applicationId) });
  };
  const stageOf = (stage: Stage) => panel.data?.panels.find((p) => p.stage === stage)?.members ?? [];
  const names = new Map(
    panel.data?.panels.flatMap((p) => p.members.map((m) => [m.reviewer.id, m.reviewer.name] as const)),
  );

  const savePanel = async () => {
    if (!editing) return;
    setSaving(true);
    try {
      done(await setPanel(tenant, applicationId, editing.stage, editing.ids));
      setEditing(null);
      void message.success(t("scoring.panelSaved"));
    } catch (error) {
      // A refused panel names each refused reviewer and why (out of scope, a conflict): show them all.
      const fields = localizedFieldEntries(error, i18n.language).flatMap(([, messages]) => messages);
      void message.error([errorText(error, i18n.language), ...fields].join("；"));
    } finally {
      setSaving(false);
    }
  };

  const memberLine = (stage: Stage, m: PanelMember) => (
    <List.Item
      key={m.reviewer.id}
      actions={
        m.status === "active"
          ? [
              <Button
                key="exempt"
                size="small"
                type="link"
                onClick={() => setPending({ kind: "exempt", stage, member: m })}
                data-testid="panel-exempt"
              >
                {t("scoring.exempt")}
              </Button>,
            ]
          : []
      }
      data-testid="panel-member"
    >
      <Space wrap size={[6, 4]}>
        <span>{m.reviewer.name}</span>
        <Tag color={MEMBER_COLORS[m.status]}>{t(`scoring.memberStatus.${m.status}`)}</Tag>
        <Tag color={m.formStatus === "submitted" ? "success" : "default"}>
          {m.formStatus ? t(`scoring.formStatusName.${m.formStatus}`) : t("scoring.formNotStarted")}
        </Tag>
        {m.exemptReason ? <Typography.Text type="secondary">{m.exemptReason}</Typography.Text> : null}
      </Space>
    </List.Item>
  );

  const conflictLine = (c: Conflict) => (
    <List.Item
      key={c.id}
      actions={
        c.status === "declared"
          ? [
              <Button
                key="accept"
                size="small"
                type="link"
                onClick={() => setPending({ kind: "conflict", conflict: c, decision: "accept" })}
                data-testid="conflict-accept"
              >
                {t("scoring.conflictAccept")}
              </Button>,
              <Button
                key="override"
                size="small"
                type="link"
                danger
                onClick={() => setPending({ kind: "conflict", conflict: c, decision: "override" })}
                data-testid="conflict-override"
              >
                {t("scoring.conflictOverride")}
              </Button>,
            ]
          : []
      }
      data-testid="panel-conflict"
    >
      <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
        <Space wrap size={[6, 4]}>
          <span>{c.reviewer.name}</span>
          <Tag color={CONFLICT_COLORS[c.status]}>{t(`scoring.conflictStatus.${c.status}`)}</Tag>
          <Typography.Text type="secondary">{beijingTime(c.createdAt)}</Typography.Text>
        </Space>
        <Typography.Text style={{ overflowWrap: "anywhere" }}>
          {t("scoring.conflictReason", { reason: c.reason })}
        </Typography.Text>
        {c.decisionReason ? (
          <Typography.Text type="secondary">
            {t("scoring.conflictDecision", { reason: c.decisionReason })}
          </Typography.Text>
        ) : null}
      </Space>
    </List.Item>
  );

  return (
    <Card size="small" title={t("scoring.panelTitle")} loading={panel.isPending} data-testid="panel-card">
      {panel.isError ? (
        <Typography.Text type="danger">{errorText(panel.error, i18n.language)}</Typography.Text>
      ) : (
        <Space orientation="vertical" style={{ width: "100%" }}>
          {STAGES.map((stage) => {
            const members = stageOf(stage);
            return (
              <div key={stage} data-testid={`panel-${stage}`}>
                <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
                  <Typography.Text strong>{t(`scoring.stageName.${stage}`)}</Typography.Text>
                  <Button
                    size="small"
                    onClick={() =>
                      setEditing({
                        stage,
                        ids: members.filter((m) => m.status === "active").map((m) => m.reviewer.id),
                      })
                    }
                    data-testid={`panel-edit-${stage}`}
                  >
                    {t("scoring.panelEdit")}
                  </Button>
                </Space>
                {members.length === 0 ? (
                  <Typography.Paragraph type="secondary" style={{ margin: "4px 0 8px" }}>
                    {t("scoring.panelEmpty")}
                  </Typography.Paragraph>
                ) : (
                  <List size="small" dataSource={members} renderItem={(m) => memberLine(stage, m)} />
                )}
              </div>
            );
          })}
          <Typography.Text strong>{t("scoring.conflictsTitle")}</Typography.Text>
          {(panel.data?.conflicts.length ?? 0) === 0 ? (
            <Typography.Text type="secondary">{t("scoring.conflictsNone")}</Typography.Text>
          ) : (
            <List size="small" dataSource={panel.data?.conflicts ?? []} renderItem={conflictLine} />
          )}
        </Space>
      )}
      <Modal
        open={editing !== null}
        title={editing ? t("scoring.panelEditTitle", { stage: t(`scoring.stageName.${editing.stage}`) }) : ""}
        okText={t("common.save")}
        cancelText={t("common.cancel")}
        okButtonProps={{ loading: saving }}
        onOk={() => void savePanel()}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t("scoring.panelEditHint", { n: panelSize })}</Typography.Paragraph>
        {editing ? (
          <ReviewerPicker
            tenant={tenant}
            value={editing.ids}
            known={names}
            max={Math.max(panelSize, 9)}
            onChange={(ids) => setEditing({ ...editing, ids })}
          />
        ) : null}
      </Modal>
      <ReasonModal
        open={pending !== null}
        title={
          pending?.kind === "exempt"
            ? t("scoring.exemptTitle", { name: pending.member.reviewer.name })
            : pending?.decision === "accept"
              ? t("scoring.conflictAcceptTitle", { name: pending.conflict.reviewer.name })
              : t("scoring.conflictOverrideTitle", { name: pending?.conflict.reviewer.name ?? "" })
        }
        description={
          pending?.kind === "exempt"
            ? t("scoring.exemptHint")
            : pending?.decision === "accept"
              ? t("scoring.conflictAcceptHint")
              : t("scoring.conflictOverrideHint")
        }
        okText={t("common.done")}
        danger={pending?.kind === "conflict" && pending.decision === "override"}
        reasonRequired
        label={t("scoring.reasonAudited")}
        onConfirm={async (reason) => {
          if (!pending) return;
          const result =
            pending.kind === "exempt"
              ? await exemptReviewer(tenant, applicationId, {
                  stage: pending.stage,
                  reviewerId: pending.member.reviewer.id,
                  reason: reason ?? "",
                })
              : await decideConflict(tenant, applicationId, pending.conflict.id, pending.decision, reason ?? "");
          done(result);
        }}
        onClose={() => setPending(null)}
      />
    </Card>
  );
}
