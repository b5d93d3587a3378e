import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Card } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type AdminTenant, adminTenantsQuery, setTenantStatus } from "../api/admin.ts";
import { keys } from "../api/queries.ts";
import { AppHeader } from "../components/AppHeader.tsx";
import { CreateTenantModal } from "../components/platform/CreateTenantModal.tsx";
import { TenantTable } from "../components/platform/TenantTable.tsx";
import { QueryErrorResult } from "../components/QueryErrorResult.tsx";
import { ReasonModal } from "../components/ReasonModal.tsx";
import { PlatformCounts } from "../components/todo/PlatformCounts.tsx";

/** The platform admin's page: every office, opening new ones, suspending and resuming. */
export function PlatformPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const tenants = useQuery(adminTenantsQuery());
  const [creating, setCreating] = useState(false);
  const [toggling, setToggling] = useState<AdminTenant | null>(null);
  const suspending = toggling?.status === "active";

  const toggle = async (reason: string | undefined) => {
    if (!toggling) return;
    await setTenantStatus(toggling.slug, suspending ? "suspend" : "resume", reason);
    await queryClient.invalidateQueries({ queryKey: adminTenantsQuery().queryKey });
    await queryClient.invalidateQueries({ queryKey: keys.tenants });
  };

  return (
    <>
      <AppHeader userRole="platform_admin" />
      <main className="wm-page wm-page-wide">
        {tenants.isError ? null : <PlatformCounts items={tenants.data?.items} loading={tenants.isPending} />}
        <Card
          title={t("platform.tenants")}
          extra={
            <Button type="primary" onClick={() => setCreating(true)} data-testid="create-tenant">
              {t("platform.create")}
            </Button>
          }
        >
          {tenants.isError ? (
            <QueryErrorResult error={tenants.error} onRetry={() => void tenants.refetch()} />
          ) : (
            <TenantTable items={tenants.data?.items ?? []} loading={tenants.isPending} onToggle={setToggling} />
          )}
        </Card>
      </main>
      <CreateTenantModal open={creating} onClose={() => setCreating(false)} />
      <ReasonModal
        open={toggling !== null}
        title={suspending ? t("platform.suspendTitle") : t("platform.resumeTitle")}
        description={
          suspending
            ? t("platform.suspendConfirm", { name: toggling?.name ?? "" })
            : t("platform.resumeConfirm", { name: toggling?.name ?? "" })
        }
        okText={suspending ? t("platform.suspend") : t("platform.resume")}
        danger={suspending}
        onConfirm={toggle}
        onClose={() => setToggling(null)}
      />
    </>
  );
}
