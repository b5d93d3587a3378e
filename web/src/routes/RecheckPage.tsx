import { useQuery } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { Alert, Card, Result, Skeleton, Space } from "antd";
import { useTranslation } from "react-i18next";
import { roundQuery } from "../api/rounds.ts";
import { recheckQuery } from "../api/titles.ts";
import { isProvincialOffice, readsNotice } from "../components/notice/office-role.ts";
import { QueryErrorResult } from "../components/QueryErrorResult.tsx";
import { PhaseTag } from "../components/rounds/PhaseTag.tsx";
import { RecheckTable } from "../components/titles/RecheckTable.tsx";
import { useMembership } from "./use-membership.ts";

const route = getRouteApi("/_app/t/$tenant/rounds/$roundId/recheck");

/** Outcomes are recorded while the round is in provincial review or on notice, and applied at naming. */
const EDITABLE_PHASES = ["province_review", "notice"];

/**
 * 复查结果: a re-check round's enrolled units with their title, their provincial result and the outcome each
 * will get when the round is named (保留 / 黄牌警告 / 恢复 / 撤销 / 自动终止).
 */
export function RecheckPage() {
  const { t } = useTranslation();
  const { roundId } = route.useParams();
  const { tenant, membership } = useMembership();
  const reads = readsNotice(membership);
  const round = useQuery({ ...roundQuery(tenant, roundId), enabled: reads });
  const isRecheck = round.data?.kind === "recheck";
  const view = useQuery({ ...recheckQuery(tenant, roundId), enabled: reads && isRecheck });
  if (!reads) return <Result status="403" title={t("notice.forbidden")} />;
  if (round.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (round.isError) return <QueryErrorResult error={round.error} onRetry={() => void round.refetch()} />;
  const r = round.data;
  const header = (
    <Space wrap size={[8, 0]} style={{ whiteSpace: "normal" }}>
      <Link to="/t/$tenant/rounds/$roundId" params={{ tenant, roundId }} data-testid="recheck-round-link">
        {r.title}
      </Link>
      <span>{t("titles.recheck.pageTitle")}</span>
      <PhaseTag phase={r.phase} />
    </Space>
  );
  if (!isRecheck) {
    return (
      <Card title={header}>
        <Result status="info" title={t("titles.recheck.notRecheck")} />
      </Card>
    );
  }
  const canEdit = isProvincialOffice(membership) && EDITABLE_PHASES.includes(r.phase);
  return (
    <Card title={header} data-testid="recheck-page">
      {view.isPending ? <Skeleton active paragraph={{ rows: 8 }} /> : null}
      {view.isError ? <QueryErrorResult error={view.error} onRetry={() => void view.refetch()} /> : null}
      {view.data ? (
        <>
          <Alert
            type={view.data.missing > 0 ? "warning" : "info"}
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="recheck-missing"
            title={
              view.data.missing > 0
                ? t("titles.recheck.missing", { count: view.data.missing, total: view.data.items.length })
                : t("titles.recheck.complete", { total: view.data.items.length })
            }
            description={canEdit ? undefined : t("titles.recheck.readOnly")}
          />
          <RecheckTable tenant={tenant} view={view.data} canEdit={canEdit} />
        </>
      ) : null}
    </Card>
  );
}
