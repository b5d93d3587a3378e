import { useTranslation } from "react-i18next";
import { type Language, setLanguage } from "./index.ts";

/** The UI language and a toggle between the two we ship. */
export function useLanguage(): { language: Language; toggle: () => void } {
  const { i18n } = useTranslation();
  const language: Language = i18n.language === "en" ? "en" : "zh-CN";
  const toggle = () => {
    void setLanguage(language === "en" ? "zh-CN" : "en");
  };
  return { language, toggle };
}
