import { useQuery } from "@tanstack/react-query";
import { Button, Card, Divider, Empty, Skeleton, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type Award, unitAwardsQuery } from "../../api/awards.ts";
import { useMembership } from "../../routes/use-membership.ts";
import { isProvincialOffice } from "../notice/office-role.ts";
import { QueryErrorResult } from "../QueryErrorResult.tsx";
import { TitleHistory } from "../titles/TitleHistory.tsx";
import { TitleOutcomeButton } from "../titles/TitleOutcomeButton.tsx";
import { AwardFormModal } from "./AwardFormModal.tsx";
import { AwardStatusTag } from "./AwardStatusTag.tsx";
import { titleName } from "./title-name.ts";

interface Props {
  tenant: string;
  unitId: string;
  /** Reviewers in scope and tenant admins record titles the unit held before the system. */
  canRecord: boolean;
}

interface RowsProps {
  tenant: string;
  unitId: string;
  awards: Award[] | undefined;
  /** Tenant admins and provincial reviewers change a title's status (动态管理). */
  canManage: boolean;
}

/**
 * Each title: its name and status (a warning with its deadline, the public reason), then its term, dates, naming
 * document and where it came from, then its history.
 */
function AwardRows({ tenant, unitId, awards, canManage }: RowsProps) {
  const { t } = useTranslation();
  const facts = (a: Award) => [
    [t("awards.term"), t("awards.termValue", { start: a.termStartYear, end: a.termEndYear })],
    [t("awards.namedOn"), a.namedOn],
    [t("awards.validUntil"), a.validUntil],
    [t("awards.documentRef"), a.documentRef ?? t("common.none")],
    [t("awards.source"), a.round?.title ?? t("awards.historic")],
  ];
  if (!awards) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (awards.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("awards.empty")} data-testid="awards-empty" />;
  }
  return (
    <div data-testid="award-list">
      {awards.map((a, i) => (
        <div key={a.id} data-testid="award-row">
          {i > 0 ? <Divider style={{ margin: "12px 0" }} /> : null}
          <Space size="small" wrap style={{ marginBottom: 4 }}>
            <Typography.Text strong data-testid="award-level">
              {titleName(t, a.level)}
            </Typography.Text>
            <AwardStatusTag award={a} />
            {a.held ? (
              <Tag color="green" data-testid="award-held">
                {t("awards.held")}
              </Tag>
            ) : null}
            {a.status === "warned" && a.warningDeadline ? (
              <Typography.Text type="warning" data-testid="award-deadline">
                {t("titles.deadline", { date: a.warningDeadline })}
              </Typography.Text>
            ) : null}
            {canManage ? <TitleOutcomeButton tenant={tenant} unitId={unitId} award={a} /> : null}
          </Space>
          {a.publicReason ? (
            <div>
              <Typography.Text type="secondary" data-testid="award-public-reason">
                {t("titles.publicReasonIs", { reason: a.publicReason })}
              </Typography.Text>
            </div>
          ) : null}
          <div>
            <Space size="large" wrap>
              {facts(a).map(([label, value]) => (
                <Typography.Text type="secondary" key={label}>
                  {label}：{value}
                </Typography.Text>
              ))}
            </Space>
          </div>
          <TitleHistory history={a.history} />
        </div>
      ))}
    </div>
  );
}

/** The titles (称号) a unit holds or held, latest term first. */
export function AwardsCard({ tenant, unitId, canRecord }: Props) {
  const { t } = useTranslation();
  const awards = useQuery(unitAwardsQuery(tenant, unitId));
  const [recording, setRecording] = useState(false);
  const canManage = isProvincialOffice(useMembership().membership);
  return (
    <Card
      title={t("awards.title")}
      data-testid="unit-awards"
      extra={
        canRecord ? (
          <Button onClick={() => setRecording(true)} data-testid="award-record">
            {t("awards.record")}
          </Button>
        ) : null
      }
    >
      {awards.isError ? (
        <QueryErrorResult error={awards.error} onRetry={() => void awards.refetch()} />
      ) : (
        // Rows of facts, not a table: on a unit's own home a table would read as a list of units.
        <AwardRows tenant={tenant} unitId={unitId} awards={awards.data?.items} canManage={canManage} />
      )}
      {canRecord ? (
        <AwardFormModal tenant={tenant} unitId={unitId} open={recording} onClose={() => setRecording(false)} />
      ) : null}
    </Card>
  );
}
