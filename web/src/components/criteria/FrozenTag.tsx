import { Tag } from "antd";
import { useTranslation } from "react-i18next";

/** A system a round uses: it can be copied, never changed. */
export function FrozenTag() {
  const { t } = useTranslation();
  return (
    <Tag color="warning" data-testid="criteria-frozen">
      {t("criteria.frozen")}
    </Tag>
  );
}
