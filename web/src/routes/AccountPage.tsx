import { useSuspenseQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { meQuery } from "../api/queries.ts";
import { AppHeader } from "../components/AppHeader.tsx";
import { PasswordCard } from "../components/account/PasswordCard.tsx";
import { SessionsCard } from "../components/account/SessionsCard.tsx";
import { homeTarget } from "./home-target.ts";

/** `/account`: one's own password and signed-in sessions. */
export function AccountPage() {
  const { t } = useTranslation();
  const { data: me } = useSuspenseQuery(meQuery());
  return (
    <>
      <AppHeader userRole={me.user.platformAdmin && me.memberships.length === 0 ? "platform_admin" : undefined} />
      <main className="wm-page">
        <Space orientation="vertical" size="large" style={{ width: "100%" }}>
          <div>
            <Link {...homeTarget(me)}>← {t("account.back")}</Link>
            <Typography.Title level={3} style={{ margin: "8px 0 0" }}>
              {t("account.title")}
            </Typography.Title>
            <Typography.Text type="secondary" data-testid="account-email">
              {me.user.email}
            </Typography.Text>
          </div>
          <PasswordCard />
          <SessionsCard />
        </Space>
      </main>
    </>
  );
}
