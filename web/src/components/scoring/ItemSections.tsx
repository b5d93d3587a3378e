import { Space, Typography } from "antd";
import { startTransition, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Application } from "../../api/applications.ts";
import type { CriteriaItem, CriteriaSystem } from "../../api/criteria.ts";
import type { ScoreForm } from "../../api/scoring.ts";
import type { Draft, DraftItem, ItemKind } from "./draft.ts";
import type { FieldNav } from "./field-nav.ts";
import { ReviewItem } from "./ReviewItem.tsx";
import type { LinkedNames } from "./use-linked-names.ts";

interface Props {
  tenant: string;
  app: Application;
  system: CriteriaSystem;
  names: LinkedNames;
  /** With a form: the draft's scores beside each item. */
  scoring?: {
    draft: Draft;
    problems: Record<string, string[]>;
    editable: boolean;
    onChange: (code: string, patch: Partial<DraftItem>) => void;
    nav: FieldNav;
    /** Items a source scores, with its points: shown read-only. */
    sourced: ScoreForm["sourced"];
  };
  /** What the bonus and deduction headings say beside their caps (e.g. the points counted so far). */
  bonusNote?: string;
  deductionNote?: string;
}

const FIRST_ITEMS = 8;
const MORE_ITEMS = 12;

/** The application as a document, category by category, then the bonus and the deduction items. */
export function ItemSections({ tenant, app, system, names, scoring, bonusNote, deductionNote }: Props) {
  const { t } = useTranslation();
  const entries = new Map(app.items.map((e) => [e.itemCode, e]));
  const count =
    system.categories.reduce((n, c) => n + c.items.length, 0) + system.bonusItems.length + system.deductionItems.length;
  // The first items render at once, the rest in chunks between frames: the page is usable while they fill in.
  const [shown, setShown] = useState(FIRST_ITEMS);
  useEffect(() => {
    if (shown >= count) return;
    const timer = setTimeout(() => startTransition(() => setShown((n) => n + MORE_ITEMS)), 0);
    return () => clearTimeout(timer);
  }, [shown, count]);
  const sourced = new Map(scoring?.sourced.map((s) => [s.itemCode, s]));
  let position = 0;
  const row = (item: CriteriaItem, kind: ItemKind) =>
    position++ >= shown ? (
      <div key={item.code} style={{ height: 240 }} data-testid="review-item-pending" />
    ) : (
      <ReviewItem
        key={item.code}
        tenant={tenant}
        item={item}
        kind={kind}
        entry={entries.get(item.code)}
        names={names}
        value={scoring?.draft.items[item.code]}
        problems={scoring?.problems[item.code]}
        editable={scoring?.editable}
        onChange={scoring?.onChange}
        nav={scoring?.nav}
        sourced={sourced.get(item.code)}
      />
    );
  const heading = (id: string, text: string, note?: string) => (
    <Typography.Title level={5} id={id} style={{ margin: "8px 0", scrollMarginTop: 72 }}>
      {text}
      {note ? (
        <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: "normal", marginInlineStart: 8 }}>
          {note}
        </Typography.Text>
      ) : null}
    </Typography.Title>
  );
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="review-document">
      {system.categories.map((category) => (
        <section key={category.code}>
          {heading(`review-category-${category.code}`, `${category.code} ${category.title}`)}
          <Space orientation="vertical" style={{ width: "100%" }}>
            {category.items.map((item) => row(item, "base"))}
          </Space>
        </section>
      ))}
      {system.bonusItems.length > 0 ? (
        <section>
          {heading("review-bonus", t("scoring.bonusItems", { cap: system.bonusCap }), bonusNote)}
          <Space orientation="vertical" style={{ width: "100%" }}>
            {system.bonusItems.map((item) => row(item, "bonus"))}
          </Space>
        </section>
      ) : null}
      {system.deductionItems.length > 0 ? (
        <section>
          {heading("review-deduction", t("scoring.deductionItems", { cap: system.deductionCap }), deductionNote)}
          <Space orientation="vertical" style={{ width: "100%" }}>
            {system.deductionItems.map((item) => row(item, "deduction"))}
          </Space>
        </section>
      ) : null}
    </Space>
  );
}
