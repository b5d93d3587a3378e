import { Button, Card, Form, Input, Select, Space } from "antd";
import { useTranslation } from "react-i18next";
import { type DraftItem, type DraftSection, move, newItem, removeAt, replaceAt, SECTION_KINDS } from "./draft.ts";
import { ItemEditor } from "./ItemEditor.tsx";
import { OrderButtons } from "./OrderButtons.tsx";

interface Props {
  section: DraftSection;
  index: number;
  count: number;
  onChange: (section: DraftSection) => void;
  onMove: (delta: -1 | 1) => void;
  onDelete: () => void;
}

/** One section: its kind, heading and text, and its ordered items. */
export function SectionEditor({ section, index, count, onChange, onMove, onDelete }: Props) {
  const { t } = useTranslation();
  const setItems = (items: DraftItem[]) => onChange({ ...section, items });
  const isMeasure = section.kind === "measures";
  return (
    <Card
      size="small"
      title={
        <Space wrap>
          <span>{t("program.sectionN", { n: index + 1 })}</span>
          <Select
            size="small"
            value={section.kind}
            style={{ width: 140 }}
            options={SECTION_KINDS.map((kind) => ({ value: kind, label: t(`sectionKind.${kind}`) }))}
            onChange={(kind) => onChange({ ...section, kind })}
            aria-label={t("program.sectionKind")}
            data-testid="section-kind"
          />
        </Space>
      }
      extra={
        <OrderButtons
          index={index}
          count={count}
          onMove={onMove}
          onDelete={onDelete}
          deleteQuestion={t("program.deleteSection")}
          testId="section"
        />
      }
      data-testid="section-editor"
    >
      <Form.Item label={t("program.heading")}>
        <Input
          value={section.heading}
          maxLength={200}
          onChange={(e) => onChange({ ...section, heading: e.target.value })}
          data-testid="section-heading"
        />
      </Form.Item>
      <Form.Item label={t("program.sectionText")}>
        <Input.TextArea
          value={section.text}
          autoSize={{ minRows: 2, maxRows: 10 }}
          maxLength={50_000}
          onChange={(e) => onChange({ ...section, text: e.target.value })}
        />
      </Form.Item>
      {section.items.map((item, i) => (
        <ItemEditor
          key={item.key}
          item={item}
          index={i}
          count={section.items.length}
          isMeasure={isMeasure}
          onChange={(changed) => setItems(replaceAt(section.items, i, changed))}
          onMove={(delta) => setItems(move(section.items, i, delta))}
          onDelete={() => setItems(removeAt(section.items, i))}
        />
      ))}
      <Button type="dashed" block onClick={() => setItems([...section.items, newItem()])} data-testid="add-item">
        + {isMeasure ? t("program.addMeasure") : t("program.addItem")}
      </Button>
    </Card>
  );
}
