import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { ObjectionStatus } from "../../api/notice.ts";

const COLORS: Record<ObjectionStatus, string> = {
  received: "blue",
  investigating: "orange",
  upheld: "red",
  not_upheld: "green",
};

export function ObjectionStatusTag({ status }: { status: ObjectionStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status]} data-testid="objection-status" data-status={status}>
      {t(`notice.objectionStatus.${status}`)}
    </Tag>
  );
}

/** Still waiting for a finding: it blocks naming. */
export function isOpen(status: ObjectionStatus): boolean {
  return status === "received" || status === "investigating";
}
