import { Form, Input, Modal, Typography } from "antd";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../api/errors.ts";

interface Props {
  open: boolean;
  title: string;
  description: string;
  okText: string;
  danger?: boolean;
  /** The reason must be given (e.g. rejecting a unit: its staff will read it). */
  reasonRequired?: boolean;
  /** Runs the action; a rejection keeps the dialog open and shows why. */
  onConfirm: (reason: string | undefined) => Promise<unknown>;
  onClose: () => void;
  /** The reason field's label when it should say who reads it, e.g. "原因（必填，将记入操作记录）". */
  label?: string;
  /** Extra fields above the reason (e.g. a verdict). */
  children?: ReactNode;
}

const REASON_MAX = 500;

/** Confirmation before a state change, with an optional reason that goes into the history. */
export function ReasonModal(props: Props) {
  const {
    open,
    title,
    description,
    okText,
    danger = false,
    reasonRequired = false,
    onConfirm,
    onClose,
    label,
    children,
  } = props;
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
      okButtonProps={{ danger, loading: busy, disabled: reasonRequired && reason.trim().length < 2 }}
      cancelText={t("common.cancel")}
      onOk={() => void confirm()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>{description}</Typography.Paragraph>
      <Form layout="vertical">
        {children}
        <Form.Item
          label={label ?? (reasonRequired ? t("common.reasonRequired") : t("common.reasonOptional"))}
          required={reasonRequired}
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
