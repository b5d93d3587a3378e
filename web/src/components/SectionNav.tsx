import { Badge, Menu, Select, Typography } from "antd";
import { usePhone } from "./responsive.ts";

/** One part of a long form shown at a time: a category, the bonus and deduction items, the vetoes. */
export interface NavSection {
  key: string;
  label: string;
  /** What the count beside it says, e.g. "3/5" filled of all, or "5 项". */
  count: string;
  /**
   * A dot beside it: unsaved changes (warning) or something to fix (error). Its text is the dot's tooltip and
   * the phone's suffix.
   */
  mark?: { text: string; tone: "warning" | "error" };
}

interface Props {
  sections: NavSection[];
  selected: string;
  onSelect: (key: string) => void;
  /** What the phone's select is announced as. */
  label: string;
  testId: string;
}

/**
 * Which part of a long form to show: a side list with each part's count on a desktop; a select at the top on
 * a phone, where a side list would leave no room for the form.
 */
export function SectionNav({ sections, selected, onSelect, label, testId }: Props) {
  const phone = usePhone();
  if (phone) {
    return (
      <Select
        value={selected}
        onChange={onSelect}
        style={{ width: "100%" }}
        // A dozen categories: all listed at once rather than a virtual window of them.
        virtual={false}
        aria-label={label}
        options={sections.map((s) => ({
          value: s.key,
          label: `${s.label}（${s.count}）${s.mark ? ` · ${s.mark.text}` : ""}`,
        }))}
        data-testid={`${testId}-select`}
      />
    );
  }
  return (
    <Menu
      mode="inline"
      selectedKeys={[selected]}
      onClick={({ key }) => onSelect(key)}
      style={{ borderInlineEnd: "none" }}
      aria-label={label}
      items={sections.map((s) => ({
        key: s.key,
        title: s.label,
        label: (
          <span style={{ display: "flex", gap: 8, alignItems: "center" }} data-testid={`${testId}-item`}>
            <span style={{ flex: 1, overflow: "hidden", textOverflow: "ellipsis" }}>{s.label}</span>
            {s.mark ? <Badge status={s.mark.tone} title={s.mark.text} data-testid={`${testId}-mark`} /> : null}
            <Typography.Text type="secondary">{s.count}</Typography.Text>
          </span>
        ),
      }))}
      data-testid={testId}
    />
  );
}
