import { Input, Select, type TableColumnsType } from "antd";
import { memo } from "react";
import { useTranslation } from "react-i18next";
import { ASSESSMENT_METHODS, type CriteriaItem } from "../../api/criteria.ts";
import { NumberInput } from "../NumberInput.tsx";
import { blankItem } from "./blank.ts";
import { OrderedTable } from "./OrderedTable.tsx";
import { ScoringModeField } from "./ScoringModeField.tsx";

interface Props {
  items: CriteriaItem[];
  onChange: (items: CriteriaItem[]) => void;
  /** Prefix for new items' codes (e.g. the category's code). */
  codePrefix: string;
  testId: string;
}

/**
 * An editable table of items: code, title, points, scoring mode and grades, method, evidence rule, guidance;
 * add, move, remove. Memoised: with a stable `onChange` it renders only when its own items change.
 */
export const EditableItems = memo(function EditableItems({ items, onChange, codePrefix, testId }: Props) {
  const { t } = useTranslation();
  const patch = (index: number, change: Partial<CriteriaItem>) =>
    onChange(items.map((item, i) => (i === index ? { ...item, ...change } : item)));
  const columns: TableColumnsType<CriteriaItem> = [
    {
      title: t("criteria.code"),
      width: 110,
      render: (_, item, i) => <Input value={item.code} onChange={(e) => patch(i, { code: e.target.value })} />,
    },
    {
      title: t("criteria.title"),
      render: (_, item, i) => (
        <Input.TextArea
          autoSize
          value={item.title}
          onChange={(e) => patch(i, { title: e.target.value })}
          data-testid={`${testId}-title`}
        />
      ),
    },
    {
      title: t("criteria.points"),
      width: 90,
      render: (_, item, i) => (
        <NumberInput
          min={0.5}
          max={100}
          step={0.5}
          value={item.maxPoints}
          onChange={(v) => patch(i, { maxPoints: v ?? 0.5 })}
          data-testid={`${testId}-points`}
        />
      ),
    },
    {
      title: t("criteria.mode"),
      width: 190,
      render: (_, item, i) => <ScoringModeField item={item} onChange={(change) => patch(i, change)} />,
    },
    {
      title: t("criteria.method"),
      width: 130,
      render: (_, item, i) => (
        <Select
          value={item.method}
          style={{ width: "100%" }}
          onChange={(method) => patch(i, { method })}
          options={ASSESSMENT_METHODS.map((m) => ({ value: m, label: t(`method.${m}`) }))}
        />
      ),
    },
    {
      title: t("criteria.minFiles"),
      width: 80,
      render: (_, item, i) => (
        <NumberInput
          min={0}
          max={20}
          value={item.evidence.minFiles}
          onChange={(v) => patch(i, { evidence: { ...item.evidence, minFiles: v ?? 0 } })}
        />
      ),
    },
    {
      title: t("criteria.maxNoteChars"),
      width: 90,
      render: (_, item, i) => (
        <NumberInput
          min={50}
          max={5000}
          value={item.evidence.maxNoteChars}
          onChange={(v) => patch(i, { evidence: { ...item.evidence, maxNoteChars: v ?? 500 } })}
        />
      ),
    },
    {
      title: t("criteria.guidance"),
      render: (_, item, i) => (
        <Input.TextArea autoSize value={item.guidance} onChange={(e) => patch(i, { guidance: e.target.value })} />
      ),
    },
  ];
  return (
    <OrderedTable<CriteriaItem>
      rows={items}
      onChange={onChange}
      columns={columns}
      newRow={() => blankItem(`${codePrefix}.${items.length + 1}`)}
      addLabel={t("criteria.addItem")}
      emptyText={t("criteria.noItems")}
      deleteQuestion={t("criteria.removeConfirm")}
      testId={testId}
    />
  );
});
