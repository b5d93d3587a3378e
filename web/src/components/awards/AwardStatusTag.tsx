import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { Award, AwardStatus } from "../../api/awards.ts";

const COLORS: Record<AwardStatus | "expired", string> = {
  active: "success",
  warned: "warning",
  revoked: "error",
  lapsed: "default",
  expired: "default",
};

/** The title's status; an active or warned title past its valid-until date shows as expired (期满). */
export function AwardStatusTag({ award }: { award: Pick<Award, "status" | "held"> }) {
  const { t } = useTranslation();
  const expired = !award.held && (award.status === "active" || award.status === "warned");
  const key = expired ? "expired" : award.status;
  return (
    <Tag color={COLORS[key]} data-testid="award-status">
      {expired ? t("awards.expired") : t(`awards.statusName.${award.status}`)}
    </Tag>
  );
}
