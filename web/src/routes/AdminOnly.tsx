import { Result } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useMembership } from "./use-membership.ts";

/** Screens only a tenant admin may open; others get a plain refusal instead of a wall of 403s. */
export function AdminOnly({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { membership } = useMembership();
  if (membership?.role !== "tenant_admin") {
    return <Result status="403" title={t("tenant.adminOnly")} subTitle={t("tenant.adminOnlyHint")} />;
  }
  return children;
}
