import { useQuery } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { Button, Card, Skeleton, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { errorText } from "../../api/errors.ts";
import { reportQuery } from "../../api/reports.ts";

interface Props {
  tenant: string;
  applicationId: string;
}

/** The application's 汇报材料 at a glance: length against the round's limit, figures confirmed, links; to edit or read it. */
export function ReportSummaryCard({ tenant, applicationId }: Props) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const view = useQuery(reportQuery(tenant, applicationId));
  const v = view.data;
  const report = v?.report;
  return (
    <Card
      size="small"
      title={t("report.pageTitle")}
      extra={
        v ? (
          <Button
            size="small"
            type={v.editable ? "primary" : "default"}
            onClick={() =>
              void navigate({ to: "/t/$tenant/applications/$applicationId/report", params: { tenant, applicationId } })
            }
            data-testid="report-open"
          >
            {v.editable ? (report ? t("common.edit") : t("report.start")) : t("common.view")}
          </Button>
        ) : null
      }
      data-testid="report-card"
    >
      {view.isPending ? (
        <Skeleton active paragraph={{ rows: 1 }} title={false} />
      ) : view.error ? (
        <Typography.Text type="danger">{errorText(view.error, i18n.language)}</Typography.Text>
      ) : !v || !report ? (
        <Typography.Text type={v?.required ? "warning" : "secondary"} data-testid="report-card-none">
          {v?.required ? t("report.requiredNone") : t("report.notSubmitted")}
        </Typography.Text>
      ) : (
        <Space wrap size={[8, 4]}>
          <Tag color={report.length > v.maxChars ? "red" : "default"} data-testid="report-card-length">
            {t("report.length", { n: report.length, max: v.maxChars })}
          </Tag>
          <Tag data-testid="report-card-figures">
            {t("report.figuresConfirmed", {
              n: report.figures.filter((f) => f.confirmed).length,
              total: report.figures.length,
            })}
          </Tag>
          <Tag data-testid="report-card-links">{t("report.linksCount", { n: report.links.length })}</Tag>
          {report.placeholders.length > 0 ? (
            <Tag color="orange">{t("report.placeholdersCount", { n: report.placeholders.length })}</Tag>
          ) : null}
        </Space>
      )}
    </Card>
  );
}
