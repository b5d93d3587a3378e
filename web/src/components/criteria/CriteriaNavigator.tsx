import { Badge, Menu, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { usePhone } from "../responsive.ts";

/** One part of the system the editor shows at a time: a category, the bonus or deduction items, the vetoes. */
export interface EditorSection {
  key: string;
  label: string;
  count: number;
  /** Something in it is marked red; saving waits until it is fixed. */
  problem: boolean;
}

interface Props {
  sections: EditorSection[];
  selected: string;
  onSelect: (key: string) => void;
}

/**
 * Which part of the system to edit: a side list with each part's count and a red dot where something needs
 * fixing on a desktop; a select at the top on a phone, where a side list would leave no room for the tables.
 */
export function CriteriaNavigator({ sections, selected, onSelect }: Props) {
  const { t } = useTranslation();
  const phone = usePhone();
  if (phone) {
    return (
      <Select
        value={selected}
        onChange={onSelect}
        style={{ width: "100%" }}
        aria-label={t("criteria.pickSection")}
        options={sections.map((s) => ({
          value: s.key,
          label: `${s.label}（${t("criteria.itemsCount", { n: s.count })}）${s.problem ? ` · ${t("criteria.hasProblems")}` : ""}`,
        }))}
        data-testid="criteria-nav-select"
      />
    );
  }
  return (
    <Menu
      mode="inline"
      selectedKeys={[selected]}
      onClick={({ key }) => onSelect(key)}
      style={{ borderInlineEnd: "none" }}
      items={sections.map((s) => ({
        key: s.key,
        title: s.label,
        label: (
          <span style={{ display: "flex", gap: 8, alignItems: "center" }} data-testid="criteria-nav-item">
            <span style={{ flex: 1, overflow: "hidden", textOverflow: "ellipsis" }}>{s.label}</span>
            {s.problem ? (
              <Badge status="error" title={t("criteria.hasProblems")} data-testid="criteria-nav-problem" />
            ) : null}
            <Typography.Text type="secondary">{s.count}</Typography.Text>
          </span>
        ),
      }))}
      data-testid="criteria-nav"
    />
  );
}
