import { useQueries, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { Application } from "../../api/applications.ts";
import { reportQuery } from "../../api/reports.ts";
import { RECORD_NAME_PAGE_SIZE, unitRecordNamesQuery } from "../../api/scoring.ts";
import { usePublishedMeasures } from "../records/use-published-measures.ts";
import { type Paragraph, paragraphsByItem } from "../report/draft.ts";

/** Further record pages read at most (100 records each) to name what an application links to. */
const MAX_RECORD_PAGES = 5;

export interface LinkedNames {
  measures: Map<string, { title: string; programTitle: string }>;
  records: Map<string, { title: string; date: string }>;
  /** The unit's report paragraphs linked to each item, by item code. */
  paragraphs: Map<string, Paragraph[]>;
  loading: boolean;
}

/**
 * Names of the measures and records an application's items link to (the application stores only their
 * keys and ids): the unit's published measures, and its records page by page until every linked one is named.
 */
export function useLinkedNames(tenant: string, app: Application): LinkedNames {
  const linkedRecords = useMemo(() => new Set(app.items.flatMap((i) => i.recordIds)), [app.items]);
  const { measures, loading: measuresLoading } = usePublishedMeasures(tenant, app.unit.id);
  const report = useQuery(reportQuery(tenant, app.id)).data?.report;
  const first = useQuery({ ...unitRecordNamesQuery(tenant, app.unit.id, 1), enabled: linkedRecords.size > 0 });
  const pages = Math.min(MAX_RECORD_PAGES, Math.ceil((first.data?.total ?? 0) / RECORD_NAME_PAGE_SIZE));
  const firstNames = new Set(first.data?.items.map((r) => r.id));
  const unresolved = [...linkedRecords].some((id) => !firstNames.has(id));
  const rest = useQueries({
    queries: Array.from({ length: unresolved ? Math.max(0, pages - 1) : 0 }, (_, i) =>
      unitRecordNamesQuery(tenant, app.unit.id, i + 2),
    ),
  });
  const records: Array<[string, { title: string; date: string }]> = [];
  for (const page of [first.data, ...rest.map((q) => q.data)]) {
    for (const r of page?.items ?? [])
      if (linkedRecords.has(r.id)) records.push([r.id, { title: r.title, date: r.date }]);
  }
  const loading = measuresLoading || (linkedRecords.size > 0 && first.isPending) || rest.some((q) => q.isPending);
  const measureEntries = measures.map((m) => [m.measureKey, { title: m.title, programTitle: m.programTitle }] as const);
  // The queries answer new arrays on every render: key the maps by content so the item rows can stay memoized.
  const paragraphs = report ? [...paragraphsByItem(report.content, report.links)] : [];
  const signature = JSON.stringify([measureEntries, records, paragraphs, loading]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the signature stands for the entries' content
  return useMemo(
    () => ({
      measures: new Map(measureEntries),
      records: new Map(records),
      paragraphs: new Map(paragraphs),
      loading,
    }),
    [signature],
  );
}
