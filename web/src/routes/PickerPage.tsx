import { useSuspenseQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Card, Empty, List, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { meQuery } from "../api/queries.ts";
import { AppHeader } from "../components/AppHeader.tsx";
import { roleLabel } from "../components/role-label.ts";

/** For users in several offices (or none): pick where to work. */
export function PickerPage() {
  const { t } = useTranslation();
  const { data: me } = useSuspenseQuery(meQuery());
  return (
    <>
      <AppHeader userRole={me.user.platformAdmin ? "platform_admin" : undefined} />
      <main className="wm-page">
        <Card title={t("picker.title")}>
          {me.memberships.length === 0 ? (
            <Empty description={`${t("picker.empty")}。${t("picker.emptyHint")}`} />
          ) : (
            <List
              data-testid="membership-list"
              dataSource={me.memberships}
              renderItem={(m) => (
                <List.Item
                  key={`${m.tenant.slug}:${m.role}`}
                  extra={
                    <Link to="/t/$tenant" params={{ tenant: m.tenant.slug }}>
                      {t("picker.enter")} →
                    </Link>
                  }
                >
                  <List.Item.Meta
                    title={m.tenant.name}
                    description={
                      <>
                        <Tag>{roleLabel(t, m.role)}</Tag>
                        {m.unit?.name ?? m.jurisdiction?.name ?? null}
                      </>
                    }
                  />
                </List.Item>
              )}
            />
          )}
        </Card>
      </main>
    </>
  );
}
