import { Card, Input, Space } from "antd";
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
 * One category of the editor: code, title and its items. Memoised because a system has 60-odd items
 * in a dozen categories and re-rendering every table took seconds per keystroke.
 */
export const CategoryCard = memo(function CategoryCard({ category, index, count, onChange, onMove, onRemove }: Props) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={
        <Space>
          <Input
            value={category.code}
            style={{ width: 90 }}
            onChange={(e) => onChange(index, { code: e.target.value })}
          />
          <Input
            value={category.title}
            style={{ width: 280 }}
            onChange={(e) => onChange(index, { title: e.target.value })}
          />
        </Space>
      }
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
    >
      <EditableItems
        items={category.items}
        codePrefix={category.code}
        testId="criteria-items"
        onChange={(items) => onChange(index, { items })}
      />
    </Card>
  );
});
