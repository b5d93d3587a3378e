import { Link, useLocation } from "@tanstack/react-router";
import { Menu } from "antd";
import { useTranslation } from "react-i18next";
import type { Role } from "../api/queries.ts";

type Section = "home" | "rounds" | "criteria" | "stats" | "people" | "settings" | "history";

function sectionOf(pathname: string, tenant: string): Section {
  const rest = pathname.slice(`/t/${tenant}`.length);
  if (rest.startsWith("/rounds") || rest.startsWith("/applications")) return "rounds";
  if (rest.startsWith("/criteria")) return "criteria";
  if (rest.startsWith("/stats")) return "stats";
  if (rest.startsWith("/people")) return "people";
  if (rest.startsWith("/settings")) return "settings";
  if (rest.startsWith("/history")) return "history";
  return "home";
}

interface Props {
  tenant: string;
  role: Role;
  /** Tabs above the page on a desktop; a list in the phone menu (AppHeader). */
  mode?: "horizontal" | "inline";
  /** Called when a screen is chosen, e.g. to close the phone menu. */
  onNavigate?: () => void;
}

/** The screens of one office; the admin screens only for tenant admins. */
export function TenantNav({ tenant, role, mode = "horizontal", onNavigate }: Props) {
  const { t } = useTranslation();
  const pathname = useLocation({ select: (location) => location.pathname });
  const params = { tenant };
  const items = [
    {
      key: "home",
      label: (
        <Link to="/t/$tenant" params={params}>
          {role === "unit_staff" ? t("nav.myUnit") : t("nav.units")}
        </Link>
      ),
    },
    {
      key: "rounds",
      label: (
        <Link to="/t/$tenant/rounds" params={params} data-testid="nav-rounds">
          {t("nav.rounds")}
        </Link>
      ),
    },
    {
      key: "criteria",
      label: (
        <Link to="/t/$tenant/criteria" params={params} data-testid="nav-criteria">
          {t("nav.criteria")}
        </Link>
      ),
    },
    ...(role === "unit_staff"
      ? []
      : [
          {
            key: "stats",
            label: (
              <Link to="/t/$tenant/stats" params={params} data-testid="nav-stats">
                {t("nav.stats")}
              </Link>
            ),
          },
        ]),
    ...(role === "tenant_admin"
      ? [
          {
            key: "people",
            label: (
              <Link to="/t/$tenant/people" params={params} data-testid="nav-people">
                {t("nav.people")}
              </Link>
            ),
          },
          {
            key: "settings",
            label: (
              <Link to="/t/$tenant/settings" params={params} data-testid="nav-settings">
                {t("nav.settings")}
              </Link>
            ),
          },
          {
            key: "history",
            label: (
              <Link to="/t/$tenant/history" params={params} data-testid="nav-history">
                {t("nav.history")}
              </Link>
            ),
          },
        ]
      : []),
  ];
  return (
    <Menu
      mode={mode}
      selectedKeys={[sectionOf(pathname, tenant)]}
      items={items}
      onClick={onNavigate}
      style={
        mode === "horizontal"
          ? { marginBottom: 16, background: "transparent" }
          : { borderInlineEnd: "none", borderBottom: "1px solid #f0f0f0", paddingBottom: 8, marginBottom: 8 }
      }
    />
  );
}
