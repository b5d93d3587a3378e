import { client, type OkBody, unwrap } from "./client.ts";
import type { UnitDetail } from "./queries.ts";

const units = client.api.t[":tenant"].units;

export type BulkUnitRow = Parameters<typeof units.bulk.$post>[0]["json"]["rows"][number];
export type BulkUnitReport = OkBody<Awaited<ReturnType<typeof units.bulk.$post>>>;

export function approveUnit(tenant: string, unit: UnitDetail) {
  return unwrap(units[":id"].approve.$post({ param: { tenant, id: unit.id }, json: { version: unit.version } }));
}

export function rejectUnit(tenant: string, unit: UnitDetail, reason: string) {
  return unwrap(units[":id"].reject.$post({ param: { tenant, id: unit.id }, json: { version: unit.version, reason } }));
}

export function bulkCreateUnits(tenant: string, rows: BulkUnitRow[], dryRun: boolean) {
  return unwrap(units.bulk.$post({ param: { tenant }, json: { rows, dryRun } }));
}
