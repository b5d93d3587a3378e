import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { CoverageStatus } from "../../api/coverage.ts";

export const COVERAGE_COLORS: Record<CoverageStatus, string> = { covered: "success", thin: "warning", empty: "error" };

/** 已覆盖 / 薄弱 / 空白. */
export function CoverageStatusTag({ status }: { status: CoverageStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COVERAGE_COLORS[status]} data-testid={`coverage-status-${status}`}>
      {t(`coverage.status.${status}`)}
    </Tag>
  );
}
