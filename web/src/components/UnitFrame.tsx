import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Menu, Skeleton, Space, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { unitDetailQuery } from "../api/queries.ts";
import { StatusTag } from "./StatusTag.tsx";

export type UnitTab = "profile" | "programs" | "records" | "progress";

interface Props {
  tenant: string;
  unitId: string;
  active: UnitTab;
  /** Staff see their unit's profile on the tenant home; others on the unit's own page. */
  ownUnit: boolean;
  children: ReactNode;
}

/** The frame of a unit's pages: its name and status, and tabs for profile, programs, records, progress. */
export function UnitFrame({ tenant, unitId, active, ownUnit, children }: Props) {
  const { t } = useTranslation();
  const unit = useQuery(unitDetailQuery(tenant, unitId));
  const params = { tenant, id: unitId };
  const items = [
    {
      key: "profile",
      label: ownUnit ? (
        <Link to="/t/$tenant" params={{ tenant }}>
          {t("unitTabs.profile")}
        </Link>
      ) : (
        <Link to="/t/$tenant/units/$id" params={params}>
          {t("unitTabs.profile")}
        </Link>
      ),
    },
    {
      key: "programs",
      label: (
        <Link to="/t/$tenant/units/$id/programs" params={params} data-testid="tab-programs">
          {t("unitTabs.programs")}
        </Link>
      ),
    },
    {
      key: "records",
      label: (
        <Link to="/t/$tenant/units/$id/records" params={params} data-testid="tab-records">
          {t("unitTabs.records")}
        </Link>
      ),
    },
    {
      key: "progress",
      label: (
        <Link to="/t/$tenant/units/$id/progress" params={params} data-testid="tab-progress">
          {t("unitTabs.progress")}
        </Link>
      ),
    },
  ];
  return (
    <>
      {unit.data ? (
        <Space style={{ marginBottom: 8 }}>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="frame-unit-name">
            {unit.data.name}
          </Typography.Title>
          <StatusTag status={unit.data.status} />
        </Space>
      ) : (
        <Skeleton.Input active size="small" />
      )}
      <Menu
        mode="horizontal"
        selectedKeys={[active]}
        items={items}
        style={{ marginBottom: 16, background: "transparent" }}
      />
      {children}
    </>
  );
}
