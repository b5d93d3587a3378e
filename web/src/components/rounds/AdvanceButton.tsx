import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Badge, Button, Tooltip } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { advanceCheckQuery } from "../../api/ranking.ts";
import { advanceRound, PHASES, type Round, roundsKey } from "../../api/rounds.ts";
import { AdvanceModal } from "./AdvanceModal.tsx";

/**
 * 进入下一阶段: before the click the button says whether anything blocks it (a badge with the count, the list on
 * hover); the dialog lists the blockers with links and what advancing will close; a 409 phase_blocked shows the
 * Worker's own list.
 */
export function AdvanceButton({ tenant, round }: { tenant: string; round: Round }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const next = PHASES[PHASES.indexOf(round.phase) + 1];
  const check = useQuery({ ...advanceCheckQuery(tenant, round.id), enabled: next !== undefined });
  if (!next) return null;
  const phase = t(`phase.${next}`);
  const blockers = check.data?.blockers ?? [];
  const blocked = blockers.reduce((sum, b) => sum + b.count, 0);
  return (
    <>
      <Tooltip title={blockers.length > 0 ? t("ranking.advance.blockedShort", { count: blockers.length }) : undefined}>
        <Badge count={blockers.length} size="small" offset={[-4, 4]} data-testid="round-advance-blockers">
          <Button
            type="primary"
            onClick={() => {
              void check.refetch();
              setOpen(true);
            }}
            data-testid="round-advance"
          >
            {t("rounds.advance")}
          </Button>
        </Badge>
      </Tooltip>
      <AdvanceModal
        tenant={tenant}
        round={round}
        open={open}
        phase={phase}
        check={check.data}
        checking={check.isFetching}
        checkError={check.error}
        blocked={blocked > 0}
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
