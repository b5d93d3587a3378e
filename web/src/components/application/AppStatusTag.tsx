import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { ApplicationStatus } from "../../api/applications.ts";

const COLORS: Record<ApplicationStatus, string> = {
  draft: "default",
  not_submitted: "default",
  submitted: "processing",
  city_returned: "warning",
  city_recommended: "blue",
  city_not_recommended: "default",
  province_scored: "purple",
  on_notice: "orange",
  awarded: "success",
  not_awarded: "default",
  vetoed: "error",
  withdrawn: "default",
};

export function AppStatusTag({ status }: { status: ApplicationStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status]} data-testid="application-status">
      {t(`appStatus.${status}`)}
    </Tag>
  );
}
