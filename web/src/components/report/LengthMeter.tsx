import { Alert, Progress, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";

/** The report's length as offices count it (Word's 字数) against the round's limit; over it, a warning. */
export function LengthMeter({ length, max }: { length: number; max: number }) {
  const { t } = useTranslation();
  const over = length > max;
  return (
    <Space orientation="vertical" size={4} style={{ width: "100%" }}>
      <Space wrap size={8}>
        <Typography.Text type={over ? "danger" : "secondary"} data-testid="report-length">
          {t("report.length", { n: length, max })}
        </Typography.Text>
        <Progress
          percent={Math.min(100, Math.round((length / max) * 100))}
          status={over ? "exception" : "normal"}
          showInfo={false}
          size="small"
          style={{ width: 120, margin: 0 }}
        />
      </Space>
      {over ? (
        <Alert type="warning" showIcon title={t("report.tooLong", { max })} data-testid="report-too-long" />
      ) : null}
    </Space>
  );
}
