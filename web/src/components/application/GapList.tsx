import { Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { localizedMessage } from "../../api/errors.ts";

/** What the item still lacks before submission, as a checklist. */
export function GapList({ gaps }: { gaps: string[] }) {
  const { t, i18n } = useTranslation();
  if (gaps.length === 0) {
    return (
      <Typography.Text type="success" data-testid="item-gaps-none">
        {`✓ ${t("application.noGaps")}`}
      </Typography.Text>
    );
  }
  return (
    <Space orientation="vertical" size={4} data-testid="item-gaps">
      <Typography.Text type="secondary">{t("application.gaps")}</Typography.Text>
      {gaps.map((gap) => (
        <Typography.Text key={gap} type="warning">
          {`☐ ${localizedMessage(gap, i18n.language)}`}
        </Typography.Text>
      ))}
    </Space>
  );
}
