import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { Card, Skeleton, Space } from "antd";
import { useTranslation } from "react-i18next";
import { settingsQuery } from "../api/settings.ts";
import { QueryErrorResult } from "../components/QueryErrorResult.tsx";
import { ClassificationCard } from "../components/settings/ClassificationCard.tsx";
import { LogoCard } from "../components/settings/LogoCard.tsx";
import { SettingsForm } from "../components/settings/SettingsForm.tsx";
import { SynonymsCard } from "../components/settings/SynonymsCard.tsx";
import { AdminOnly } from "./AdminOnly.tsx";

const route = getRouteApi("/_app/t/$tenant/settings");

/** `/t/$tenant/settings`: the office's rules, logo, classification lists and synonym list. */
export function SettingsPage() {
  return (
    <AdminOnly>
      <SettingsScreen />
    </AdminOnly>
  );
}

function SettingsScreen() {
  const { t } = useTranslation();
  const { tenant } = route.useParams();
  const settings = useQuery(settingsQuery(tenant));
  return (
    <Space orientation="vertical" size="large" style={{ width: "100%" }}>
      <Card title={t("settings.title")}>
        {settings.isPending ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : settings.isError ? (
          <QueryErrorResult error={settings.error} onRetry={() => void settings.refetch()} />
        ) : (
          <SettingsForm tenant={tenant} settings={settings.data} />
        )}
      </Card>
      {settings.data ? <LogoCard tenant={tenant} settings={settings.data} /> : null}
      <ClassificationCard tenant={tenant} list="sectors" title={t("lists.sectors")} />
      <ClassificationCard tenant={tenant} list="unit-kinds" title={t("lists.unitKinds")} />
      <SynonymsCard tenant={tenant} />
    </Space>
  );
}
