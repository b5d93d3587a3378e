import { Empty, Space } from "antd";
import { useDeferredValue, useEffect } from "react";
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
  /** An item to bring into view once its card is rendered (picked from the list of what is missing). */
  scrollTo: string | null;
  onScrolled: () => void;
}

/** How many item cards the first paint holds: about a screenful; a card is taller than half a desktop screen. */
const FIRST_PAINT = 2;

/**
 * The chosen section's items, each with the page's draft of it. The first cards paint at once and the rest of the
 * section renders right after in the background (a deferred value), so the page is usable before every card is
 * built. Mount it keyed by section: a new section starts again from its first cards.
 */
export function ItemList(props: Props) {
  const { tenant, app, items, draftFor, onEdit, changedCodes, editable, scrollTo, onScrolled } = props;
  const { t } = useTranslation();
  const choices = useLinkChoices(tenant, app.unit.id, editable);
  const rendered = useDeferredValue(items, items.slice(0, FIRST_PAINT));
  useEffect(() => {
    const card =
      scrollTo && rendered.some((i) => i.code === scrollTo) ? document.getElementById(`item-${scrollTo}`) : null;
    if (!card) return;
    card.scrollIntoView({ behavior: "smooth", block: "start" });
    onScrolled();
  }, [scrollTo, rendered, onScrolled]);
  if (items.length === 0) return <Empty description={t("application.emptySection")} data-testid="section-empty" />;
  return (
    <Space orientation="vertical" style={{ width: "100%" }} data-testid="item-list">
      {rendered.map((item) => {
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
