import { queryOptions } from "@tanstack/react-query";
import { client, type OkBody, unwrap } from "./client.ts";

// Pure constants shared with the Worker (no I/O, no dependencies).
export { RECORD_KINDS } from "../../../worker/domain/record-rules.ts";

const t = client.api.t[":tenant"];
const unitRecords = t.units[":unitId"].records;
const one = t.records[":id"];

export type RecordPage = OkBody<Awaited<ReturnType<typeof unitRecords.$get>>>;
export type UnitRecord = RecordPage["items"][number];
export type RecordKind = UnitRecord["kind"];
export type QuantityUnit = NonNullable<UnitRecord["quantityUnit"]>;
export type Attachment = UnitRecord["attachments"][number];
export type RecordInput = Parameters<typeof unitRecords.$post>[0]["json"];
export type RecordFilters = Omit<NonNullable<Parameters<typeof unitRecords.$get>[0]["query"]>, "page" | "pageSize">;
export type UnitProgress = OkBody<Awaited<ReturnType<(typeof t.units)[":unitId"]["progress"]["$get"]>>>;

export const RECORD_PAGE_SIZE = 20;

export const recordsKey = (tenant: string, unitId: string) => ["t", tenant, "records", unitId] as const;

export const recordListQuery = (tenant: string, unitId: string, filters: RecordFilters, page: number) =>
  queryOptions({
    queryKey: [...recordsKey(tenant, unitId), filters, page] as const,
    queryFn: () =>
      unwrap(
        unitRecords.$get({
          param: { tenant, unitId },
          query: { ...filters, page: String(page), pageSize: String(RECORD_PAGE_SIZE) },
        }),
      ),
  });

export const progressQuery = (tenant: string, unitId: string) =>
  queryOptions({
    queryKey: [...recordsKey(tenant, unitId), "progress"] as const,
    queryFn: () => unwrap(t.units[":unitId"].progress.$get({ param: { tenant, unitId } })),
  });

export function createRecord(tenant: string, unitId: string, input: RecordInput) {
  return unwrap(unitRecords.$post({ param: { tenant, unitId }, json: input }));
}

export function updateRecord(tenant: string, record: UnitRecord, input: RecordInput) {
  return unwrap(one.$patch({ param: { tenant, id: record.id }, json: { version: record.version, ...input } }));
}

export function deleteRecord(tenant: string, record: UnitRecord) {
  return unwrap(one.delete.$post({ param: { tenant, id: record.id }, json: { version: record.version } }));
}

/** The file goes as the raw body, typed by its own Content-Type; the name rides in the query. */
export function uploadAttachment(tenant: string, recordId: string, file: File) {
  return unwrap(
    one.attachments.$post(
      { param: { tenant, id: recordId }, query: { name: file.name } },
      { headers: { "Content-Type": file.type }, init: { body: file } },
    ),
  );
}

export function attachmentUrl(tenant: string, id: string): string {
  return t.attachments[":id"].$path({ param: { tenant, id } });
}
