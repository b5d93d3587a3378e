import { Button, Card, Input, Popconfirm, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { ReportFigure } from "../../api/reports.ts";
import { NumberInput } from "../NumberInput.tsx";
import { removeAt, replaceAt } from "../program/draft.ts";

interface Props {
  figures: ReportFigure[];
  onChange: (figures: ReportFigure[]) => void;
}

/**
 * The counts the importer found, each with its sentence, for the unit to confirm or correct. A correction
 * leaves the figure unconfirmed until 确认 (cards, not a table: a phone has no room for six columns).
 */
export function FiguresList({ figures, onChange }: Props) {
  const { t } = useTranslation();
  const confirmed = figures.filter((f) => f.confirmed).length;
  const patch = (i: number, f: ReportFigure, change: Partial<ReportFigure>) =>
    onChange(replaceAt(figures, i, { ...f, confirmed: false, ...change }));
  return (
    <Card
      size="small"
      title={t("report.figuresTitle")}
      extra={
        <Typography.Text type="secondary" data-testid="figures-confirmed">
          {t("report.figuresConfirmed", { n: confirmed, total: figures.length })}
        </Typography.Text>
      }
      data-testid="report-figures"
    >
      {figures.length === 0 ? (
        <Typography.Text type="secondary">{t("report.figuresNone")}</Typography.Text>
      ) : (
        <Space orientation="vertical" size="small" style={{ width: "100%" }}>
          {figures.map((f, i) => (
            <div
              key={f.id}
              style={{ borderBottom: "1px solid #f0f0f0", paddingBottom: 8, minWidth: 0 }}
              data-testid="figure"
              data-confirmed={f.confirmed}
            >
              <Typography.Paragraph
                type="secondary"
                style={{ margin: "0 0 6px", overflowWrap: "anywhere" }}
                data-testid="figure-sentence"
              >
                {f.text}
              </Typography.Paragraph>
              <Space wrap size={[8, 6]}>
                <Input
                  size="small"
                  value={f.label}
                  maxLength={60}
                  style={{ width: 160 }}
                  aria-label={t("report.figureLabel")}
                  placeholder={t("report.figureLabel")}
                  onChange={(e) => patch(i, f, { label: e.target.value })}
                  data-testid="figure-label"
                />
                <NumberInput
                  size="small"
                  value={f.value}
                  min={0}
                  style={{ width: 96 }}
                  aria-label={t("report.figureValue")}
                  onChange={(value) => patch(i, f, { value: value ?? 0 })}
                  data-testid="figure-value"
                />
                <Input
                  size="small"
                  value={f.unit}
                  maxLength={10}
                  style={{ width: 64 }}
                  aria-label={t("report.figureUnit")}
                  onChange={(e) => patch(i, f, { unit: e.target.value })}
                  data-testid="figure-unit"
                />
                {f.confirmed ? (
                  <Tag color="green" data-testid="figure-is-confirmed">
                    {t("report.figureIsConfirmed")}
                  </Tag>
                ) : (
                  <Button
                    size="small"
                    type="primary"
                    ghost
                    disabled={!f.label.trim() || !f.unit.trim()}
                    onClick={() => onChange(replaceAt(figures, i, { ...f, confirmed: true }))}
                    data-testid="figure-confirm"
                  >
                    {t("report.figureConfirm")}
                  </Button>
                )}
                <Popconfirm
                  title={t("report.figureDelete")}
                  okText={t("common.delete")}
                  cancelText={t("common.cancel")}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => onChange(removeAt(figures, i))}
                >
                  <Button size="small" danger type="text" data-testid="figure-remove">
                    {t("common.delete")}
                  </Button>
                </Popconfirm>
              </Space>
            </div>
          ))}
        </Space>
      )}
    </Card>
  );
}
