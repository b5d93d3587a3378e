import { Button, Card, Empty, Input, Select, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { VetoRule } from "../../api/criteria.ts";
import { localizedMessage } from "../../api/errors.ts";
import type { DraftFinding } from "./draft.ts";

interface Props {
  rules: VetoRule[];
  findings: DraftFinding[];
  problems: Record<number, string[]>;
  editable: boolean;
  onChange: (update: (findings: DraftFinding[]) => DraftFinding[]) => void;
}

const REASON_MAX = 500;

/** 一票否决: the veto rules of the system this reviewer finds apply, each with the reason. */
export function VetoFindings({ rules, findings, problems, editable, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const taken = new Set(findings.map((f) => f.ruleId));
  const patch = (index: number, value: Partial<DraftFinding>) =>
    onChange((list) => list.map((f, i) => (i === index ? { ...f, ...value } : f)));
  return (
    <Card
      size="small"
      id="review-veto"
      title={t("scoring.vetoTitle")}
      extra={
        editable && findings.length < rules.length ? (
          <Button
            size="small"
            onClick={() => onChange((list) => [...list, { ruleId: "", reason: "" }])}
            data-testid="veto-add"
          >
            {t("scoring.vetoAdd")}
          </Button>
        ) : null
      }
      data-testid="veto-findings"
    >
      {rules.length === 0 ? (
        <Typography.Text type="secondary">{t("scoring.vetoNoRules")}</Typography.Text>
      ) : findings.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("scoring.vetoNone")} />
      ) : (
        <Space orientation="vertical" style={{ width: "100%" }}>
          {findings.map((f, i) => (
            // Findings have no id of their own until saved; their place in the list is stable while editing.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <Space key={i} orientation="vertical" size={4} style={{ width: "100%" }} data-testid="veto-finding">
              <Select
                disabled={!editable}
                value={f.ruleId || undefined}
                placeholder={t("scoring.vetoRule")}
                style={{ width: "100%" }}
                onChange={(ruleId: string) => patch(i, { ruleId })}
                options={rules.map((r) => ({
                  value: r.id,
                  label: `${r.id} ${r.text}`,
                  disabled: taken.has(r.id) && r.id !== f.ruleId,
                }))}
                data-testid="veto-rule"
              />
              <Input.TextArea
                disabled={!editable}
                autoSize={{ minRows: 2, maxRows: 6 }}
                maxLength={REASON_MAX}
                value={f.reason}
                placeholder={t("scoring.vetoReason")}
                onChange={(event) => patch(i, { reason: event.target.value })}
                data-testid="veto-reason"
              />
              {problems[i] ? (
                <Typography.Text type="danger">
                  {problems[i].map((m) => localizedMessage(m, i18n.language)).join("；")}
                </Typography.Text>
              ) : null}
              {editable ? (
                <Button
                  size="small"
                  danger
                  type="link"
                  style={{ padding: 0 }}
                  onClick={() => onChange((list) => list.filter((_, j) => j !== i))}
                >
                  {t("scoring.vetoRemove")}
                </Button>
              ) : null}
            </Space>
          ))}
        </Space>
      )}
    </Card>
  );
}
