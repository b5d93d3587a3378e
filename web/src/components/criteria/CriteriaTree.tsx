import { Card, Collapse, Descriptions, Progress, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { CriteriaSystem } from "../../api/criteria.ts";
import { toPercent } from "./grades.ts";
import { ItemsTable } from "./ItemsTable.tsx";
import { VetoRulesList } from "./VetoRulesList.tsx";

/** A system as a tree: categories → items; bonus, deduction and veto rules apart; each method's share. */
export function CriteriaTree({ system }: { system: CriteriaSystem }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="criteria-tree">
      <Descriptions size="small" column={{ xs: 1, sm: 3 }}>
        <Descriptions.Item label={t("criteria.maxTotal")}>{system.maxTotal}</Descriptions.Item>
        <Descriptions.Item label={t("criteria.categories")}>{system.categories.length}</Descriptions.Item>
        <Descriptions.Item label={t("criteria.items")}>
          {system.categories.reduce((n, c) => n + c.items.length, 0)}
        </Descriptions.Item>
      </Descriptions>
      <Card size="small" title={t("criteria.methodShares")}>
        <Space wrap size="large" data-testid="criteria-method-shares">
          {system.methodShares.map((m) => (
            <Space key={m.method} orientation="vertical" align="center" size={0}>
              <Progress type="circle" size={64} percent={toPercent(m.share)} />
              <Typography.Text>{`${t(`method.${m.method}`)} · ${m.points}`}</Typography.Text>
            </Space>
          ))}
        </Space>
      </Card>
      <Collapse
        items={system.categories.map((c) => ({
          key: c.code,
          label: `${c.code} ${c.title}`,
          extra: t("criteria.itemsCount", { n: c.items.length }),
          children: <ItemsTable items={c.items} />,
        }))}
      />
      <Card size="small" title={`${t("criteria.bonusItems")}（${t("criteria.cap", { cap: system.bonusCap })}）`}>
        <ItemsTable items={system.bonusItems} />
      </Card>
      <Card
        size="small"
        title={`${t("criteria.deductionItems")}（${t("criteria.cap", { cap: system.deductionCap })}）`}
      >
        <ItemsTable items={system.deductionItems} />
      </Card>
      <Card size="small" title={t("criteria.vetoRules")}>
        <VetoRulesList rules={system.vetoRules} />
      </Card>
    </Space>
  );
}
