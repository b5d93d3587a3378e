import { Button } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

interface Props {
  /** Once the action has run, only 完成 is left: what it produced (a one-time link, a report) stays on screen. */
  done: boolean;
  onClose: () => void;
  action: {
    label: ReactNode;
    onClick: () => void;
    loading: boolean;
    disabled?: boolean;
    testId: string;
  };
  doneTestId?: string;
}

/** A dialog footer for an action whose result must be read before closing: cancel or act, then done. */
export function ActionFooter({ done, onClose, action, doneTestId }: Props) {
  const { t } = useTranslation();
  if (done) {
    return (
      <Button type="primary" onClick={onClose} data-testid={doneTestId}>
        {t("common.done")}
      </Button>
    );
  }
  return (
    <>
      <Button onClick={onClose}>{t("common.cancel")}</Button>
      <Button
        type="primary"
        loading={action.loading}
        disabled={action.disabled}
        onClick={action.onClick}
        data-testid={action.testId}
      >
        {action.label}
      </Button>
    </>
  );
}
