import { App, Button, Space, Tooltip } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type Application, returnApplication, submitApplication, withdrawApplication } from "../../api/applications.ts";
import type { ApiFailure } from "../../api/client.ts";
import { errorText, hasCode } from "../../api/errors.ts";
import type { Role } from "../../api/queries.ts";
import { ReasonModal } from "../ReasonModal.tsx";
import { useAppWrite } from "./use-app-write.ts";

interface Props {
  tenant: string;
  app: Application;
  role: Role | undefined;
  /** A submission refused for missing evidence: the page lists what is missing. */
  onMissing: (error: ApiFailure | null) => void;
  /** Which buttons: the page's summary carries submit, its header the rest. */
  only?: "submit" | "others";
  /** Unsaved edits on the page: submitting waits until they are saved. */
  unsaved?: number;
}

/** Submit and withdraw for the unit, return (with a required reason) for reviewers; each confirmed first. */
export function ApplicationActions({ tenant, app, role, onMissing, only, unsaved = 0 }: Props) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const write = useAppWrite(tenant, app.id);
  const [returning, setReturning] = useState(false);
  const staff = role === "unit_staff";
  const canSubmit = only !== "others" && staff && (app.status === "draft" || app.status === "city_returned");
  const others = only !== "submit";
  const canWithdraw = others && staff && (app.status === "draft" || app.status === "submitted");
  const canReturn = others && (role === "reviewer" || role === "tenant_admin") && app.status === "submitted";

  const confirm = (action: "submit" | "withdraw") =>
    modal.confirm({
      title: t(`application.${action}Title`),
      content: t(`application.${action}Hint`),
      okText: t(`application.${action}`),
      okButtonProps: { danger: action === "withdraw" },
      cancelText: t("common.cancel"),
      onOk: async () => {
        try {
          await write(() => (action === "submit" ? submitApplication(tenant, app) : withdrawApplication(tenant, app)));
          onMissing(null);
          void message.success(t(action === "submit" ? "application.submitted" : "application.withdrawn"));
        } catch (error) {
          if (action === "submit" && hasCode(error, "evidence_incomplete")) onMissing(error);
          else void message.error(errorText(error, i18n.language));
        }
      },
    });

  return (
    <Space wrap>
      {canSubmit ? (
        <Tooltip title={unsaved > 0 ? t("application.saveFirst") : undefined}>
          <Button
            type="primary"
            disabled={unsaved > 0}
            onClick={() => confirm("submit")}
            data-testid="application-submit"
          >
            {t("application.submit")}
          </Button>
        </Tooltip>
      ) : null}
      {canWithdraw ? (
        <Button danger onClick={() => confirm("withdraw")} data-testid="application-withdraw">
          {t("application.withdraw")}
        </Button>
      ) : null}
      {canReturn ? (
        <Button danger onClick={() => setReturning(true)} data-testid="application-return">
          {t("application.return")}
        </Button>
      ) : null}
      <ReasonModal
        open={returning}
        title={t("application.returnTitle")}
        description={t("application.returnHint")}
        okText={t("application.return")}
        danger
        reasonRequired
        onConfirm={async (reason) => {
          await write(() => returnApplication(tenant, app, reason ?? ""));
          void message.success(t("application.returned"));
        }}
        onClose={() => setReturning(false)}
      />
    </Space>
  );
}
