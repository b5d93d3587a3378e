import { useMutation } from "@tanstack/react-query";
import { Alert, App, Button, Card, Col, Flex, Form, Input, Popconfirm, Row, Space, Typography } from "antd";
import { type ReactNode, useCallback, useMemo, useRef, useState } from "react";
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
import { NumberInput } from "../NumberInput.tsx";
import { move, removeAt } from "../program/draft.ts";
import { useUnsavedGuard } from "../program/use-unsaved-guard.ts";
import { usePhone } from "../responsive.ts";
import { SectionNav } from "../SectionNav.tsx";
import { blankItem } from "./blank.ts";
import { CategoryCard } from "./CategoryCard.tsx";
import { countChanges, initialCategoryKeys } from "./changes.ts";
import { EditableItems } from "./EditableItems.tsx";
import { ProblemList } from "./ProblemList.tsx";
import { VetoRulesEditor } from "./VetoRulesEditor.tsx";
import { draftHasProblems, itemsHaveProblems, vetoRulesHaveProblems } from "./validation.ts";

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

/** The parts after the categories, keyed apart from the categories' own keys. */
const BONUS = "bonus";
const DEDUCTION = "deduction";
const VETO = "veto";

/**
 * Edits an unfrozen system one part at a time (a category, the bonus or deduction items, the vetoes), chosen
 * in a navigator: a dozen categories of tables at once were 12,800 px tall. The whole system is still saved
 * with one PUT carrying `rev`, from a bar that stays in view and counts the changes. Mistakes the SPA can see
 * (a grade scale that does not fall, an empty veto) are marked where they are, flagged in the navigator, and
 * block saving.
 */
