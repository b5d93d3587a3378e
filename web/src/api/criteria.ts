import { queryOptions } from "@tanstack/react-query";
import { client, type OkBody, unwrap } from "./client.ts";

const systems = client.api.t[":tenant"]["criteria-systems"];
const one = systems[":id"];

export type CriteriaList = OkBody<Awaited<ReturnType<typeof systems.$get>>>;
export type CriteriaSummary = CriteriaList["items"][number];
export type CriteriaSystem = OkBody<Awaited<ReturnType<typeof one.$get>>>;
export type CriteriaContent = Parameters<typeof systems.$post>[0]["json"];
export type CriteriaItem = CriteriaSystem["categories"][number]["items"][number];
export type AssessmentMethod = CriteriaItem["method"];
export type VetoRule = CriteriaSystem["vetoRules"][number];

export const ASSESSMENT_METHODS: readonly AssessmentMethod[] = ["material", "onsite", "survey", "online"];

export const criteriaKey = (tenant: string) => ["t", tenant, "criteria"] as const;

export const criteriaListQuery = (tenant: string) =>
  queryOptions({
    queryKey: criteriaKey(tenant),
    queryFn: () => unwrap(systems.$get({ param: { tenant } })),
  });

export const criteriaQuery = (tenant: string, id: string) =>
  queryOptions({
    queryKey: [...criteriaKey(tenant), id] as const,
    queryFn: () => unwrap(one.$get({ param: { tenant, id } })),
  });

/** Create a system; also the JSON import. */
export function createCriteria(tenant: string, content: CriteriaContent) {
  return unwrap(systems.$post({ param: { tenant }, json: content }));
}

export function saveCriteria(tenant: string, id: string, rev: number, content: CriteriaContent) {
  return unwrap(one.$put({ param: { tenant, id }, json: { rev, content } }));
}

export function copyCriteria(tenant: string, id: string, name: string, version: number) {
  return unwrap(one.copy.$post({ param: { tenant, id }, json: { name, version } }));
}

/** The workbook goes as the raw body; a failure lists problems per sheet in `fields`. */
export function importCriteriaXlsx(tenant: string, file: File) {
  return unwrap(
    systems["import.xlsx"].$post(
      { param: { tenant } },
      { headers: { "Content-Type": XLSX_TYPE }, init: { body: file } },
    ),
  );
}

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Fetches an export through the typed client and returns it as a blob to save. */
export async function exportCriteria(tenant: string, id: string, format: "json" | "xlsx"): Promise<Blob> {
  const request =
    format === "json"
      ? one["export.json"].$get({ param: { tenant, id } })
      : one["export.xlsx"].$get({ param: { tenant, id } });
  const res = await request;
  if (!res.ok) {
    // Let unwrap turn the error body into an ApiFailure.
    await unwrap(Promise.resolve(res));
  }
  return res.blob();
}

/** The editable document of a stored system (the view minus its derived fields). */
export type CriteriaDraft = Omit<CriteriaSystem, "id" | "frozen" | "rev" | "methodShares">;

export function contentOf(system: CriteriaSystem): CriteriaDraft {
  const { id: _id, frozen: _f, rev: _r, methodShares: _m, ...content } = system;
  return content;
}
