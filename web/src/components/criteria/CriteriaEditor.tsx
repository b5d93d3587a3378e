import { useMutation } from "@tanstack/react-query";
import { Alert, App, Button, Card, Form, Input, InputNumber, Space } from "antd";
import { useCallback, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  type CriteriaDraft,
  type CriteriaItem,
  type CriteriaSystem,
  contentOf,
  saveCriteria,
  type VetoRule,
} from "../../api/criteria.ts";
import { errorText, hasCode } from "../../api/errors.ts";
import { move, removeAt } from "../program/draft.ts";
import { blankItem } from "./blank.ts";
import { CategoryCard } from "./CategoryCard.tsx";
import { EditableItems } from "./EditableItems.tsx";
import { ProblemList } from "./ProblemList.tsx";
import { VetoRulesEditor } from "./VetoRulesEditor.tsx";
import { draftHasProblems } from "./validation.ts";

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

/**
 * Edits an unfrozen system as tables; the base total follows the items; saving sends `rev`. Mistakes the
 * SPA can see (a grade scale that does not fall, an empty veto) are marked where they are and block saving.
 */
export function CriteriaEditor({ tenant, system, onSaved, onStale, onCancel }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [draft, setDraft] = useState<CriteriaDraft>(() => contentOf(system));
  const categories = draft.categories;
  const set = useCallback((change: Partial<CriteriaDraft>) => setDraft((d) => ({ ...d, ...change })), []);
  // Stable React keys for the categories, moved along with them (their codes are being edited).
  const [keys, setKeys] = useState(() => categories.map((_, i) => `k${i}`));
  const nextKey = useRef(categories.length);
  // Stable callbacks with functional updates, so that the memoised cards and tables that did not change
  // skip rendering: one keystroke re-renders one table, not all of them.
  const changeCategory = useCallback((index: number, change: Partial<CriteriaDraft["categories"][number]>) => {
    setDraft((d) => ({ ...d, categories: d.categories.map((c, j) => (j === index ? { ...c, ...change } : c)) }));
  }, []);
  const moveCategory = useCallback((index: number, delta: -1 | 1) => {
    setDraft((d) => ({ ...d, categories: move(d.categories, index, delta) }));
    setKeys((k) => move(k, index, delta));
  }, []);
  const removeCategory = useCallback((index: number) => {
    setDraft((d) => ({ ...d, categories: removeAt(d.categories, index) }));
    setKeys((k) => removeAt(k, index));
  }, []);
  const setBonusItems = useCallback((bonusItems: CriteriaItem[]) => set({ bonusItems }), [set]);
  const setDeductionItems = useCallback((deductionItems: CriteriaItem[]) => set({ deductionItems }), [set]);
  const setVetoRules = useCallback((vetoRules: VetoRule[]) => set({ vetoRules }), [set]);
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
      {categories.map((category, index) => (
        <CategoryCard
          key={keys[index]}
          category={category}
          index={index}
          count={categories.length}
          onChange={changeCategory}
          onMove={moveCategory}
          onRemove={removeCategory}
        />
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
        <EditableItems items={draft.bonusItems} codePrefix="J" testId="criteria-bonus" onChange={setBonusItems} />
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
          onChange={setDeductionItems}
        />
      </Card>
      <Card size="small" title={t("criteria.vetoRules")}>
        <VetoRulesEditor rules={draft.vetoRules} onChange={setVetoRules} />
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
        <Button
          type="primary"
          loading={save.isPending}
          onClick={() => {
            if (draftHasProblems(draft)) void message.error(t("criteria.fixFirst"));
            else save.mutate();
          }}
          data-testid="criteria-save"
        >
          {t("common.save")}
        </Button>
        <Button onClick={onCancel}>{t("criteria.discard")}</Button>
      </Space>
    </Space>
  );
}
