import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./en.json";
import zhCN from "./zh-CN.json";

export const LANGUAGES = ["zh-CN", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = "wm.lang";

function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** Chinese unless the user chose English before; storage may be blocked (private mode), so guard it. */
function savedLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return isLanguage(saved) ? saved : "zh-CN";
  } catch {
    return "zh-CN";
  }
}

function applyToDocument(language: Language): void {
  document.documentElement.lang = language;
}

export async function setLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not persisted; the switch still applies to this page.
  }
  applyToDocument(language);
  await i18next.changeLanguage(language);
}

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : "zh-CN";
}

const initial = savedLanguage();
applyToDocument(initial);

// Resources are bundled (both are small), so init completes synchronously and nothing flashes untranslated.
void i18next.use(initReactI18next).init({
  resources: { "zh-CN": { translation: zhCN }, en: { translation: en } },
  lng: initial,
  fallbackLng: "zh-CN",
  interpolation: { escapeValue: false },
  initAsync: false,
});

export { i18next };

// Typed keys: a misspelt translation key is a compile error, not a blank label.
declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof zhCN };
  }
}
