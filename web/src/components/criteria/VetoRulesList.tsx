import { List, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { VetoRule } from "../../api/criteria.ts";

/** Read-only 一票否决: each finding with how far back it counts and, where set, from how many cases it vetoes. */
export function VetoRulesList({ rules }: { rules: VetoRule[] }) {
  const { t } = useTranslation();
  return (
    <List
      size="small"
      dataSource={rules}
      locale={{ emptyText: t("criteria.noVetoRules") }}
      data-testid="veto-list"
      renderItem={(rule) => (
        <List.Item data-testid={`veto-${rule.id}`}>
          <Space align="start">
            <Typography.Text strong>{rule.id}</Typography.Text>
            <span>{rule.text}</span>
            <Typography.Text type="secondary" style={{ whiteSpace: "nowrap" }}>
              {t("criteria.vetoLookback", { months: rule.lookbackMonths })}
              {rule.threshold === null ? "" : ` · ${t("criteria.vetoThreshold", { n: rule.threshold })}`}
            </Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}
