// The application page's 互评 card: the peers this unit scores and whether its form is submitted.
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Card, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { mutualFormQuery } from "../../api/mutual.ts";

/** Shown only when the round has mutual assessment and this unit has peers to score. */
export function MutualCard({ tenant, applicationId }: { tenant: string; applicationId: string }) {
  const { t } = useTranslation();
  const form = useQuery({ ...mutualFormQuery(tenant, applicationId), retry: false });
  const data = form.data;
  if (!data?.configured || data.peers.length === 0) return null;
  const submitted = data.peers.some((p) => p.submitted);
  const scored = data.peers.filter((p) => p.scores.every((s) => s.points !== null)).length;
  return (
    <Card title={t("mutual.cardTitle")} size="small" data-testid="mutual-card">
      <Space wrap size="middle" align="center" style={{ width: "100%", justifyContent: "space-between" }}>
        <Space wrap size={6}>
          <Typography.Text>{t("mutual.cardSummary", { peers: data.peers.length, scored })}</Typography.Text>
          <Tag color={submitted ? "green" : "orange"}>
            {t(submitted ? "mutual.cardSubmitted" : "mutual.cardPending")}
          </Tag>
          {data.closesOn ? (
            <Typography.Text type="secondary">{t("mutual.closesOn", { date: data.closesOn })}</Typography.Text>
          ) : null}
        </Space>
        <Link
          to="/t/$tenant/applications/$applicationId/mutual"
          params={{ tenant, applicationId }}
          data-testid="mutual-card-link"
        >
          {t(data.editable ? "mutual.openForm" : "mutual.viewForm")}
        </Link>
      </Space>
    </Card>
  );
}
