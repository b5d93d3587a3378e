import { Card, Flex, Input } from "antd";
import { memo } from "react";
import { useTranslation } from "react-i18next";
import type { CriteriaDraft } from "../../api/criteria.ts";
import { OrderButtons } from "../program/OrderButtons.tsx";
import { EditableItems } from "./EditableItems.tsx";

type Category = CriteriaDraft["categories"][number];

interface Props {
  category: Category;
  index: number;
  count: number;
  /** The three callbacks are stable and take the index, so a card whose category did not change skips rendering. */
  onChange: (index: number, change: Partial<Category>) => void;
  onMove: (index: number, delta: -1 | 1) => void;
  onRemove: (index: number) => void;
}

/**
 * One category of the editor: code, title and its items. Memoised so that typing in the system's name
 * does not re-render the category's table.
 */
export const CategoryCard = memo(function CategoryCard({ category, index, count, onChange, onMove, onRemove }: Props) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={`${category.code} ${category.title}`}
      extra={
        <OrderButtons
          index={index}
          count={count}
          onMove={(delta) => onMove(index, delta)}
          onDelete={() => onRemove(index)}
          deleteQuestion={t("criteria.removeConfirm")}
          testId="criteria-category"
        />
      }
      data-testid="criteria-category"
    >
      {/* Code and title in the body rather than the card's title, so that they wrap on a phone. */}
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Input
          value={category.code}
          aria-label={t("criteria.code")}
          style={{ width: 90 }}
          onChange={(e) => onChange(index, { code: e.target.value })}
          data-testid="criteria-category-code"
        />
        <Input
          value={category.title}
          aria-label={t("criteria.categoryTitle")}
          style={{ flex: 1, minWidth: 180 }}
          onChange={(e) => onChange(index, { title: e.target.value })}
          data-testid="criteria-category-title"
        />
      </Flex>
      <EditableItems
        items={category.items}
        codePrefix={category.code}
        testId="criteria-items"
        onChange={(items) => onChange(index, { items })}
      />
    </Card>
  );
});
