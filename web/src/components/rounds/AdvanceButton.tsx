import { useQueryClient } from "@tanstack/react-query";
import { App, Button } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { advanceRound, PHASES, type Round, roundsKey } from "../../api/rounds.ts";
import { ReasonModal } from "../ReasonModal.tsx";

/** 进入下一阶段, confirmed; the API's 409 (wrong phase, stale) shows in the dialog. */
export function AdvanceButton({ tenant, round }: { tenant: string; round: Round }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const next = PHASES[PHASES.indexOf(round.phase) + 1];
  if (!next) return null;
  const phase = t(`phase.${next}`);
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="round-advance">
        {t("rounds.advance")}
      </Button>
      <ReasonModal
        open={open}
        title={t("rounds.advanceTitle", { phase })}
        description={t("rounds.advanceHint")}
        okText={t("rounds.advance")}
        onConfirm={async (reason) => {
          try {
            await advanceRound(tenant, round, reason);
            void message.success(t("rounds.advanced", { phase }));
          } finally {
            await queryClient.invalidateQueries({ queryKey: roundsKey(tenant) });
          }
        }}
        onClose={() => setOpen(false)}
      />
    </>
  );
}
