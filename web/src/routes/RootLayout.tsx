import { Outlet } from "@tanstack/react-router";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";

/** The bare root: no UI kit here, so the public page does not pay for one. */
export function RootLayout() {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t("app.name");
  }, [t]);
  return <Outlet />;
}
