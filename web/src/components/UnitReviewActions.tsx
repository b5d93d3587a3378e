import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../api/errors.ts";
import { keys, type UnitDetail, unitDetailQuery } from "../api/queries.ts";
import { todoKey } from "../api/todo.ts";
import { approveUnit, rejectUnit } from "../api/unit-review.ts";
import { ReasonModal } from "./ReasonModal.tsx";

/** Approve (confirmed) or reject (with a reason) a pending unit. */
export function UnitReviewActions({ tenant, unit }: { tenant: string; unit: UnitDetail }) {
  const { t, i18n } = useTranslation();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [rejecting, setRejecting] = useState(false);
  const settle = (fresh: UnitDetail) => {
    queryClient.setQueryData(unitDetailQuery(tenant, unit.id).queryKey, fresh);
    void queryClient.invalidateQueries({ queryKey: [...keys.tenant(tenant), "units"] });
    // The home's 待审核 count comes from the to-do list.
    void queryClient.invalidateQueries({ queryKey: todoKey(tenant) });
  };
  const approve = useMutation({
    mutationFn: () => approveUnit(tenant, unit),
    onSuccess: (fresh) => {
      settle(fresh);
      void message.success(t("review.approved"));
    },
    onError: (error) => {
      void message.error(errorText(error, i18n.language));
      void queryClient.invalidateQueries({ queryKey: unitDetailQuery(tenant, unit.id).queryKey });
    },
  });

  return (
    <Space>
      <Button
        type="primary"
        loading={approve.isPending}
        onClick={() =>
          modal.confirm({
            title: t("review.approveTitle"),
            content: t("review.approveText", { name: unit.name }),
            okText: t("review.approve"),
            cancelText: t("common.cancel"),
            onOk: () => approve.mutateAsync().catch(() => undefined),
          })
        }
        data-testid="unit-approve"
      >
        {t("review.approve")}
      </Button>
      <Button danger onClick={() => setRejecting(true)} data-testid="unit-reject">
        {t("review.reject")}
      </Button>
      <ReasonModal
        open={rejecting}
        title={t("review.rejectTitle")}
        description={t("review.rejectText", { name: unit.name })}
        okText={t("review.reject")}
        danger
        reasonRequired
        onConfirm={async (reason) => settle(await rejectUnit(tenant, unit, reason ?? ""))}
        onClose={() => setRejecting(false)}
      />
    </Space>
  );
}
