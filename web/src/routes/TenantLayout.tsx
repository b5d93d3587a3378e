import { Link, Outlet } from "@tanstack/react-router";
import { Result } from "antd";
import { useTranslation } from "react-i18next";
import { AppHeader } from "../components/AppHeader.tsx";
import { usePhone } from "../components/responsive.ts";
import { TenantNav } from "../components/TenantNav.tsx";
import { useMembership } from "./use-membership.ts";

/** Frame of every page inside one office; refuses politely when the user is not a member there. */
export function TenantLayout() {
  const { t } = useTranslation();
  const { tenant, membership } = useMembership();
  const phone = usePhone();
  if (!membership) {
    return (
      <>
        <AppHeader />
        <main className="wm-page">
          <Result
            status="404"
            title={t("tenant.notMember")}
            subTitle={t("tenant.notMemberHint")}
            extra={
              <Link to="/" className="ant-btn ant-btn-primary">
                {t("common.backHome")}
              </Link>
            }
          />
        </main>
      </>
    );
  }
  return (
    <>
      <AppHeader tenantName={membership.tenant.name} userRole={membership.role} tenant={tenant} />
      <main className="wm-page wm-page-wide">
        {/* On a phone the office's screens are in the header's menu. */}
        {phone ? null : <TenantNav tenant={tenant} role={membership.role} />}
        <Outlet />
      </main>
    </>
  );
}
