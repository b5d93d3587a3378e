import { and, eq } from "drizzle-orm";
import { tenants } from "../../db/schema.ts";
import { DEFAULT_TENANT_SETTINGS } from "../domain/tenant-defaults.ts";
import { TenantSettings } from "../schemas/settings.ts";
import type { Db } from "./db.ts";
import type { Scope } from "./scope.ts";

export type TenantSettingsValues = typeof DEFAULT_TENANT_SETTINGS;

/** Stored settings, with defaults for anything missing or malformed (e.g. a key added since). */
export function readSettings(json: string): TenantSettingsValues {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    raw = {};
  }
  const merged = { ...DEFAULT_TENANT_SETTINGS, ...(typeof raw === "object" && raw ? raw : {}) };
  const parsed = TenantSettings.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_TENANT_SETTINGS;
}

export const logoUrl = (slug: string, version: number) => `/api/tenants/${slug}/logo?v=${version}`;

/** The office's row, as one statement of a batch (`settingsOf` reads it). */
export function settingsLookup(db: Db, scope: Scope) {
  return db.select().from(tenants).where(eq(tenants.id, scope.tenantId)).limit(1);
}

export function settingsOf([tenant]: Awaited<ReturnType<typeof settingsLookup>>) {
  if (!tenant) return undefined;
  return {
    name: tenant.name,
    displayName: tenant.displayName,
    logoUrl: tenant.logoKey ? logoUrl(tenant.slug, tenant.version) : null,
    ...readSettings(tenant.settings),
    version: tenant.version,
    logoKey: tenant.logoKey,
  };
}

export async function getSettings(db: Db, scope: Scope) {
  return settingsOf(await settingsLookup(db, scope));
}

/** Saves settings only over the version the editor saw (guarded: 0 rows changed means stale). */
export function settingsUpdate(
  db: Db,
  scope: Scope,
  version: number,
  values: Partial<{ displayName: string | null; settings: TenantSettingsValues; logoKey: string }>,
) {
  const { settings, ...rest } = values;
  return db
    .update(tenants)
    .set({ ...rest, ...(settings ? { settings: JSON.stringify(settings) } : {}), version: version + 1 })
    .where(and(eq(tenants.id, scope.tenantId), eq(tenants.version, version)));
}
