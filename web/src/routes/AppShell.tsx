import "dayjs/locale/zh-cn";
import { Outlet } from "@tanstack/react-router";
import { App, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import dayjs from "dayjs";
import { useEffect } from "react";
import { usePhone } from "../components/responsive.ts";
import { useLanguage } from "../i18n/use-language.ts";

const theme = { token: { colorPrimary: "#c0262d", borderRadius: 6 } };
/**
 * On a phone a table without its own `scroll` is as wide as its content and scrolls sideways inside its card,
 * instead of squeezing every column to one character per line (base.css caps a cell so long text still wraps).
 */
const phoneTable = { scroll: { x: "max-content" as const } };
/** antd spaces out a two-character Chinese label ("删 除"); offices write 删除. */
const button = { autoInsertSpace: false };

/** The antd world: locale follows the UI language (antd's texts and dayjs dates alike). */
export function AppShell() {
  const { language } = useLanguage();
  const phone = usePhone();
  useEffect(() => {
    dayjs.locale(language === "en" ? "en" : "zh-cn");
  }, [language]);
  return (
    <ConfigProvider
      locale={language === "en" ? enUS : zhCN}
      theme={theme}
      button={button}
      table={phone ? phoneTable : undefined}
    >
      <App>
        <Outlet />
      </App>
    </ConfigProvider>
  );
}