export function CriteriaEditor({ tenant, system, onSaved, onStale, onCancel }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const phone = usePhone();
  const original = useMemo(() => contentOf(system), [system]);
  const [draft, setDraft] = useState<CriteriaDraft>(original);
  const categories = draft.categories;
  const set = useCallback((change: Partial<CriteriaDraft>) => setDraft((d) => ({ ...d, ...change })), []);
  // Stable keys for the categories, moved along with them (their codes are being edited): they name the
  // navigator's entries and keep the chosen category chosen when it moves.
  const [keys, setKeys] = useState(() => initialCategoryKeys(original));
  const nextKey = useRef(categories.length);
  const [selected, setSelected] = useState(() => keys[0] ?? BONUS);
  const changes = countChanges(original, draft, keys);
  useUnsavedGuard(changes > 0);

  // Functional updates keep this callback stable, so the memoised card re-renders only when its category does.
  const changeCategory = useCallback((index: number, change: Partial<CriteriaDraft["categories"][number]>) => {
    setDraft((d) => ({ ...d, categories: d.categories.map((c, j) => (j === index ? { ...c, ...change } : c)) }));
  }, []);
  const moveCategory = useCallback((index: number, delta: -1 | 1) => {
    setDraft((d) => ({ ...d, categories: move(d.categories, index, delta) }));
    setKeys((k) => move(k, index, delta));
  }, []);
  // Only the chosen category is on screen, so it is the one removed; its neighbour is shown next.
  const removeCategory = (index: number) => {
    const rest = removeAt(keys, index);
    setDraft((d) => ({ ...d, categories: removeAt(d.categories, index) }));
    setKeys(rest);
    setSelected(rest[index] ?? rest[index - 1] ?? BONUS);
  };
  const addCategory = () => {
    const code = `C${categories.length + 1}`;
    const key = `k${nextKey.current++}`;
    setKeys([...keys, key]);
    set({ categories: [...categories, { code, title: t("criteria.categoryTitle"), items: [blankItem(`${code}.1`)] }] });
    setSelected(key);
  };
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

  /** The parts of the system, one shown at a time; a part with a problem keeps the save waiting. */
  const sections: { key: string; label: string; count: number; problem: boolean }[] = [
    ...categories.map((c, i) => ({
      key: keys[i] ?? String(i),
      label: `${c.code} ${c.title}`,
      count: c.items.length,
      problem: itemsHaveProblems(c.items),
    })),
    {
      key: BONUS,
      label: t("criteria.bonusItems"),
      count: draft.bonusItems.length,
      problem: itemsHaveProblems(draft.bonusItems),
    },
    {
      key: DEDUCTION,
      label: t("criteria.deductionItems"),
      count: draft.deductionItems.length,
      problem: itemsHaveProblems(draft.deductionItems),
    },
    {
      key: VETO,
      label: t("criteria.vetoRules"),
      count: draft.vetoRules.length,
      problem: vetoRulesHaveProblems(draft.vetoRules),
    },
  ];
  const withProblems = sections.filter((s) => s.problem);

  const categoryIndex = keys.indexOf(selected);
  const category = categories[categoryIndex];
  let body: ReactNode;
  if (category) {
    body = (
      <CategoryCard
        key={selected}
        category={category}
        index={categoryIndex}
        count={categories.length}
        onChange={changeCategory}
        onMove={moveCategory}
        onRemove={removeCategory}
      />
    );
  } else if (selected === BONUS) {
    body = (
      <Card
        size="small"
        title={t("criteria.bonusItems")}
        extra={
          <Space>
            {t("criteria.bonusCap")}
            <NumberInput min={0} max={100} value={draft.bonusCap} onChange={(v) => set({ bonusCap: v ?? 0 })} />
          </Space>
        }
      >
        <EditableItems items={draft.bonusItems} codePrefix="J" testId="criteria-bonus" onChange={setBonusItems} />
      </Card>
    );
  } else if (selected === DEDUCTION) {
    body = (
      <Card
        size="small"
        title={t("criteria.deductionItems")}
        extra={
          <Space>
            {t("criteria.deductionCap")}
            <NumberInput min={0} max={100} value={draft.deductionCap} onChange={(v) => set({ deductionCap: v ?? 0 })} />
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
    );
  } else {
    body = (
      <Card size="small" title={t("criteria.vetoRules")}>
        <VetoRulesEditor rules={draft.vetoRules} onChange={setVetoRules} />
      </Card>
    );
  }

  const navigator = (
    <SectionNav
      sections={sections.map((section) => ({
        key: section.key,
        label: section.label,
        count: t("criteria.itemsCount", { n: section.count }),
        mark: section.problem ? { text: t("criteria.hasProblems"), tone: "error" as const } : undefined,
      }))}
      selected={selected}
      onSelect={setSelected}
      label={t("criteria.pickSection")}
      testId="criteria-nav"
    />
  );
  const addButton = (
    <Button type="dashed" block onClick={addCategory} data-testid="criteria-add-category">
      {t("criteria.addCategory")}
    </Button>
  );
  return (
    // A plain column, not a Space: the sticky save bar must be a direct child of the tall box it sticks within.
    <div style={{ display: "flex", flexDirection: "column", gap: 16 }} data-testid="criteria-editor">
      <Form layout={phone ? "vertical" : "inline"}>
        <Form.Item label={t("criteria.name")}>
          <Input
            value={draft.name}
            onChange={(e) => set({ name: e.target.value })}
            style={{ width: phone ? "100%" : 320 }}
          />
        </Form.Item>
        <Form.Item label={t("criteria.version")}>
          <NumberInput min={1} max={1000} value={draft.version} onChange={(v) => set({ version: v ?? 1 })} />
        </Form.Item>
        <Form.Item label={t("criteria.maxTotal")}>{baseTotal(draft)}</Form.Item>
      </Form>
      {phone ? (
        <>
          {navigator}
          {body}
          {addButton}
        </>
      ) : (
        <Row gutter={16} wrap={false}>
          <Col flex="260px">
            <Card
              size="small"
              title={t("criteria.contents")}
              style={{ position: "sticky", top: 16 }}
              styles={{ body: { padding: 4 } }}
            >
              {navigator}
              <div style={{ padding: 8 }}>{addButton}</div>
            </Card>
          </Col>
          <Col flex="auto" style={{ minWidth: 0 }}>
            {body}
          </Col>
        </Row>
      )}
      {save.error && !hasCode(save.error, "stale_version") ? (
        <Alert
          type="error"
          showIcon
          title={errorText(save.error, i18n.language)}
          description={<ProblemList error={save.error} />}
        />
      ) : null}
      <Card
        size="small"
        style={{ position: "sticky", bottom: 0, zIndex: 10, boxShadow: "0 -2px 8px rgba(0,0,0,0.08)" }}
        data-testid="criteria-save-bar"
      >
        <Flex wrap gap={8} justify="space-between" align="center">
          <Flex wrap gap={4} align="center">
            <Typography.Text
              strong={changes > 0}
              type={changes > 0 ? undefined : "secondary"}
              data-testid="criteria-changes"
            >
              {changes > 0 ? t("criteria.changes", { n: changes }) : t("criteria.noChanges")}
            </Typography.Text>
            {withProblems.length > 0 ? (
              <>
                <Typography.Text type="danger">{t("criteria.problemsIn")}</Typography.Text>
                {withProblems.map((s) => (
                  <Button
                    key={s.key}
                    type="link"
                    danger
                    size="small"
                    onClick={() => setSelected(s.key)}
                    data-testid="criteria-problem-link"
                  >
                    {s.label}
                  </Button>
                ))}
              </>
            ) : null}
          </Flex>
          <Space>
            {/* Going back to the read-only view asks first only when something would be lost. */}
            <Popconfirm
              disabled={changes === 0}
              title={t("criteria.discardTitle")}
              okText={t("criteria.discard")}
              okButtonProps={{ danger: true }}
              cancelText={t("common.cancel")}
              onConfirm={onCancel}
            >
              <Button onClick={changes === 0 ? onCancel : undefined} data-testid="criteria-discard">
                {t("criteria.discard")}
              </Button>
            </Popconfirm>
            <Button
              type="primary"
              loading={save.isPending}
              disabled={changes === 0}
              onClick={() => {
                if (draftHasProblems(draft)) void message.error(t("criteria.fixFirst"));
                else save.mutate();
              }}
              data-testid="criteria-save"
            >
              {t("common.save")}
            </Button>
          </Space>
        </Flex>
      </Card>
    </div>
  );
}
