import "dayjs/locale/zh-cn";
import { Outlet } from "@tanstack/react-router";
import { App, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import dayjs from "dayjs";
import { useEffect } from "react";
import { useLanguage } from "../i18n/use-language.ts";

const theme = { token: { colorPrimary: "#c0262d", borderRadius: 6 } };

/** The antd world: locale follows the UI language (antd's texts and dayjs dates alike). */
export function AppShell() {
  const { language } = useLanguage();
  useEffect(() => {
    dayjs.locale(language === "en" ? "en" : "zh-cn");
  }, [language]);
  return (
    <ConfigProvider locale={language === "en" ? enUS : zhCN} theme={theme}>
      <App>
        <Outlet />
      </App>
    </ConfigProvider>
  );
}
