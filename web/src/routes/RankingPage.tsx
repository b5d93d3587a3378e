import { useQuery } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { Button, Card, Result, Skeleton, Space, Tabs } from "antd";
import { useTranslation } from "react-i18next";
import { scoresCsvUrl } from "../api/ranking.ts";
import { roundQuery } from "../api/rounds.ts";
import { QueryErrorResult } from "../components/QueryErrorResult.tsx";
import { ButtonLink } from "../components/ranking/ButtonLink.tsx";
import { ConsistencyTab } from "../components/ranking/ConsistencyTab.tsx";
import { RankingTab, type Reader } from "../components/ranking/RankingTab.tsx";
import { RollupsTab } from "../components/ranking/RollupsTab.tsx";
import { type RankingSearch, rankingReader } from "../components/ranking/ranking-search.ts";
import { PhaseTag } from "../components/rounds/PhaseTag.tsx";
import { useMembership } from "./use-membership.ts";

const route = getRouteApi("/_app/t/$tenant/rounds/$roundId/ranking");

/**
 * A round's ranking, its statistics and (for admins and provincial readers) its reviewers' consistency, all in
 * the reader's scope; city reviewers decide on their city's applications here during 市级评审.
 */
export function RankingPage() {
  const { t, i18n } = useTranslation();
  const { roundId } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const { tenant, membership } = useMembership();
  const round = useQuery(roundQuery(tenant, roundId));
  // The ranking is the office's and its reviewers': units and department accounts see none.
  const scope = rankingReader(membership);
  if (!membership || !scope) return <Result status="403" title={t("ranking.forbidden")} />;
  if (round.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (round.isError) return <QueryErrorResult error={round.error} onRetry={() => void round.refetch()} />;
  const r = round.data;
  const role = membership.role;
  const { cityScoped } = scope;
  const reader: Reader = {
    cityScoped,
    canDecide: r.phase === "city_review" && membership.jurisdiction?.level === "city",
  };
  const admin = role === "tenant_admin";
  const seesConsistency = admin || (role === "reviewer" && !cityScoped);
  const update = (patch: Partial<RankingSearch>) => {
    void navigate({ search: (previous) => ({ ...previous, page: undefined, ...patch }) });
  };
  const tab = search.tab ?? "ranking";
  // The printed ranking is the ranking tab's rows under the same filters, every page of them.
  const { tab: _tab, page: _page, ...printSearch } = search;
  return (
    <Card
      title={
        <Space wrap size={[8, 0]} style={{ whiteSpace: "normal" }}>
          <Link to="/t/$tenant/rounds/$roundId" params={{ tenant, roundId }} data-testid="ranking-round-link">
            {r.title}
          </Link>
          <span>{t("ranking.pageTitle")}</span>
          <PhaseTag phase={r.phase} />
        </Space>
      }
      extra={
        <Space wrap size={8}>
          <ButtonLink
            size="small"
            to="/t/$tenant/rounds/$roundId/ranking/print"
            params={{ tenant, roundId }}
            search={printSearch}
            data-testid="ranking-print"
          >
            {t("print.entry")}
          </ButtonLink>
          <Button size="small" href={scoresCsvUrl(tenant, roundId, i18n.language)} data-testid="scores-csv">
            {t("ranking.scoresCsv")}
          </Button>
        </Space>
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(key) => void navigate({ search: key === "ranking" ? {} : { tab: key as RankingSearch["tab"] } })}
        destroyOnHidden
        items={[
          {
            key: "ranking",
            label: t("ranking.tabs.ranking"),
            children: (
              <RankingTab
                tenant={tenant}
                round={r}
                search={search}
                reader={reader}
                onSearch={update}
                onReset={() => void navigate({ search: {} })}
              />
            ),
          },
          {
            key: "rollups",
            label: t("ranking.tabs.rollups"),
            children: <RollupsTab tenant={tenant} round={r} cityScoped={cityScoped} />,
          },
          ...(seesConsistency
            ? [
                {
                  key: "consistency",
                  label: t("ranking.tabs.consistency"),
                  children: <ConsistencyTab tenant={tenant} round={r} canRecalibrate={admin} />,
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
