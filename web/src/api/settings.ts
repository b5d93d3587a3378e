import { queryOptions } from "@tanstack/react-query";
import { client, type OkBody, unwrap } from "./client.ts";

const tenantApi = client.api.t[":tenant"];
const settings = tenantApi.settings;
const classifications = tenantApi.classifications[":list"];

export type Settings = OkBody<Awaited<ReturnType<typeof settings.$get>>>;
export type SettingsInput = Parameters<typeof settings.$put>[0]["json"];
export type ClassificationListName = "sectors" | "unit-kinds";
export type Classification = OkBody<Awaited<ReturnType<typeof classifications.$get>>>["items"][number];
export type ClassificationInput = Parameters<typeof classifications.$put>[0]["json"]["items"][number];

export const LOGO_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
export const MAX_LOGO_BYTES = 256 * 1024;

export const settingsKey = (tenant: string) => ["t", tenant, "settings"] as const;

export const settingsQuery = (tenant: string) =>
  queryOptions({
    queryKey: settingsKey(tenant),
    queryFn: () => unwrap(settings.$get({ param: { tenant } })),
  });

export function saveSettings(tenant: string, input: SettingsInput) {
  return unwrap(settings.$put({ param: { tenant }, json: input }));
}

/** The image goes as the raw body with its own content type; the typed route still builds the URL. */
export function uploadLogo(tenant: string, file: File) {
  return unwrap(
    settings.logo.$put({ param: { tenant } }, { headers: { "Content-Type": file.type }, init: { body: file } }),
  );
}

export const classificationsQuery = (tenant: string, list: ClassificationListName) =>
  queryOptions({
    queryKey: ["t", tenant, "classifications", list] as const,
    queryFn: () => unwrap(classifications.$get({ param: { tenant, list } })),
  });

export function saveClassifications(tenant: string, list: ClassificationListName, items: ClassificationInput[]) {
  return unwrap(classifications.$put({ param: { tenant, list }, json: { items } }));
}
