import { Alert, Card, Descriptions, type DescriptionsProps, Space } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { UnitDetail } from "../api/queries.ts";
import { beijingTime } from "../format/time.ts";
import { useMembership } from "../routes/use-membership.ts";
import { AwardsCard } from "./awards/AwardsCard.tsx";
import { StatusTag } from "./StatusTag.tsx";

interface Props {
  unit: UnitDetail;
  title: string;
  extra?: ReactNode;
}

/** One unit's registered facts, read-only, and the titles it holds. */
export function UnitProfile({ unit, title, extra }: Props) {
  const { t } = useTranslation();
  const { tenant, membership } = useMembership();
  // Reviewers (in scope, or the API answers 404) and tenant admins record titles held from before the system.
  const canRecord = membership?.role === "reviewer" || membership?.role === "tenant_admin";
  const none = t("common.none");
  const items: DescriptionsProps["items"] = [
    { key: "name", label: t("unit.name"), children: <span data-testid="unit-name">{unit.name}</span> },
    { key: "status", label: t("unit.status"), children: <StatusTag status={unit.status} /> },
    { key: "creditCode", label: t("unit.creditCode"), children: unit.creditCode ?? none },
    { key: "city", label: t("unit.city"), children: unit.city?.name ?? none },
    { key: "jurisdiction", label: t("unit.jurisdiction"), children: unit.jurisdiction.name },
    { key: "sector", label: t("unit.sector"), children: unit.sector?.name ?? none },
    { key: "kind", label: t("unit.kind"), children: unit.kind?.name ?? none },
    { key: "contactName", label: t("unit.contactName"), children: unit.contactName ?? none },
    { key: "contactPhone", label: t("unit.contactPhone"), children: unit.contactPhone ?? none },
    { key: "createdAt", label: t("unit.createdAt"), children: beijingTime(unit.createdAt) },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Card title={title} extra={extra} data-testid="unit-profile">
        {unit.status === "pending" ? (
          <Alert
            type="info"
            showIcon
            title={t("unit.pendingHint")}
            style={{ marginBottom: 16 }}
            data-testid="unit-pending"
          />
        ) : null}
        {unit.status === "rejected" ? (
          <Alert
            type="error"
            showIcon
            title={t("unit.rejectedHint")}
            description={unit.reviewNote ? t("unit.reviewNote", { note: unit.reviewNote }) : undefined}
            style={{ marginBottom: 16 }}
            data-testid="unit-rejected"
          />
        ) : null}
        <Descriptions bordered column={{ xs: 1, md: 2 }} items={items} />
      </Card>
      {unit.status === "active" ? <AwardsCard tenant={tenant} unitId={unit.id} canRecord={canRecord} /> : null}
    </Space>
  );
}
