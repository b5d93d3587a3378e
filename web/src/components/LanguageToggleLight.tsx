import { useTranslation } from "react-i18next";
import { useLanguage } from "../i18n/use-language.ts";

/** The language switch for pages without antd. */
export function LanguageToggleLight() {
  const { t } = useTranslation();
  const { toggle } = useLanguage();
  return (
    <button
      type="button"
      className="wm-button"
      onClick={toggle}
      aria-label={t("nav.switchLanguageLabel")}
      data-testid="lang-switch"
    >
      {t("nav.switchLanguage")}
    </button>
  );
}
