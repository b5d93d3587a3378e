import { useQuery } from "@tanstack/react-query";
import { recordListQuery } from "../../api/records.ts";
import { measureOptions } from "../records/record-labels.ts";
import { usePublishedMeasures } from "../records/use-published-measures.ts";
import type { Choice } from "./ItemCard.tsx";

/** What an item may link to: the unit's published measures and its latest records. */
export function useLinkChoices(tenant: string, unitId: string, enabled: boolean) {
  const { measures } = usePublishedMeasures(tenant, unitId);
  const records = useQuery({ ...recordListQuery(tenant, unitId, {}, 1), enabled });
  const recordChoices: Choice[] = (records.data?.items ?? []).map((r) => ({ value: r.id, label: r.title }));
  return { measures: measureOptions(measures), records: recordChoices };
}
