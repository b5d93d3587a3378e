import { queryOptions } from "@tanstack/react-query";
import { client, type OkBody, unwrap } from "./client.ts";

const t = client.api.t[":tenant"];
const unitPrograms = t.units[":unitId"].programs;
const one = t.programs[":id"];

export type ProgramList = OkBody<Awaited<ReturnType<typeof unitPrograms.$get>>>;
export type ProgramSummary = ProgramList["items"][number];
export type Program = OkBody<Awaited<ReturnType<typeof one.$get>>>;
export type ProgramContent = Parameters<typeof unitPrograms.$post>[0]["json"];
export type ProgramVersions = OkBody<Awaited<ReturnType<typeof one.versions.$get>>>;
export type ProgramVersion = OkBody<Awaited<ReturnType<(typeof one.versions)[":number"]["$get"]>>>;
export type ProgramDiff = OkBody<Awaited<ReturnType<(typeof one.diff)[":from"][":to"]["$get"]>>>;
export type ParsedProgram = OkBody<Awaited<ReturnType<typeof t.programs.parse.$post>>>;
export type StoredContent = Program["draft"];
export type TargetLevel = ProgramContent["targetLevel"];
export type SectionKind = ProgramContent["sections"][number]["kind"];
export type MeasureStatus = StoredContent["sections"][number]["items"][number]["status"];

export const programsKey = (tenant: string) => ["t", tenant, "programs"] as const;

export const programListQuery = (tenant: string, unitId: string) =>
  queryOptions({
    queryKey: [...programsKey(tenant), "unit", unitId] as const,
    queryFn: () => unwrap(unitPrograms.$get({ param: { tenant, unitId } })),
  });

export const programQuery = (tenant: string, id: string) =>
  queryOptions({
    queryKey: [...programsKey(tenant), id] as const,
    queryFn: () => unwrap(one.$get({ param: { tenant, id } })),
  });

export const programVersionsQuery = (tenant: string, id: string) =>
  queryOptions({
    queryKey: [...programsKey(tenant), id, "versions"] as const,
    queryFn: () => unwrap(one.versions.$get({ param: { tenant, id } })),
  });

export const programVersionQuery = (tenant: string, id: string, number: number) =>
  queryOptions({
    queryKey: [...programsKey(tenant), id, "versions", number] as const,
    queryFn: () => unwrap(one.versions[":number"].$get({ param: { tenant, id, number: String(number) } })),
    staleTime: Number.POSITIVE_INFINITY, // a published version never changes
  });

export const programDiffQuery = (tenant: string, id: string, from: number, to: number) =>
  queryOptions({
    queryKey: [...programsKey(tenant), id, "diff", from, to] as const,
    queryFn: () => unwrap(one.diff[":from"][":to"].$get({ param: { tenant, id, from: String(from), to: String(to) } })),
    staleTime: Number.POSITIVE_INFINITY,
  });

export function createProgram(tenant: string, unitId: string, content: ProgramContent) {
  return unwrap(unitPrograms.$post({ param: { tenant, unitId }, json: content }));
}

export function saveProgram(tenant: string, id: string, version: number, content: ProgramContent) {
  return unwrap(one.$put({ param: { tenant, id }, json: { version, content } }));
}

export function publishProgram(tenant: string, id: string, version: number) {
  return unwrap(one.publish.$post({ param: { tenant, id }, json: { version } }));
}

export function parseProgramText(tenant: string, text: string) {
  return unwrap(t.programs.parse.$post({ param: { tenant }, json: { text } }));
}
