import { useQuery } from "@tanstack/react-query";
import { getRouteApi, Link, useLocation } from "@tanstack/react-router";
import { Card, Result, Skeleton, Space } from "antd";
import { useTranslation } from "react-i18next";
import { ApiFailure } from "../api/client.ts";
import { unitDetailQuery } from "../api/queries.ts";
import { QueryErrorResult } from "../components/QueryErrorResult.tsx";
import { UnitFrame } from "../components/UnitFrame.tsx";
import { UnitProfile } from "../components/UnitProfile.tsx";
import { UnitReviewActions } from "../components/UnitReviewActions.tsx";
import { useMembership } from "./use-membership.ts";

const route = getRouteApi("/_app/t/$tenant/units/$id");

/** One unit, read-only. Out-of-scope ids answer 404 from the API, shown as "not found". */
export function UnitDetailPage() {
  const { t } = useTranslation();
  const { tenant, id } = route.useParams();
  const { membership } = useMembership();
  const unit = useQuery(unitDetailQuery(tenant, id));
  // Back to the list as it was (filters, page) when the unit was opened from it.
  const listSearch = useLocation({ select: (location) => location.state.unitListSearch });
  const back = (
    <Link to="/t/$tenant" params={{ tenant }} search={listSearch ?? {}} data-testid="back-to-list">
      ← {t("unit.back")}
    </Link>
  );

  if (unit.isPending) {
    return (
      <Card title={t("unit.detailTitle")} extra={back}>
        <Skeleton active paragraph={{ rows: 6 }} />
      </Card>
    );
  }
  if (unit.isError) {
    if (unit.error instanceof ApiFailure && unit.error.status === 404) {
      return <Result status="404" title={t("unit.notFound")} subTitle={t("unit.notFoundHint")} extra={back} />;
    }
    return <QueryErrorResult error={unit.error} onRetry={() => void unit.refetch()} />;
  }
  const reviewer = membership?.role === "reviewer" || membership?.role === "tenant_admin";
  return (
    <UnitFrame tenant={tenant} unitId={id} active="profile" ownUnit={false}>
      <UnitProfile
        unit={unit.data}
        title={t("unit.detailTitle")}
        extra={
          <Space size="middle">
            {reviewer && unit.data.status === "pending" ? <UnitReviewActions tenant={tenant} unit={unit.data} /> : null}
            {back}
          </Space>
        }
      />
    </UnitFrame>
  );
}
