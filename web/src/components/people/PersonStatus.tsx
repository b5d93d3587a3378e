import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { Person } from "../../api/people.ts";

/** Disabled, waiting for activation, or active. */
export function PersonStatus({ person }: { person: Person }) {
  const { t } = useTranslation();
  if (person.status === "disabled") return <Tag color="default">{t("people.status.disabled")}</Tag>;
  if (!person.activated) return <Tag color="processing">{t("people.notActivated")}</Tag>;
  return <Tag color="success">{t("people.status.active")}</Tag>;
}
