import { Steps, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { PHASES, type Round } from "../../api/rounds.ts";
import { beijingTime } from "../../format/time.ts";

/** The phases as steps; each reached phase shows when (Beijing time) and why it was entered. */
export function PhaseSteps({ round }: { round: Round }) {
  const { t } = useTranslation();
  const current = PHASES.indexOf(round.phase);
  return (
    <Steps
      size="small"
      current={current}
      data-testid="round-steps"
      items={PHASES.map((phase) => {
        const entered = round.timeline.findLast((e) => e.toPhase === phase);
        return {
          title: t(`phase.${phase}`),
          content: entered ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {`${beijingTime(entered.at)}${entered.reason ? ` · ${entered.reason}` : ""}`}
            </Typography.Text>
          ) : null,
        };
      })}
    />
  );
}
