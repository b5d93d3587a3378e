import { Input, Space } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

interface Props {
  heading: string;
  text: string;
  onChange: (patch: { heading?: string; text?: string }) => void;
  /** The heading's label: a section's 标题 or an item's 小标题. */
  headingLabel: string;
  /** Its links to criteria items, under the text. */
  links: ReactNode;
  testId: string;
}

/** One paragraph of the report being edited: heading, text, links. */
export function ParagraphFields({ heading, text, onChange, headingLabel, links, testId }: Props) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size={6} style={{ width: "100%" }} data-testid={testId}>
      <Input
        value={heading}
        maxLength={500}
        placeholder={headingLabel}
        aria-label={headingLabel}
        onChange={(e) => onChange({ heading: e.target.value })}
        data-testid={`${testId}-heading`}
      />
      <Input.TextArea
        value={text}
        autoSize={{ minRows: 2, maxRows: 14 }}
        maxLength={10_000}
        placeholder={t("report.text")}
        aria-label={t("report.text")}
        onChange={(e) => onChange({ text: e.target.value })}
        data-testid={`${testId}-text`}
      />
      {links}
    </Space>
  );
}
