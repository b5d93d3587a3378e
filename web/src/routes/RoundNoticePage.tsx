import { useQuery } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { Alert, Card, Result, Skeleton, Space } from "antd";
import { useTranslation } from "react-i18next";
import { roundNoticeQuery } from "../api/notice.ts";
import { roundQuery } from "../api/rounds.ts";
import { NamingCard } from "../components/notice/NamingCard.tsx";
import { NoticeEntriesCard } from "../components/notice/NoticeEntriesCard.tsx";
import { NoticePreview } from "../components/notice/NoticePreview.tsx";
import { NoticeWindowCard } from "../components/notice/NoticeWindowCard.tsx";
import { ObjectionsCard } from "../components/notice/ObjectionsCard.tsx";
import { isProvincialOffice, readsNotice } from "../components/notice/office-role.ts";
import { PublishNoticeCard } from "../components/notice/PublishNoticeCard.tsx";
import { QueryErrorResult } from "../components/QueryErrorResult.tsx";
import { PhaseTag } from "../components/rounds/PhaseTag.tsx";
import { useMembership } from "./use-membership.ts";

const route = getRouteApi("/_app/t/$tenant/rounds/$roundId/notice");

/**
 * 公示管理: before notice the shortlist that would be published and who is left out and why, and the form that
 * publishes it; during and after, the window, the listed units, the objections and naming.
 */
export function RoundNoticePage() {
  const { t } = useTranslation();
  const { roundId } = route.useParams();
  const { tenant, membership } = useMembership();
  const reads = readsNotice(membership);
  const round = useQuery({ ...roundQuery(tenant, roundId), enabled: reads });
  const view = useQuery({ ...roundNoticeQuery(tenant, roundId), enabled: reads });
  if (!reads) return <Result status="403" title={t("notice.forbidden")} />;
  if (round.isPending || view.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (round.isError) return <QueryErrorResult error={round.error} onRetry={() => void round.refetch()} />;
  if (view.isError) return <QueryErrorResult error={view.error} onRetry={() => void view.refetch()} />;
  const r = round.data;
  const v = view.data;
  const handles = isProvincialOffice(membership);
  const admin = membership?.role === "tenant_admin";
  const openObjections = v.entries.reduce((sum, e) => sum + e.objections.open, 0);
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="round-notice-page">
      <Card
        title={
          <Space wrap size={[8, 0]} style={{ whiteSpace: "normal" }}>
            <Link to="/t/$tenant/rounds/$roundId" params={{ tenant, roundId }} data-testid="notice-round-link">
              {r.title}
            </Link>
            <span>{t("notice.pageTitle")}</span>
            <PhaseTag phase={r.phase} />
          </Space>
        }
      >
        {v.notice === null && r.phase !== "province_review" ? (
          <Alert type="info" showIcon title={t("notice.notYet")} data-testid="notice-not-yet" />
        ) : (
          <Alert type="info" showIcon title={t(v.notice ? "notice.hintAfter" : "notice.hintBefore")} />
        )}
      </Card>
      {v.notice === null ? (
        r.phase === "province_review" ? (
          <>
            <NoticePreview view={v} />
            {handles ? <PublishNoticeCard tenant={tenant} round={r} listed={v.shortlist.length} /> : null}
          </>
        ) : null
      ) : (
        <>
          <NoticeWindowCard tenant={tenant} roundId={roundId} notice={v.notice} />
          <NamingCard
            // A refusal names what blocked it then: once objections are decided or the window ends, it is stale.
            key={`${openObjections}:${v.notice.ended}`}
            tenant={tenant}
            round={r}
            entries={v.entries}
            canName={handles}
          />
          <NoticeEntriesCard entries={v.entries} />
          <ObjectionsCard tenant={tenant} roundId={roundId} canHandle={handles} admin={admin} />
        </>
      )}
    </Space>
  );
}
