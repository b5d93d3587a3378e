import { useQueryClient } from "@tanstack/react-query";
import { App, Button } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { applyOutcome } from "../../../../worker/domain/title-outcomes.ts";
import { TITLE_OUTCOMES } from "../../../../worker/domain/vocabulary.ts";
import { type Award, awardsKey } from "../../api/awards.ts";
import { applyAwardOutcome } from "../../api/titles.ts";
import { titleName } from "../awards/title-name.ts";
import { OutcomeModal } from "./OutcomeModal.tsx";

/** 调整称号状态: one title's outcome between rounds (e.g. a veto event reported by a department revokes it). */
export function TitleOutcomeButton({ tenant, unitId, award }: { tenant: string; unitId: string; award: Award }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const allowed = TITLE_OUTCOMES.filter((o) => applyOutcome(award.state, o).ok);
  // Revoked, lapsed and expired titles take no outcome.
  if (allowed.length === 0) return null;
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid="award-outcome">
        {t("titles.adjust")}
      </Button>
      <OutcomeModal
        open={open}
        title={t("titles.adjustTitle", { title: titleName(t, award.level) })}
        allowed={allowed}
        onSubmit={async (input) => {
          try {
            await applyAwardOutcome(tenant, unitId, award, input);
            void message.success(t("titles.saved"));
          } finally {
            await queryClient.invalidateQueries({ queryKey: awardsKey(tenant, unitId) });
          }
        }}
        onClose={() => setOpen(false)}
      />
    </>
  );
}
