import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Popconfirm, Table, type TableColumnsType, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { endSession, type SessionItem, sessionsQuery } from "../../api/account.ts";
import { errorText } from "../../api/errors.ts";
import { beijingTime } from "../../format/time.ts";
import { QueryErrorResult } from "../QueryErrorResult.tsx";
import { browserName } from "./user-agent.ts";

/** One's own signed-in sessions, the current one marked; any other can be ended. */
export function SessionsCard() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const sessions = useQuery(sessionsQuery());

  const end = async (session: SessionItem) => {
    try {
      await endSession(session.id);
      void message.success(t("account.sessionEnded"));
    } catch (error) {
      void message.error(errorText(error, i18n.language));
    }
    await queryClient.invalidateQueries({ queryKey: sessionsQuery().queryKey });
  };

  const columns: TableColumnsType<SessionItem> = [
    {
      title: t("account.device"),
      key: "device",
      render: (_, s) => (
        <>
          {browserName(s.userAgent) ?? t("account.unknownDevice")}
          {s.current ? (
            <Tag color="green" style={{ marginInlineStart: 8 }} data-testid="current-session">
              {t("account.thisSession")}
            </Tag>
          ) : null}
        </>
      ),
    },
    { title: t("account.ip"), key: "ip", render: (_, s) => s.ip ?? t("common.none") },
    { title: t("account.signedInAt"), key: "createdAt", render: (_, s) => beijingTime(s.createdAt) },
    { title: t("account.expiresAt"), key: "expiresAt", render: (_, s) => beijingTime(s.expiresAt) },
    {
      title: t("common.actions"),
      key: "actions",
      render: (_, s) =>
        s.current ? null : (
          <Popconfirm
            title={t("account.endConfirm")}
            okText={t("account.end")}
            cancelText={t("common.cancel")}
            okButtonProps={{ danger: true }}
            onConfirm={() => end(s)}
          >
            <Button size="small" danger>
              {t("account.end")}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Card title={t("account.sessions")}>
      {sessions.isError ? (
        <QueryErrorResult error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : (
        <Table<SessionItem>
          rowKey="id"
          size="middle"
          scroll={{ x: 700 }}
          loading={sessions.isPending}
          dataSource={sessions.data?.items ?? []}
          columns={columns}
          pagination={false}
          data-testid="sessions"
        />
      )}
    </Card>
  );
}
