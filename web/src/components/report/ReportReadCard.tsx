import { useQuery } from "@tanstack/react-query";
import { Collapse, Skeleton, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { CriteriaSystem } from "../../api/criteria.ts";
import { errorText } from "../../api/errors.ts";
import { reportQuery } from "../../api/reports.ts";
import { criteriaChoices } from "./criteria-items.ts";
import { ReportDocument } from "./ReportDocument.tsx";

interface Props {
  tenant: string;
  applicationId: string;
  system: CriteriaSystem;
}

/** The unit's report for its reviewers, folded under the application's header until opened. */
export function ReportReadCard({ tenant, applicationId, system }: Props) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const view = useQuery({ ...reportQuery(tenant, applicationId), enabled: open });
  const body = view.isPending ? (
    <Skeleton active paragraph={{ rows: 6 }} />
  ) : view.isError ? (
    <Typography.Text type="danger">{errorText(view.error, i18n.language)}</Typography.Text>
  ) : view.data.report ? (
    <ReportDocument
      content={view.data.report.content}
      figures={view.data.report.figures}
      links={view.data.report.links}
      choices={criteriaChoices(system)}
    />
  ) : (
    <Typography.Text type="secondary" data-testid="report-card-none">
      {t("report.notSubmitted")}
    </Typography.Text>
  );
  return (
    <Collapse
      activeKey={open ? ["report"] : []}
      onChange={(keys) => setOpen(keys.includes("report"))}
      style={{ background: "#fff" }}
      items={[{ key: "report", label: t("report.pageTitle"), children: body }]}
      data-testid="review-report"
    />
  );
}
