import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { UnitStatus } from "../api/unit-search.ts";

const COLORS: Record<UnitStatus, string> = {
  pending: "processing",
  active: "success",
  suspended: "warning",
  rejected: "error",
};

export function StatusTag({ status }: { status: UnitStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status]} data-testid="unit-status">
      {t(`status.${status}`)}
    </Tag>
  );
}
