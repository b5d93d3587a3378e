import { useBlocker } from "@tanstack/react-router";
import { App } from "antd";
import { useRef } from "react";
import { useTranslation } from "react-i18next";

/** Asks before leaving with unsaved changes (in-app navigation and tab close); `release` lets one save-and-go pass. */
export function useUnsavedGuard(dirty: boolean) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const released = useRef(false);
  useBlocker({
    shouldBlockFn: () => {
      if (!dirty || released.current) return false;
      return new Promise<boolean>((resolve) => {
        modal.confirm({
          title: t("program.leaveTitle"),
          content: t("program.leaveText"),
          okText: t("program.leave"),
          okButtonProps: { danger: true },
          cancelText: t("program.stay"),
          onOk: () => resolve(false),
          onCancel: () => resolve(true),
        });
      });
    },
    enableBeforeUnload: () => dirty && !released.current,
  });
  return {
    release: () => {
      released.current = true;
    },
  };
}
