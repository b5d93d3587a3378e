import { Button, Select, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { ReportView } from "../../api/reports.ts";
import { type CriteriaChoice, choiceLabel } from "./criteria-items.ts";

export type Suggestions = ReportView["suggestions"][number]["items"];

interface Props {
  codes: string[];
  /** The saved report's suggestions for this paragraph; undefined for a paragraph not saved yet. */
  suggestions: Suggestions | undefined;
  choices: CriteriaChoice[];
  onChange: (codes: string[]) => void;
}

/** The criteria items a paragraph is linked to, and the suggested ones with the words that matched. */
export function ParagraphLinks({ codes, suggestions, choices, onChange }: Props) {
  const { t } = useTranslation();
  const byCode = new Map(choices.map((c) => [c.code, c]));
  const open = (suggestions ?? []).filter((s) => !codes.includes(s.itemCode) && byCode.has(s.itemCode));
  return (
    <Space orientation="vertical" size={4} style={{ width: "100%" }} data-testid="paragraph-links">
      <Select
        mode="multiple"
        size="small"
        value={codes}
        onChange={onChange}
        options={choices.map((c) => ({ value: c.code, label: choiceLabel(c) }))}
        optionFilterProp="label"
        placeholder={t("report.linkPlaceholder")}
        style={{ width: "100%" }}
        aria-label={t("report.links")}
        data-testid="paragraph-link-select"
      />
      {suggestions === undefined ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("report.suggestAfterSave")}
        </Typography.Text>
      ) : (
        open.map((s) => (
          <div
            key={s.itemCode}
            style={{ display: "flex", gap: 8, alignItems: "flex-start", minWidth: 0 }}
            data-testid="link-suggestion"
            data-code={s.itemCode}
          >
            <div style={{ flex: "1 1 auto", minWidth: 0, overflowWrap: "anywhere" }}>
              <Tag color="gold" style={{ whiteSpace: "normal" }}>
                {choiceLabel(byCode.get(s.itemCode) ?? { code: s.itemCode, title: "" })}
              </Tag>
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="suggestion-terms">
                {t("report.why", { terms: s.terms.join("、") })}
              </Typography.Text>
            </div>
            <Button size="small" onClick={() => onChange([...codes, s.itemCode])} data-testid="suggestion-accept">
              {t("report.accept")}
            </Button>
          </div>
        ))
      )}
    </Space>
  );
}
