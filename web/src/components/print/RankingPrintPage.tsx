import { useQuery } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { Result } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { type UnitFilterOptions, unitFiltersQuery } from "../../api/queries.ts";
import { fetchAllRanking, type RankingFilters, rankingKey } from "../../api/ranking.ts";
import { roundQuery } from "../../api/rounds.ts";
import { useMembership } from "../../routes/use-membership.ts";
import { QueryErrorResult } from "../QueryErrorResult.tsx";
import { rankingFilters, rankingReader } from "../ranking/ranking-search.ts";
import { PrintView } from "./PrintView.tsx";
import { rankingPrintDoc } from "./ranking-print.ts";

const route = getRouteApi("/_app/t/$tenant/rounds/$roundId/ranking/print");

/** The filters in force, in words: names for ids, 市 德阳市 rather than an id. */
function filterWords(t: TFunction, filters: RankingFilters, options: UnitFilterOptions) {
  const name = (items: { id: string; name: string }[], id: string) => items.find((i) => i.id === id)?.name ?? id;
  const words: { label: string; value: string }[] = [];
  if (filters.city) words.push({ label: t("ranking.filter.city"), value: name(options.cities, filters.city) });
  if (filters.sector) words.push({ label: t("ranking.filter.sector"), value: name(options.sectors, filters.sector) });
  if (filters.kind) words.push({ label: t("ranking.filter.kind"), value: name(options.kinds, filters.kind) });
  if (filters.pool) {
    const [kind, id = ""] = filters.pool.split(":");
    words.push({
      label: t("ranking.filter.pool"),
      value: name(kind === "city" ? options.cities : options.sectors, id),
    });
  }
  if (filters.status) {
    words.push({
      label: t("ranking.filter.status"),
      value: t(`appStatus.${filters.status}`, { defaultValue: filters.status }),
    });
  }
  return words;
}

/** A round's ranking under the ranking page's filters, every row, to print or export. */
export function RankingPrintPage() {
  const { t } = useTranslation();
  const { roundId } = route.useParams();
  const search = route.useSearch();
  const { tenant, membership } = useMembership();
  const reader = rankingReader(membership);
  const filters = rankingFilters(search, reader?.cityScoped ?? true);
  const round = useQuery({ ...roundQuery(tenant, roundId), enabled: reader !== null });
  const options = useQuery({ ...unitFiltersQuery(tenant), enabled: reader !== null });
  const rows = useQuery({
    queryKey: [...rankingKey(tenant, roundId), "all", filters] as const,
    queryFn: () => fetchAllRanking(tenant, roundId, filters),
    enabled: reader !== null,
  });
  if (!reader) return <Result status="403" title={t("ranking.forbidden")} />;
  const failed = round.error ?? options.error ?? rows.error;
  if (failed) return <QueryErrorResult error={failed} onRetry={() => void rows.refetch()} />;
  const doc =
    round.data && options.data && rows.data
      ? rankingPrintDoc(t, {
          roundTitle: round.data.title,
          rows: rows.data,
          filters: filterWords(t, filters, options.data),
        })
      : undefined;
  const { tab: _tab, page: _page, ...back } = search;
  return (
    <PrintView
      doc={doc}
      back={
        <Link to="/t/$tenant/rounds/$roundId/ranking" params={{ tenant, roundId }} search={back}>
          ← {t("print.back")}
        </Link>
      }
    />
  );
}
