import { useQueries, useQuery } from "@tanstack/react-query";
import { programListQuery, programVersionQuery } from "../../api/programs.ts";

export interface MeasureChoice {
  programId: string;
  measureKey: string;
  title: string;
  programTitle: string;
}

/** The measures of the unit's published programs (their latest versions): what a record may link to. */
export function usePublishedMeasures(tenant: string, unitId: string) {
  const list = useQuery(programListQuery(tenant, unitId));
  const published = (list.data?.items ?? []).filter((p) => p.publishedVersion > 0);
  const versions = useQueries({
    queries: published.map((p) => programVersionQuery(tenant, p.id, p.publishedVersion)),
  });
  const measures: MeasureChoice[] = published.flatMap((program, i) =>
    (versions[i]?.data?.content.sections ?? [])
      .filter((section) => section.kind === "measures")
      .flatMap((section) =>
        section.items.map((item) => ({
          programId: program.id,
          measureKey: item.id,
          title: item.title,
          programTitle: program.title,
        })),
      ),
  );
  return { measures, loading: list.isPending || versions.some((v) => v.isPending) };
}
