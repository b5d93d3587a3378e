import { Empty, Space } from "antd";
import { useTranslation } from "react-i18next";
import type { Application } from "../../api/applications.ts";
import type { CriteriaItem } from "../../api/criteria.ts";
import { ItemCard } from "./ItemCard.tsx";
import type { ItemDraft } from "./item-draft.ts";
import { useLinkChoices } from "./use-link-choices.ts";

interface Props {
  tenant: string;
  app: Application;
  /** The items of the section shown: only these are mounted. */
  items: CriteriaItem[];
  draftFor: (code: string) => ItemDraft | undefined;
  onEdit: (code: string, patch: Partial<ItemDraft>) => void;
  changedCodes: ReadonlySet<string>;
  editable: boolean;
}

/** The chosen section's items, each with the page's draft of it. */
export function ItemList({ tenant, app, items, draftFor, onEdit, changedCodes, editable }: Props) {
  const { t } = useTranslation();
  const choices = useLinkChoices(tenant, app.unit.id, editable);
  if (items.length === 0) return <Empty description={t("application.emptySection")} data-testid="section-empty" />;
  return (
    <Space orientation="vertical" style={{ width: "100%" }} data-testid="item-list">
      {items.map((item) => {
        const entry = app.items.find((i) => i.itemCode === item.code);
        const value = draftFor(item.code);
        if (!entry || !value) return null;
        return (
          <ItemCard
            key={item.code}
            tenant={tenant}
            app={app}
            item={item}
            entry={entry}
            value={value}
            onChange={(patch) => onEdit(item.code, patch)}
            unsaved={changedCodes.has(item.code)}
            editable={editable}
            {...choices}
          />
        );
      })}
    </Space>
  );
}
