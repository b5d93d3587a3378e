import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Space } from "antd";
import { useTranslation } from "react-i18next";
import { unitFiltersQuery } from "../../api/queries.ts";
import { fetchAllRanking, RANKING_PAGE_SIZE, rankingQuery } from "../../api/ranking.ts";
import type { Round } from "../../api/rounds.ts";
import { QueryErrorResult } from "../QueryErrorResult.tsx";
import { DecisionButtons } from "./DecisionButtons.tsx";
import { RankingFilterBar } from "./RankingFilterBar.tsx";
import { CutOffStrip, RankingSummary } from "./RankingSummary.tsx";
import { RankingTable } from "./RankingTable.tsx";
import { rankingExportColumns } from "./ranking-columns.ts";
import { type RankingSearch, rankingFilters } from "./ranking-search.ts";
import { TableExport } from "./TableExport.tsx";

export interface Reader {
  /** A city (or county) reader: their scope is one city, so no city filter and no city comparison. */
  cityScoped: boolean;
  /** A city reviewer while the round is in 市级评审: recommends, does not recommend, returns. */
  canDecide: boolean;
}

interface Props {
  tenant: string;
  round: Round;
  search: RankingSearch;
  reader: Reader;
  onSearch: (patch: Partial<RankingSearch>) => void;
  onReset: () => void;
}

/** The ranking tab: how it is made, the pools' cut-offs, filters, the table and its export. */
export function RankingTab({ tenant, round, search, reader, onSearch, onReset }: Props) {
  const { t } = useTranslation();
  const filters = rankingFilters(search, reader.cityScoped);
  const page = search.page ?? 1;
  const ranking = useQuery({ ...rankingQuery(tenant, round.id, filters, page), placeholderData: keepPreviousData });
  const options = useQuery(unitFiltersQuery(tenant));
  const cutOffs = ranking.data?.cutOffs ?? [];
  const { minScoreForOnsite, minScoreToName } = round.settings.eligibility;
  return (
    <div data-testid="ranking-tab">
      <RankingSummary round={round} page={ranking.data} />
      <CutOffStrip cutOffs={cutOffs} active={search.pool} onPick={(pool) => onSearch({ pool })} />
      <div style={{ display: "flex", flexWrap: "wrap", justifyContent: "space-between", gap: 8 }}>
        <RankingFilterBar
          search={search}
          options={options.data}
          pools={cutOffs}
          loading={options.isPending}
          showCity={!reader.cityScoped}
          onChange={onSearch}
          onReset={onReset}
        />
        <Space style={{ marginBottom: 12 }}>
          <TableExport
            baseName={`${round.title}-${t("ranking.title")}`}
            columns={rankingExportColumns(t)}
            rows={() => fetchAllRanking(tenant, round.id, filters)}
            disabled={!ranking.data || ranking.data.total === 0}
            testId="ranking-export"
          />
        </Space>
      </div>
      {ranking.isError ? (
        <QueryErrorResult error={ranking.error} onRetry={() => void ranking.refetch()} />
      ) : (
        <RankingTable
          tenant={tenant}
          criteriaSystemId={round.criteriaSystemId}
          rows={ranking.data?.items}
          loading={ranking.isFetching}
          page={page}
          pageSize={ranking.data?.pageSize ?? RANKING_PAGE_SIZE}
          total={ranking.data?.total ?? 0}
          onPage={(p) => onSearch({ page: p > 1 ? p : undefined })}
          gates={{ onsite: minScoreForOnsite, naming: minScoreToName }}
          actions={
            reader.canDecide
              ? (row) => (
                  <DecisionButtons
                    tenant={tenant}
                    roundId={round.id}
                    applicationId={row.applicationId}
                    unitName={row.unitName}
                    status={row.status}
                    pool={cutOffs.find((c) => c.pool === row.pool)}
                  />
                )
              : undefined
          }
        />
      )}
    </div>
  );
}
