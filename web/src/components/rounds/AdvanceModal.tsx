import { Link } from "@tanstack/react-router";
import { Alert, Form, Input, Modal, Space, Spin, Typography } from "antd";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiFailure } from "../../api/client.ts";
import { errorText } from "../../api/errors.ts";
import { type AdvanceCheck, type Blocker, blockersOf } from "../../api/ranking.ts";
import type { Round } from "../../api/rounds.ts";
import type { RankingSearch } from "../ranking/ranking-search.ts";

const REASON_MAX = 500;
/** Links to the first few applications a blocker names. */
const SAMPLE_LINKS = 5;

interface Props {
  tenant: string;
  round: Round;
  open: boolean;
  /** The next phase's name. */
  phase: string;
  check: AdvanceCheck | undefined;
  checking: boolean;
  checkError: Error | null;
  blocked: boolean;
  onConfirm: (reason: string | undefined) => Promise<unknown>;
  onClose: () => void;
}

/** Where the ranking page shows what a blocker is about. */
function rankingSearchOf(blocker: Blocker): RankingSearch {
  if (blocker.code === "undecided") return { status: "submitted" };
  if (blocker.code === "forms_unsubmitted") return { tab: "rollups" };
  return { status: "city_recommended" };
}

/** One blocker: its message in the UI language with its count, a link to the ranking and to the first few. */
function BlockerLine({ tenant, roundId, blocker }: { tenant: string; roundId: string; blocker: Blocker }) {
  const { t, i18n } = useTranslation();
  const text = i18n.language.startsWith("en") ? blocker.messageEn : blocker.message;
  return (
    <li data-testid="advance-blocker" data-code={blocker.code}>
      <Space wrap size={4}>
        <span>{text}</span>
        <Link to="/t/$tenant/rounds/$roundId/ranking" params={{ tenant, roundId }} search={rankingSearchOf(blocker)}>
          {t("ranking.advance.open")}
        </Link>
        {blocker.applicationIds.slice(0, SAMPLE_LINKS).map((id, i) => (
          <Link key={id} to="/t/$tenant/applications/$applicationId" params={{ tenant, applicationId: id }}>
            {t("ranking.advance.application", { n: i + 1 })}
          </Link>
        ))}
      </Space>
    </li>
  );
}

/** What advancing does beyond the phase change, as sentences ("将关闭 3 份未提交的草稿"). */
function effectLines(t: TFunction, effects: AdvanceCheck["effects"]): string[] {
  const lines: string[] = [];
  if (effects.closesDrafts > 0) lines.push(t("ranking.advance.closesDrafts", { count: effects.closesDrafts }));
  if (effects.marksProvinceScored > 0)
    lines.push(t("ranking.advance.marksProvinceScored", { count: effects.marksProvinceScored }));
  if (effects.refitsCalibration) lines.push(t("ranking.advance.refitsCalibration"));
  return lines;
}

/** The advance confirmation: blockers (from the check, or from the Worker's 409), effects, an optional reason. */
export function AdvanceModal(props: Props) {
  const { tenant, round, open, phase, check, checking, checkError, blocked, onConfirm, onClose } = props;
  const { t, i18n } = useTranslation();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  /** A 409 phase_blocked's own list: newer than the check's. */
  const [refused, setRefused] = useState<Blocker[] | null>(null);
  const blockers = refused ?? check?.blockers ?? [];
  const effects = check ? effectLines(t, check.effects) : [];

  const close = () => {
    setFailure(null);
    setRefused(null);
    onClose();
  };
  const confirm = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await onConfirm(reason.trim() || undefined);
      setReason("");
      close();
    } catch (error) {
      const listed = error instanceof ApiFailure && error.code === "phase_blocked" ? blockersOf(error.current) : null;
      if (listed) setRefused(listed);
      setFailure(errorText(error, i18n.language));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t("rounds.advanceTitle", { phase })}
      okText={t("rounds.advance")}
      okButtonProps={{ loading: busy, disabled: checking || blocked || blockers.length > 0 }}
      cancelText={t("common.cancel")}
      onOk={() => void confirm()}
      onCancel={close}
      destroyOnHidden
    >
      <Typography.Paragraph>{t("rounds.advanceHint")}</Typography.Paragraph>
      {checking && !check ? (
        <Spin size="small">
          <Typography.Paragraph type="secondary">{t("ranking.advance.checking")}</Typography.Paragraph>
        </Spin>
      ) : null}
      {checkError && !refused ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t("ranking.advance.checkFailed")}
          description={errorText(checkError, i18n.language)}
        />
      ) : null}
      {blockers.length > 0 ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t("ranking.advance.blocked")}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="advance-blockers">
              {blockers.map((b) => (
                <BlockerLine key={b.code} tenant={tenant} roundId={round.id} blocker={b} />
              ))}
            </ul>
          }
        />
      ) : null}
      {effects.length > 0 ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t("ranking.advance.effects")}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="advance-effects">
              {effects.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      {check && blockers.length === 0 && effects.length === 0 ? (
        <Typography.Paragraph type="secondary">{t("ranking.advance.ready")}</Typography.Paragraph>
      ) : null}
      <Form layout="vertical">
        <Form.Item
          label={t("common.reasonOptional")}
          validateStatus={failure ? "error" : undefined}
          help={failure ?? undefined}
        >
          <Input.TextArea
            rows={3}
            maxLength={REASON_MAX}
            showCount
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            data-testid="confirm-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
