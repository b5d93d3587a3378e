import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { App, Space, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { signOut } from "../api/auth.ts";
import { ApiFailure } from "../api/client.ts";
import { meQuery, type Role } from "../api/queries.ts";
import { LanguageToggleLight } from "./LanguageToggleLight.tsx";
import { roleLabel } from "./role-label.ts";

interface Props {
  tenantName?: string | undefined;
  userRole?: Role | "platform_admin" | undefined;
  /** On the sign-in page there is nobody to show; asking /me there would only log a 401. */
  anonymous?: boolean;
}

/** Top bar of the signed-in app: who you are, where you are, language, sign-out. */
export function AppHeader({ tenantName, userRole, anonymous = false }: Props) {
  const { t, i18n } = useTranslation();
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
