import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { LanguageToggleLight } from "./LanguageToggleLight.tsx";

export function PublicHeader() {
  const { t } = useTranslation();
  return (
    <header className="wm-topbar">
      <Link to="/" className="wm-brand">
        {t("app.name")}
        <small>{t("app.tagline")}</small>
      </Link>
      <span className="wm-topbar-spacer" />
      <LanguageToggleLight />
      <Link to="/login" className="wm-button wm-button-solid" data-testid="sign-in-link">
        {t("nav.signIn")}
      </Link>
    </header>
  );
}
