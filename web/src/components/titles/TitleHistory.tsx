import { Timeline, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { Award } from "../../api/awards.ts";

type Event = Award["history"][number];

const COLORS: Record<Event["kind"], string> = {
  named: "green",
  recorded: "green",
  kept: "blue",
  warned: "orange",
  restored: "green",
  revoked: "red",
  lapsed: "gray",
};

/** A title's history, oldest first: what happened, when, and the reasons (the office's own and the public one). */
export function TitleHistory({ history }: { history: Event[] }) {
  const { t } = useTranslation();
  if (history.length === 0) return null;
  return (
    <Timeline
      style={{ marginTop: 12, marginBottom: 0 }}
      data-testid="award-history"
      items={history.map((e, i) => ({
        key: `${e.kind}-${e.effectiveOn}-${i}`,
        color: COLORS[e.kind],
        content: (
          <div data-testid="award-event" data-kind={e.kind}>
            <Typography.Text>
              {e.effectiveOn} {t(`titles.event.${e.kind}`)}
            </Typography.Text>
            {e.round ? <Typography.Text type="secondary">（{e.round.title}）</Typography.Text> : null}
            {e.deadline ? (
              <div>
                <Typography.Text type="warning">{t("titles.deadline", { date: e.deadline })}</Typography.Text>
              </div>
            ) : null}
            {e.publicReason ? (
              <div>
                <Typography.Text type="secondary">
                  {t("titles.publicReasonIs", { reason: e.publicReason })}
                </Typography.Text>
              </div>
            ) : null}
            {e.reason ? (
              <div>
                <Typography.Text type="secondary">{t("titles.reasonIs", { reason: e.reason })}</Typography.Text>
              </div>
            ) : null}
          </div>
        ),
      }))}
    />
  );
}
