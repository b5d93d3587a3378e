import { Collapse, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { Application } from "../../api/applications.ts";
import type { CriteriaItem, CriteriaSystem } from "../../api/criteria.ts";
import { ItemCard } from "./ItemCard.tsx";
import { useLinkChoices } from "./use-link-choices.ts";

interface Props {
  tenant: string;
  app: Application;
  system: CriteriaSystem;
  editable: boolean;
}

/** The application's items grouped by category; bonus and deduction items apart and optional. */
export function ItemList({ tenant, app, system, editable }: Props) {
  const { t } = useTranslation();
  const choices = useLinkChoices(tenant, app.unit.id, editable);
  const card = (item: CriteriaItem) => {
    const entry = app.items.find((i) => i.itemCode === item.code);
    if (!entry) return null;
    return (
      <ItemCard
        // A new version (someone saved) resets the card's local edits to what is stored.
        key={`${item.code}-${entry.note}-${entry.selfPoints}-${entry.selfGrade}`}
        tenant={tenant}
        app={app}
        item={item}
        entry={entry}
        editable={editable}
        {...choices}
      />
    );
  };
  const extras = [...system.bonusItems, ...system.deductionItems];
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      {system.categories.map((category) => (
        <section key={category.code}>
          <Typography.Title level={5}>{`${category.code} ${category.title}`}</Typography.Title>
          <Space orientation="vertical" style={{ width: "100%" }}>
            {category.items.map(card)}
          </Space>
        </section>
      ))}
      {extras.length > 0 ? (
        <Collapse
          items={[
            {
              key: "extras",
              label: t("application.bonusDeduction"),
              children: (
                <Space orientation="vertical" style={{ width: "100%" }}>
                  {extras.map(card)}
                </Space>
              ),
            },
          ]}
        />
      ) : null}
    </Space>
  );
}
