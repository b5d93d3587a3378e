import { useQuery } from "@tanstack/react-query";
import { Card, Result, Skeleton } from "antd";
import { useTranslation } from "react-i18next";
import { unitDetailQuery } from "../api/queries.ts";
import { QueryErrorResult } from "../components/QueryErrorResult.tsx";
import { TodoCard } from "../components/todo/TodoCard.tsx";
import { UnitFrame } from "../components/UnitFrame.tsx";
import { UnitProfile } from "../components/UnitProfile.tsx";

/** Unit staff's home: what waits for them (e.g. an unsubmitted application), their unit's profile and where its registration stands. */
export function StaffHome({ tenant, unitId }: { tenant: string; unitId: string | undefined }) {
  const { t } = useTranslation();
  const unit = useQuery({ ...unitDetailQuery(tenant, unitId ?? ""), enabled: unitId !== undefined });

  if (unitId === undefined) {
    return <Result status="info" title={t("unit.noUnit")} subTitle={t("unit.noUnitHint")} />;
  }
  if (unit.isPending) {
    return (
      <Card title={t("unit.profileTitle")}>
        <Skeleton active paragraph={{ rows: 6 }} />
      </Card>
    );
  }
  if (unit.isError) return <QueryErrorResult error={unit.error} onRetry={() => void unit.refetch()} />;
  const profile = <UnitProfile unit={unit.data} title={t("unit.profileTitle")} />;
  // Until approved, staff see only where their registration stands.
  if (unit.data.status !== "active") return profile;
  return (
    <UnitFrame tenant={tenant} unitId={unitId} active="profile" ownUnit>
      <TodoCard tenant={tenant} />
      {profile}
    </UnitFrame>
  );
}
