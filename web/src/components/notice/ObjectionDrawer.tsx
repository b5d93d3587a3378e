import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Descriptions, Divider, Drawer, Form, Input, Radio, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../../api/errors.ts";
import {
  type FindingInput,
  noticeKey,
  type Objection,
  type ObjectionChanges,
  recordFinding,
  updateObjection,
} from "../../api/notice.ts";
import { roundsKey } from "../../api/rounds.ts";
import { beijingTime } from "../../format/time.ts";
import { AssigneePicker } from "./AssigneePicker.tsx";
import { ObjectionStatusTag } from "./ObjectionStatusTag.tsx";

interface Props {
  tenant: string;
  roundId: string;
  objection: Objection | null;
  /** Provincial reviewers and admins handle; city reviewers only read. */
  canHandle: boolean;
  admin: boolean;
  onClose: () => void;
}

/** What the person wrote and who they are: the handler's reading, never shown back to the public. */
function Lodged({ o }: { o: Objection }) {
  const { t } = useTranslation();
  const none = t("common.none");
  return (
    <Descriptions size="small" column={1} bordered>
      <Descriptions.Item label={t("notice.objections.reference")}>{o.reference}</Descriptions.Item>
      <Descriptions.Item label={t("notice.unit")}>{o.unitName}</Descriptions.Item>
      <Descriptions.Item label={t("notice.objections.lodgedAt")}>{beijingTime(o.lodgedAt)}</Descriptions.Item>
      <Descriptions.Item label={t("notice.objections.status")}>
        <ObjectionStatusTag status={o.status} />
      </Descriptions.Item>
      <Descriptions.Item label={t("notice.drawer.text")}>
        <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }} data-testid="objection-text">
          {o.text}
        </Typography.Paragraph>
      </Descriptions.Item>
      <Descriptions.Item label={t("notice.drawer.name")}>{o.name ?? t("notice.drawer.anonymous")}</Descriptions.Item>
      <Descriptions.Item label={t("notice.drawer.contact")}>{o.contact}</Descriptions.Item>
      {o.onBehalfOfUnit ? (
        <Descriptions.Item label={t("notice.drawer.onBehalfOf")}>
          {o.onBehalfOfUnit}
          {o.sealStatement ? <div>{t("notice.drawer.seal", { text: o.sealStatement })}</div> : null}
        </Descriptions.Item>
      ) : null}
      {o.finding ? (
        <Descriptions.Item label={t("notice.drawer.finding")}>
          <span data-testid="objection-finding">{o.finding}</span>
        </Descriptions.Item>
      ) : null}
      {o.finding ? <Descriptions.Item label={t("notice.drawer.reply")}>{o.reply ?? none}</Descriptions.Item> : null}
      {o.decidedAt ? (
        <Descriptions.Item label={t("notice.drawer.decidedAt")}>{beijingTime(o.decidedAt)}</Descriptions.Item>
      ) : null}
    </Descriptions>
  );
}

