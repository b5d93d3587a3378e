import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { App, Button, Drawer, Menu, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { signOut } from "../api/auth.ts";
import { ApiFailure } from "../api/client.ts";
import { meQuery, type Role } from "../api/queries.ts";
import { useLanguage } from "../i18n/use-language.ts";
import { LanguageToggleLight } from "./LanguageToggleLight.tsx";
import { usePhone } from "./responsive.ts";
import { roleLabel } from "./role-label.ts";
import { TenantNav } from "./TenantNav.tsx";

interface Props {
  tenantName?: string | undefined;
  userRole?: Role | "platform_admin" | undefined;
  /** Inside an office: its slug, whose screens the phone menu lists (the page shows them as tabs on a desktop). */
  tenant?: string | undefined;
  /** On the sign-in page there is nobody to show; asking /me there would only log a 401. */
  anonymous?: boolean;
}

/**
 * Top bar of the signed-in app: who you are, where you are, language, sign-out.
 * On a phone the bar keeps only the name and a menu button; the menu holds the office's screens and all of that.
 */
export function AppHeader({ tenantName, userRole, tenant, anonymous = false }: Props) {
  const { t, i18n } = useTranslation();
  const phone = usePhone();
  const { toggle: toggleLanguage } = useLanguage();
  const [menuOpen, setMenuOpen] = useState(false);
  const me = useQuery({ ...meQuery(), enabled: !anonymous });
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [leaving, setLeaving] = useState(false);

  const onSignOut = async () => {
    setLeaving(true);
    try {
      await signOut();
    } catch (error) {
      // The cookie may already be gone; the user still wants out, so only say why it looked odd.
      if (error instanceof ApiFailure) void message.warning(error.localized(i18n.language));
    }
    queryClient.clear();
    await navigate({ to: "/login" });
  };

  if (phone) {
    const closeMenu = () => setMenuOpen(false);
    return (
      <header className="wm-topbar">
        <Link to="/" className="wm-brand">
          {t("app.name")}
        </Link>
        <span className="wm-topbar-spacer" />
        {me.data ? (
          <button
            type="button"
            className="wm-button wm-topbar-menu"
            onClick={() => setMenuOpen(true)}
            aria-label={t("nav.menu")}
            aria-expanded={menuOpen}
            data-testid="header-menu"
          >
            <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
              <path d="M2 3.5h12M2 8h12M2 12.5h12" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
            </svg>
            {t("nav.menu")}
          </button>
        ) : (
          <LanguageToggleLight />
        )}
        {me.data ? (
          <Drawer
            open={menuOpen}
            onClose={closeMenu}
            placement="right"
            size={300}
            title={
              <div className="wm-menu-who">
                <span data-testid="current-user">{me.data.user.displayName}</span>
                {userRole ? (
                  <Tag color="gold" data-testid="user-role" style={{ marginInlineEnd: 0 }}>
                    {roleLabel(t, userRole)}
                  </Tag>
                ) : null}
                {tenantName ? (
                  <Typography.Text type="secondary" className="wm-menu-tenant" data-testid="tenant-name">
                    {tenantName}
                  </Typography.Text>
                ) : null}
              </div>
            }
            styles={{ body: { padding: "8px 0" } }}
            footer={
              <Button block danger onClick={() => void onSignOut()} loading={leaving} data-testid="sign-out">
                {t("nav.signOut")}
              </Button>
            }
            data-testid="header-menu-drawer"
          >
            {tenant && userRole && userRole !== "platform_admin" ? (
              <TenantNav tenant={tenant} role={userRole} mode="inline" onNavigate={closeMenu} />
            ) : null}
            <Menu
              mode="inline"
              selectable={false}
              style={{ borderInlineEnd: "none" }}
              items={[
                {
                  key: "account",
                  label: (
                    <Link to="/account" onClick={closeMenu} data-testid="my-account">
                      {t("nav.account")}
                    </Link>
                  ),
                },
                {
                  key: "language",
                  title: t("nav.switchLanguageLabel"),
                  label: <span data-testid="lang-switch">{t("nav.switchLanguage")}</span>,
                  onClick: toggleLanguage,
                },
              ]}
            />
          </Drawer>
        ) : null}
      </header>
    );
  }

  return (
    <header className="wm-topbar">
      <Link to="/" className="wm-brand">
        {t("app.name")}
        {tenantName ? <small data-testid="tenant-name">{tenantName}</small> : null}
      </Link>
      <span className="wm-topbar-spacer" />
      <Space size="small" wrap={false}>
        {me.data ? (
          <span className="wm-topbar-user" data-testid="current-user">
            {me.data.user.displayName}
          </span>
        ) : null}
        {userRole ? (
          <Tag color="gold" data-testid="user-role" style={{ marginInlineEnd: 0 }}>
            {roleLabel(t, userRole)}
          </Tag>
        ) : null}
        <LanguageToggleLight />
        {me.data ? (
          <Link to="/account" className="wm-button" data-testid="my-account">
            {t("nav.account")}
          </Link>
        ) : null}
        {me.data ? (
          <button
            type="button"
            className="wm-button wm-button-solid"
            onClick={() => void onSignOut()}
            disabled={leaving}
            data-testid="sign-out"
          >
            {t("nav.signOut")}
          </button>
        ) : null}
      </Space>
    </header>
  );
}
