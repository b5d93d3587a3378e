import { queryOptions } from "@tanstack/react-query";
import { client, type OkBody, unwrap } from "./client.ts";

const t = client.api.t[":tenant"];
const roundApps = t.rounds[":roundId"].applications;
const one = t.applications[":id"];

export type ApplicationPage = OkBody<Awaited<ReturnType<typeof roundApps.$get>>>;
export type ApplicationRow = ApplicationPage["items"][number];
export type Application = OkBody<Awaited<ReturnType<typeof one.$get>>>;
export type ApplicationItem = Application["items"][number];
export type EvidenceFile = ApplicationItem["files"][number];
export type ApplicationStatus = Application["status"];
export type ApplicationFilters = Omit<NonNullable<Parameters<typeof roundApps.$get>[0]["query"]>, "page" | "pageSize">;
export type ApplyInput = Parameters<typeof roundApps.$post>[0]["json"];
export type ItemInput = Omit<Parameters<(typeof one.items)[":code"]["$put"]>[0]["json"], "version">;
export type ItemsInput = Parameters<typeof one.items.$put>[0]["json"]["items"];

export { APPLICATION_STATUSES } from "../../../worker/domain/vocabulary.ts";
export const APPLICATION_PAGE_SIZE = 20;

export const applicationsKey = (tenant: string) => ["t", tenant, "applications"] as const;

export const roundApplicationsQuery = (tenant: string, roundId: string, filters: ApplicationFilters, page: number) =>
  queryOptions({
    queryKey: [...applicationsKey(tenant), "round", roundId, filters, page] as const,
    queryFn: () =>
      unwrap(
        roundApps.$get({
          param: { tenant, roundId },
          query: { ...filters, page: String(page), pageSize: String(APPLICATION_PAGE_SIZE) },
        }),
      ),
  });

export const applicationQuery = (tenant: string, id: string) =>
  queryOptions({
    queryKey: [...applicationsKey(tenant), id] as const,
    queryFn: () => unwrap(one.$get({ param: { tenant, id } })),
  });

export function applyInRound(tenant: string, roundId: string, input: ApplyInput) {
  return unwrap(roundApps.$post({ param: { tenant, roundId }, json: input }));
}

export function saveItem(tenant: string, app: Application, code: string, input: ItemInput) {
  return unwrap(
    one.items[":code"].$put({ param: { tenant, id: app.id, code }, json: { ...input, version: app.version } }),
  );
}

/** Saves the changed items in one request: all or none, guarded by the application's version. */
export function saveItems(tenant: string, app: Application, items: ItemsInput) {
  return unwrap(one.items.$put({ param: { tenant, id: app.id }, json: { version: app.version, items } }));
}

/** The file goes as the raw body, typed by its own Content-Type; the name rides in the query. */
export function uploadEvidence(tenant: string, appId: string, code: string, file: File) {
  return unwrap(
    one.items[":code"].files.$post(
      { param: { tenant, id: appId, code }, query: { name: file.name } },
      { headers: { "Content-Type": file.type }, init: { body: file } },
    ),
  );
}

export function removeEvidence(tenant: string, app: Application, fileId: string) {
  return unwrap(
    one.files[":fileId"].delete.$post({ param: { tenant, id: app.id, fileId }, json: { version: app.version } }),
  );
}

export function evidenceUrl(tenant: string, id: string): string {
  return t["evidence-files"][":id"].$path({ param: { tenant, id } });
}

export function submitApplication(tenant: string, app: Application) {
  return unwrap(one.submit.$post({ param: { tenant, id: app.id }, json: { version: app.version } }));
}

export function withdrawApplication(tenant: string, app: Application) {
  return unwrap(one.withdraw.$post({ param: { tenant, id: app.id }, json: { version: app.version } }));
}

export function returnApplication(tenant: string, app: Application, reason: string) {
  return unwrap(one.return.$post({ param: { tenant, id: app.id }, json: { version: app.version, reason } }));
}
