import { useMutation } from "@tanstack/react-query";
import { Alert, App, Button, Card, Form, Input, InputNumber, Space } from "antd";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { type CriteriaDraft, type CriteriaSystem, contentOf, saveCriteria } from "../../api/criteria.ts";
import { errorText, hasCode } from "../../api/errors.ts";
import { move } from "../program/draft.ts";
import { OrderButtons } from "../program/OrderButtons.tsx";
import { blankItem } from "./blank.ts";
import { EditableItems } from "./EditableItems.tsx";
import { ProblemList } from "./ProblemList.tsx";

interface Props {
  tenant: string;
  system: CriteriaSystem;
  onSaved: (system: CriteriaSystem) => void;
  /** A 409: someone else saved first; the page reloads the system. */
  onStale: () => void;
  onCancel: () => void;
}

const baseTotal = (c: CriteriaDraft) =>
  Math.round(c.categories.flatMap((cat) => cat.items).reduce((sum, i) => sum + i.maxPoints, 0) * 100) / 100;

/** Edits an unfrozen system as tables; the base total follows the items; saving sends `rev`. */
export function CriteriaEditor({ tenant, system, onSaved, onStale, onCancel }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [draft, setDraft] = useState<CriteriaDraft>(() => contentOf(system));
  const categories = draft.categories;
  const set = (change: Partial<CriteriaDraft>) => setDraft((d) => ({ ...d, ...change }));
  // Stable React keys for the categories, moved along with them (their codes are being edited).
  const [keys, setKeys] = useState(() => categories.map((_, i) => `k${i}`));
  const nextKey = useRef(categories.length);
  const save = useMutation({
    mutationFn: () => saveCriteria(tenant, system.id, system.rev, { ...draft, maxTotal: baseTotal(draft) }),
    onSuccess: (saved) => {
      void message.success(t("criteria.saved"));
      onSaved(saved);
    },
    onError: (error) => {
      if (!hasCode(error, "stale_version")) return;
      void message.warning(t("criteria.stale"));
      onStale();
    },
  });
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="criteria-editor">
      <Form layout="inline">
        <Form.Item label={t("criteria.name")}>
          <Input value={draft.name} onChange={(e) => set({ name: e.target.value })} style={{ width: 320 }} />
        </Form.Item>
        <Form.Item label={t("criteria.version")}>
          <InputNumber min={1} max={1000} value={draft.version} onChange={(v) => set({ version: v ?? 1 })} />
        </Form.Item>
        <Form.Item label={t("criteria.maxTotal")}>{baseTotal(draft)}</Form.Item>
      </Form>
      {categories.map((cat, ci) => (
        <Card
          key={keys[ci]}
          size="small"
          title={
            <Space>
              <Input
                value={cat.code}
                style={{ width: 90 }}
                onChange={(e) =>
                  set({ categories: categories.map((c, j) => (j === ci ? { ...c, code: e.target.value } : c)) })
                }
              />
              <Input
                value={cat.title}
                style={{ width: 280 }}
                onChange={(e) =>
                  set({ categories: categories.map((c, j) => (j === ci ? { ...c, title: e.target.value } : c)) })
                }
              />
            </Space>
          }
          extra={
            <OrderButtons
              index={ci}
              count={categories.length}
              onMove={(delta) => {
                set({ categories: move(categories, ci, delta) });
                setKeys(move(keys, ci, delta));
              }}
              onDelete={() => {
                set({ categories: categories.filter((_, j) => j !== ci) });
                setKeys(keys.filter((_, j) => j !== ci));
              }}
              deleteQuestion={t("criteria.removeConfirm")}
              testId="criteria-category"
            />
          }
        >
          <EditableItems
            items={cat.items}
            codePrefix={cat.code}
            testId="criteria-items"
            onChange={(items) => set({ categories: categories.map((c, j) => (j === ci ? { ...c, items } : c)) })}
          />
        </Card>
      ))}
      <Button
        type="dashed"
        onClick={() => {
          const code = `C${categories.length + 1}`;
          setKeys([...keys, `k${nextKey.current++}`]);
          set({
            categories: [...categories, { code, title: t("criteria.categoryTitle"), items: [blankItem(`${code}.1`)] }],
          });
        }}
        data-testid="criteria-add-category"
      >
        {t("criteria.addCategory")}
      </Button>
      <Card
        size="small"
        title={t("criteria.bonusItems")}
        extra={
          <Space>
            {t("criteria.bonusCap")}
            <InputNumber min={0} max={100} value={draft.bonusCap} onChange={(v) => set({ bonusCap: v ?? 0 })} />
          </Space>
        }
      >
        <EditableItems
          items={draft.bonusItems}
          codePrefix="J"
          testId="criteria-bonus"
          onChange={(bonusItems) => set({ bonusItems })}
        />
      </Card>
      <Card
        size="small"
        title={t("criteria.deductionItems")}
        extra={
          <Space>
            {t("criteria.deductionCap")}
            <InputNumber min={0} max={100} value={draft.deductionCap} onChange={(v) => set({ deductionCap: v ?? 0 })} />
          </Space>
        }
      >
        <EditableItems
          items={draft.deductionItems}
          codePrefix="K"
          testId="criteria-deduction"
          onChange={(deductionItems) => set({ deductionItems })}
        />
      </Card>
      {save.error && !hasCode(save.error, "stale_version") ? (
        <Alert
          type="error"
          showIcon
          title={errorText(save.error, i18n.language)}
          description={<ProblemList error={save.error} />}
        />
      ) : null}
      <Space>
        <Button type="primary" loading={save.isPending} onClick={() => save.mutate()} data-testid="criteria-save">
          {t("common.save")}
        </Button>
        <Button onClick={onCancel}>{t("criteria.discard")}</Button>
      </Space>
    </Space>
  );
}
