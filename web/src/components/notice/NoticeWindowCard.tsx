import { Link } from "@tanstack/react-router";
import { Card, Descriptions, Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { RoundNotice } from "../../api/notice.ts";
import { beijingTime } from "../../format/time.ts";
import { daysUntil } from "./dates.ts";

type Notice = NonNullable<RoundNotice["notice"]>;

/** Three on a desktop: a Beijing date-time needs the width to stay on one line. */
const WINDOW_COLUMNS = { xs: 1, sm: 2, lg: 3 };

/** The notice's window in Beijing time, whether it runs, how long is left, and the page the public reads. */
export function NoticeWindowCard({ tenant, roundId, notice }: { tenant: string; roundId: string; notice: Notice }) {
  const { t } = useTranslation();
  const state = notice.ended ? "ended" : notice.open ? "open" : "pending";
  const color = { ended: "default", open: "processing", pending: "warning" }[state];
  return (
    <Card title={<span style={{ whiteSpace: "normal" }}>{notice.title}</span>} data-testid="notice-window">
      <Descriptions size="small" column={WINDOW_COLUMNS}>
        <Descriptions.Item label={t("notice.window.state")}>
          <Tag color={color} data-testid="notice-state" data-state={state}>
            {t(`notice.window.${state}`)}
          </Tag>
          {state === "ended" ? null : (
            <span data-testid="notice-days-left">
              {t("notice.window.daysLeft", { count: daysUntil(notice.endsAt) })}
            </span>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t("notice.window.starts")}>
          <span data-testid="notice-starts">{beijingTime(notice.startsAt)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t("notice.window.ends")}>
          <span data-testid="notice-ends">{beijingTime(notice.endsAt)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t("notice.window.issuer")}>{notice.issuer}</Descriptions.Item>
        <Descriptions.Item label={t("notice.window.publicPage")}>
          <Link
            to="/offices/$tenant/notices/$roundId"
            params={{ tenant, roundId }}
            target="_blank"
            data-testid="notice-public-link"
          >
            {t("notice.window.openPublic")}
          </Link>
        </Descriptions.Item>
        {/* The contact is a sentence or two: a row of its own, so the times beside stay on one line. */}
        <Descriptions.Item label={t("notice.window.contact")} span="filled">
          {notice.contact}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
