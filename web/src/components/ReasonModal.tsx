import { Form, Input, Modal, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../api/errors.ts";

interface Props {
  open: boolean;
  title: string;
  description: string;
  okText: string;
  danger?: boolean;
  /** Runs the action; a rejection keeps the dialog open and shows why. */
  onConfirm: (reason: string | undefined) => Promise<unknown>;
  onClose: () => void;
}

const REASON_MAX = 500;

/** Confirmation before a state change, with an optional reason that goes into the history. */
export function ReasonModal({ open, title, description, okText, danger = false, onConfirm, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const confirm = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await onConfirm(reason.trim() || undefined);
      setReason("");
      onClose();
    } catch (error) {
      setFailure(errorText(error, i18n.language));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={{ danger, loading: busy }}
      cancelText={t("common.cancel")}
      onOk={() => void confirm()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>{description}</Typography.Paragraph>
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
