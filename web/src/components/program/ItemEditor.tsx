import { Form, Input, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { DraftItem } from "./draft.ts";
import { MeasureFields } from "./MeasureFields.tsx";
import { OrderButtons } from "./OrderButtons.tsx";

interface Props {
  item: DraftItem;
  index: number;
  count: number;
  isMeasure: boolean;
  onChange: (item: DraftItem) => void;
  onMove: (delta: -1 | 1) => void;
  onDelete: () => void;
}

/** One entry of a section; in the measures section, a measure with its own fields. */
export function ItemEditor({ item, index, count, isMeasure, onChange, onMove, onDelete }: Props) {
  const { t } = useTranslation();
  return (
    <div className="wm-item" data-testid={isMeasure ? "measure-editor" : "item-editor"}>
      <div className="wm-item-head">
        <Typography.Text type="secondary">
          {isMeasure ? t("program.measureN", { n: index + 1 }) : t("program.itemN", { n: index + 1 })}
        </Typography.Text>
        <OrderButtons
          index={index}
          count={count}
          onMove={onMove}
          onDelete={onDelete}
          deleteQuestion={t("program.deleteItem")}
          testId="item"
        />
      </div>
      <Form.Item label={t("program.itemTitle")} required>
        <Input
          value={item.title}
          maxLength={500}
          onChange={(e) => onChange({ ...item, title: e.target.value })}
          status={item.title.trim() ? undefined : "error"}
          data-testid="item-title"
        />
      </Form.Item>
      <Form.Item label={t("program.itemText")}>
        <Input.TextArea
          value={item.text}
          autoSize={{ minRows: 2, maxRows: 8 }}
          maxLength={20_000}
          onChange={(e) => onChange({ ...item, text: e.target.value })}
        />
      </Form.Item>
      {isMeasure ? <MeasureFields item={item} onChange={onChange} /> : null}
    </div>
  );
}
