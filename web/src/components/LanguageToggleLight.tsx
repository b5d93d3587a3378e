import { useTranslation } from "react-i18next";
import { useLanguage } from "../i18n/use-language.ts";

/** The language switch for pages without antd. */
export function LanguageToggleLight() {
  const { t } = useTranslation();
  const { language, toggle } = useLanguage();
  return (
    <button
      type="button"
      className="wm-button"
      onClick={toggle}
      // The visible word is the accessible name (WCAG 2.5.3, label in name); the title says what it does.
      title={t("nav.switchLanguageLabel")}
      lang={language === "en" ? "zh-CN" : "en"}
      data-testid="lang-switch"
    >
      {t("nav.switchLanguage")}
    </button>
  );
}