/** Assign, investigate, keep notes, then record the finding; every save is on the version read, then refetched. */
function Handling({
  tenant,
  roundId,
  objection: o,
  admin,
}: Omit<Props, "objection" | "onClose" | "canHandle"> & { objection: Objection }) {
  const { t, i18n } = useTranslation();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [assignee, setAssignee] = useState<string | null>(o.assignee?.id ?? null);
  const [notes, setNotes] = useState(o.notes);
  const [finding, setFinding] = useState<Partial<FindingInput>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const open = o.status === "received" || o.status === "investigating";

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: noticeKey(tenant, roundId) }),
      queryClient.invalidateQueries({ queryKey: roundsKey(tenant) }),
    ]);
  const run = async (what: string, action: () => Promise<unknown>, done: string) => {
    setBusy(what);
    setFailure(null);
    try {
      await action();
      void message.success(done);
    } catch (error) {
      setFailure(errorText(error, i18n.language));
    } finally {
      setBusy(null);
      await refresh();
    }
  };
  const update = (what: string, changes: ObjectionChanges) =>
    run(what, () => updateObjection(tenant, o, changes), t("notice.drawer.saved"));

  const decide = () => {
    const { result, finding: text, reply } = finding;
    if (!result || !text || text.trim().length < 5) {
      setFailure(t("notice.drawer.findingRequired"));
      return;
    }
    modal.confirm({
      title: t(`notice.drawer.confirm.${result}.title`),
      content: t(`notice.drawer.confirm.${result}.text`, { unit: o.unitName }),
      okText: t(`notice.result.${result}`),
      okButtonProps: { danger: result === "upheld", "data-testid": "objection-finding-confirm" },
      cancelText: t("common.cancel"),
      onOk: () =>
        run(
          "finding",
          () =>
            recordFinding(tenant, o, {
              result,
              finding: text.trim(),
              ...(reply?.trim() ? { reply: reply.trim() } : {}),
            }),
          t("notice.drawer.decided"),
        ),
    });
  };

  return (
    <>
      {failure ? (
        <Alert type="error" showIcon title={failure} style={{ marginTop: 12 }} data-testid="objection-error" />
      ) : null}
      <Divider titlePlacement="start">{t("notice.drawer.handling")}</Divider>
      <Form layout="vertical">
        <Form.Item label={t("notice.drawer.assignee")}>
          <Space.Compact style={{ width: "100%" }}>
            <AssigneePicker
              tenant={tenant}
              roundId={roundId}
              admin={admin}
              value={assignee}
              known={o.assignee}
              onChange={setAssignee}
            />
            <Button
              onClick={() => void update("assign", { assigneeUserId: assignee })}
              loading={busy === "assign"}
              disabled={!open || assignee === (o.assignee?.id ?? null)}
              data-testid="objection-assign"
            >
              {t("notice.drawer.assign")}
            </Button>
          </Space.Compact>
        </Form.Item>
        {o.status === "received" ? (
          <Form.Item>
            <Button
              onClick={() => void update("investigate", { investigating: true })}
              loading={busy === "investigate"}
              data-testid="objection-investigate"
            >
              {t("notice.drawer.investigate")}
            </Button>
          </Form.Item>
        ) : null}
        <Form.Item label={t("notice.drawer.notes")} extra={t("notice.drawer.notesInternal")}>
          <Input.TextArea
            rows={3}
            maxLength={4000}
            value={notes}
            onChange={(e) => setNotes(e.target.value)}
            data-testid="objection-notes"
          />
        </Form.Item>
        <Button
          onClick={() => void update("notes", { notes })}
          loading={busy === "notes"}
          disabled={notes === o.notes}
          data-testid="objection-notes-save"
        >
          {t("notice.drawer.saveNotes")}
        </Button>
      </Form>
      {open ? (
        <>
          <Divider titlePlacement="start">{t("notice.drawer.findingTitle")}</Divider>
          <Form layout="vertical">
            <Form.Item label={t("notice.drawer.result")} required>
              <Radio.Group
                value={finding.result}
                onChange={(e) => setFinding({ ...finding, result: e.target.value })}
                data-testid="objection-result"
              >
                <Radio value="upheld" data-testid="objection-result-upheld">
                  {t("notice.result.upheld")}
                </Radio>
                <Radio value="not_upheld" data-testid="objection-result-not-upheld">
                  {t("notice.result.not_upheld")}
                </Radio>
              </Radio.Group>
            </Form.Item>
            {finding.result === "upheld" ? (
              <Alert type="warning" showIcon title={t("notice.drawer.upheldWarning")} style={{ marginBottom: 12 }} />
            ) : null}
            <Form.Item label={t("notice.drawer.finding")} required extra={t("notice.drawer.findingHint")}>
              <Input.TextArea
                rows={3}
                maxLength={2000}
                showCount
                value={finding.finding}
                onChange={(e) => setFinding({ ...finding, finding: e.target.value })}
                data-testid="objection-finding-text"
              />
            </Form.Item>
            <Form.Item label={t("notice.drawer.reply")} extra={t("notice.drawer.replyHint")}>
              <Input.TextArea
                rows={2}
                maxLength={1000}
                showCount
                value={finding.reply}
                onChange={(e) => setFinding({ ...finding, reply: e.target.value })}
                data-testid="objection-reply"
              />
            </Form.Item>
            <Button type="primary" onClick={decide} loading={busy === "finding"} data-testid="objection-decide">
              {t("notice.drawer.decide")}
            </Button>
          </Form>
        </>
      ) : null}
    </>
  );
}

/** One objection: what was lodged, and (for its handlers) the handling. */
export function ObjectionDrawer({ tenant, roundId, objection, canHandle, admin, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Drawer
      open={objection !== null}
      onClose={onClose}
      title={t("notice.drawer.title", { reference: objection?.reference ?? "" })}
      size="large"
      styles={{ wrapper: { maxWidth: "100vw" } }}
      destroyOnHidden
      data-testid="objection-drawer"
    >
      {objection ? (
        <>
          <Lodged o={objection} />
          {canHandle ? (
            <Handling
              // A new version (after a save) starts the form from what the server holds.
              key={`${objection.id}:${objection.version}`}
              tenant={tenant}
              roundId={roundId}
              objection={objection}
              admin={admin}
            />
          ) : null}
        </>
      ) : null}
    </Drawer>
  );
}
